import { badInput } from '@portico/errors';
import {
  normalizeBic,
  normalizeCountry,
  normalizeEmail,
  normalizeIban,
  normalizePhone,
  optionalText,
} from '@portico/validation';
import type { Address, BankAccount, CustomerData, CustomerType } from './model/customer';

interface AddressInput {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

interface BankAccountInput {
  iban?: string | null;
  bic?: string | null;
  accountHolder?: string | null;
}

/** The contact data, address, bank account and tax ids; what a contact may edit. */
export interface CustomerSelfServiceInput {
  email?: string | null;
  phone?: string | null;
  address?: AddressInput | null;
  taxId?: string | null;
  vatId?: string | null;
  bankAccount?: BankAccountInput | null;
}

export interface CustomerInput extends CustomerSelfServiceInput {
  type: CustomerType;
  number?: string | null;
  companyName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

type SelfServiceFields = Pick<
  CustomerData,
  'email' | 'phone' | 'address' | 'taxId' | 'vatId' | 'bankAccount'
>;

/**
 * Checks a CustomerInput: a company needs its name, a person first and last
 * name. Returns the normalized fields, or BAD_USER_INPUT naming the field.
 */
export function customerFieldsFrom(input: CustomerInput): CustomerData {
  if (input.type !== 'COMPANY' && input.type !== 'PERSON')
    throw badInput('input.type', 'Use PERSON or COMPANY');
  const companyName = optionalText('input.companyName', input.companyName);
  const firstName = optionalText('input.firstName', input.firstName, 100);
  const lastName = optionalText('input.lastName', input.lastName, 100);
  if (input.type === 'COMPANY' && !companyName)
    throw badInput('input.companyName', 'A company needs its company name');
  if (input.type === 'PERSON' && !firstName)
    throw badInput('input.firstName', 'A person needs a first name');
  if (input.type === 'PERSON' && !lastName)
    throw badInput('input.lastName', 'A person needs a last name');
  const displayName = input.type === 'COMPANY' ? companyName! : `${firstName} ${lastName}`;
  const selfService = selfServiceFieldsFrom({
    email: input.email ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    taxId: input.taxId ?? null,
    vatId: input.vatId ?? null,
    bankAccount: input.bankAccount ?? null,
  });
  return {
    type: input.type,
    displayName,
    companyName,
    firstName,
    lastName,
    ...(selfService as Required<SelfServiceFields>),
  };
}

/**
 * Checks the fields present in the input; an absent field is left out of the
 * result (unchanged), a null or empty one clears it.
 */
export function selfServiceFieldsFrom(input: CustomerSelfServiceInput): Partial<SelfServiceFields> {
  const fields: Partial<SelfServiceFields> = {};
  if (input.email !== undefined)
    fields.email = input.email?.trim() ? normalizeEmail('input.email', input.email) : null;
  if (input.phone !== undefined)
    fields.phone = input.phone?.trim() ? normalizePhone('input.phone', input.phone) : null;
  if (input.address !== undefined) fields.address = addressFrom(input.address);
  if (input.taxId !== undefined) fields.taxId = optionalText('input.taxId', input.taxId, 40);
  if (input.vatId !== undefined) fields.vatId = vatIdFrom(input.vatId);
  if (input.bankAccount !== undefined) fields.bankAccount = bankAccountFrom(input.bankAccount);
  return fields;
}

function addressFrom(input: AddressInput | null): Address | null {
  if (!input) return null;
  const address = {
    street: optionalText('input.address.street', input.street, 200),
    postalCode: optionalText('input.address.postalCode', input.postalCode, 20),
    city: optionalText('input.address.city', input.city, 100),
    country: input.country?.trim()
      ? normalizeCountry('input.address.country', input.country)
      : null,
  };
  return Object.values(address).some((value) => value !== null) ? address : null;
}

function bankAccountFrom(input: BankAccountInput | null): BankAccount | null {
  if (!input) return null;
  const bankAccount = {
    iban: input.iban?.trim() ? normalizeIban('input.bankAccount.iban', input.iban) : null,
    bic: input.bic?.trim() ? normalizeBic('input.bankAccount.bic', input.bic) : null,
    accountHolder: optionalText('input.bankAccount.accountHolder', input.accountHolder, 140),
  };
  if (!bankAccount.iban && (bankAccount.bic || bankAccount.accountHolder))
    throw badInput('input.bankAccount.iban', 'A bank account needs its IBAN');
  return bankAccount.iban ? bankAccount : null;
}

/** A VAT id: two-letter country prefix and 2..13 letters or digits (EU VIES format). */
function vatIdFrom(value: string | null): string | null {
  const vatId = value?.replace(/[\s.-]/g, '').toUpperCase() ?? '';
  if (!vatId) return null;
  if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(vatId))
    throw badInput('input.vatId', 'Use the country prefix and number, e.g. DE123456789');
  return vatId;
}

/** A given customer number: 1..32 letters, digits, dots, dashes or slashes. */
export function customerNumberFrom(value: string): string {
  const number = value.trim();
  if (!/^[\w./-]{1,32}$/.test(number))
    throw badInput('input.number', 'Use 1 to 32 letters, digits, dots, dashes or slashes');
  return number;
}
