import type { CustomerSelfServiceInput } from '../gql/graphql';

/** What the customer-data form holds: every field as typed, '' for nothing. */
export interface CustomerDraft {
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  taxId: string;
  vatId: string;
  iban: string;
  bic: string;
  accountHolder: string;
}

export type DraftField = keyof CustomerDraft;

interface StoredCustomer {
  phone?: string | null;
  address?: {
    street?: string | null;
    postalCode?: string | null;
    city?: string | null;
    country?: string | null;
  } | null;
  taxId?: string | null;
  vatId?: string | null;
  bankAccount?: { iban?: string | null; bic?: string | null; accountHolder?: string | null } | null;
}

export function draftOf(customer: StoredCustomer): CustomerDraft {
  return {
    phone: customer.phone ?? '',
    street: customer.address?.street ?? '',
    postalCode: customer.address?.postalCode ?? '',
    city: customer.address?.city ?? '',
    country: customer.address?.country ?? '',
    taxId: customer.taxId ?? '',
    vatId: customer.vatId ?? '',
    iban: customer.bankAccount?.iban ?? '',
    bic: customer.bankAccount?.bic ?? '',
    accountHolder: customer.bankAccount?.accountHolder ?? '',
  };
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** The whole form as the server takes it: an emptied field clears, an empty bank account goes. */
export function inputOf(draft: CustomerDraft): CustomerSelfServiceInput {
  const bank = [draft.iban, draft.bic, draft.accountHolder].some((value) => value.trim());
  return {
    phone: orNull(draft.phone),
    address: {
      street: orNull(draft.street),
      postalCode: orNull(draft.postalCode),
      city: orNull(draft.city),
      country: orNull(draft.country)?.toUpperCase() ?? null,
    },
    taxId: orNull(draft.taxId),
    vatId: orNull(draft.vatId),
    bankAccount: bank
      ? {
          iban: orNull(draft.iban),
          bic: orNull(draft.bic),
          accountHolder: orNull(draft.accountHolder),
        }
      : null,
  };
}

/** Where the server names each field in its BAD_USER_INPUT (`extensions.field`). */
export const SERVER_FIELDS: Record<DraftField, string> = {
  phone: 'input.phone',
  street: 'input.address.street',
  postalCode: 'input.address.postalCode',
  city: 'input.address.city',
  country: 'input.address.country',
  taxId: 'input.taxId',
  vatId: 'input.vatId',
  iban: 'input.bankAccount.iban',
  bic: 'input.bankAccount.bic',
  accountHolder: 'input.bankAccount.accountHolder',
};
