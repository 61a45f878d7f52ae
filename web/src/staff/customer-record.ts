import { draftOf, inputOf, SERVER_FIELDS, type CustomerDraft } from '../customer/customer-draft';
import type { CustomerInput, CustomerType } from '../gql/graphql';

/**
 * What staff edit of a customer: who it is (type, number, names, billing email) on top of the
 * contact's own customer-data fields, which this reuses.
 */
export interface CustomerRecordDraft extends CustomerDraft {
  type: CustomerType;
  number: string;
  companyName: string;
  firstName: string;
  lastName: string;
  email: string;
}

export type RecordField = keyof CustomerRecordDraft;

type StoredRecord = Parameters<typeof draftOf>[0] & {
  type: CustomerType;
  number: string;
  companyName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
};

export const EMPTY_RECORD: CustomerRecordDraft = {
  ...draftOf({}),
  type: 'COMPANY',
  number: '',
  companyName: '',
  firstName: '',
  lastName: '',
  email: '',
};

export function recordDraftOf(customer: StoredRecord): CustomerRecordDraft {
  return {
    ...draftOf(customer),
    type: customer.type,
    number: customer.number,
    companyName: customer.companyName ?? '',
    firstName: customer.firstName ?? '',
    lastName: customer.lastName ?? '',
    email: customer.email ?? '',
  };
}

/** The fields a customer of this type cannot be saved without, as the server insists. */
export function requiredFields(type: CustomerType): RecordField[] {
  return type === 'COMPANY' ? ['companyName'] : ['firstName', 'lastName'];
}

/** The missing required fields, checked before the trip the server would refuse anyway. */
export function missingFields(draft: CustomerRecordDraft): RecordField[] {
  return requiredFields(draft.type).filter((field) => !draft[field].trim());
}

const orNull = (value: string) => value.trim() || null;

/**
 * The draft as the server takes it. The other type's names are dropped (a company has no first
 * name); an empty number lets the server generate one.
 */
export function recordInputOf(draft: CustomerRecordDraft): CustomerInput {
  const company = draft.type === 'COMPANY';
  return {
    ...inputOf(draft),
    type: draft.type,
    number: orNull(draft.number),
    companyName: company ? orNull(draft.companyName) : null,
    firstName: company ? null : orNull(draft.firstName),
    lastName: company ? null : orNull(draft.lastName),
    email: orNull(draft.email),
  };
}

/** Where the server names each field in its BAD_USER_INPUT. */
export const RECORD_SERVER_FIELDS: Record<RecordField, string> = {
  ...SERVER_FIELDS,
  type: 'input.type',
  number: 'input.number',
  companyName: 'input.companyName',
  firstName: 'input.firstName',
  lastName: 'input.lastName',
  email: 'input.email',
};
