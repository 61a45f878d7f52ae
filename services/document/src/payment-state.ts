import {
  PAYABLE_TYPES,
  type DocumentRecord,
  type DocumentStatus,
  type PaymentState,
  type StoredPaymentState,
} from './model/document';

/** Today (UTC) as YYYY-MM-DD, what issue and due dates are compared with. */
export const today = () => new Date().toISOString().slice(0, 10);

const OPEN_STATES: StoredPaymentState[] = ['UNPAID', 'PARTIALLY_PAID'];

/** Payment state, balance and status after `paidMinor` of the gross is paid (same sign as gross). */
export function paymentPosition(
  document: Pick<DocumentRecord, 'type' | 'grossMinor'>,
  paidMinor: number,
) {
  if (!PAYABLE_TYPES.includes(document.type))
    return { paymentState: null, balanceMinor: 0, status: 'ISSUED' as DocumentStatus };
  const balanceMinor = document.grossMinor - paidMinor;
  const state: StoredPaymentState =
    balanceMinor === 0 ? 'PAID' : paidMinor === 0 ? 'UNPAID' : 'PARTIALLY_PAID';
  const status: DocumentStatus = state === 'UNPAID' ? 'ISSUED' : state;
  return { paymentState: state, balanceMinor, status };
}

/** The state shown: an open document past its due date is OVERDUE. */
export function paymentStateOf(
  document: Pick<DocumentRecord, 'paymentState' | 'dueDate'>,
): PaymentState | null {
  const open = document.paymentState !== null && OPEN_STATES.includes(document.paymentState);
  return open && document.dueDate && document.dueDate < today() ? 'OVERDUE' : document.paymentState;
}

/** The same rule as a MongoDB condition, for filters. */
export function paymentStateCondition(state: PaymentState): object {
  const open = { paymentState: { $in: OPEN_STATES } };
  if (state === 'OVERDUE') return { ...open, dueDate: { $lt: today() } };
  if (state === 'PAID') return { paymentState: 'PAID' };
  const notYetDue = { $or: [{ dueDate: null }, { dueDate: { $gte: today() } }] };
  return { $and: [{ paymentState: state }, notYetDue] };
}
