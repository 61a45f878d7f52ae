import { badInput } from '@portico/errors';
import { normalizeEmail, optionalText } from '@portico/validation';
import type { CustomerRecord, CustomerType } from './model/customer';

export interface CustomerInput {
  type: CustomerType;
  number?: string | null;
  companyName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
}

type CustomerFields = Pick<
  CustomerRecord,
  'type' | 'displayName' | 'companyName' | 'firstName' | 'lastName' | 'email' | 'phone'
>;

/**
 * Checks a CustomerInput: a company needs its name, a person first and last
 * name. Returns the normalized fields, or BAD_USER_INPUT naming the field.
 */
export function customerFieldsFrom(input: CustomerInput): CustomerFields {
  const companyName = optionalText('input.companyName', input.companyName);
  const firstName = optionalText('input.firstName', input.firstName, 100);
  const lastName = optionalText('input.lastName', input.lastName, 100);
  if (input.type === 'COMPANY' && !companyName)
    throw badInput('input.companyName', 'A company needs its company name');
  if (input.type === 'PERSON' && !firstName)
    throw badInput('input.firstName', 'A person needs a first name');
  if (input.type === 'PERSON' && !lastName)
    throw badInput('input.lastName', 'A person needs a last name');
  const email = input.email?.trim() ? normalizeEmail('input.email', input.email) : null;
  const phone = optionalText('input.phone', input.phone, 32);
  const displayName = input.type === 'COMPANY' ? companyName! : `${firstName} ${lastName}`;
  return { type: input.type, displayName, companyName, firstName, lastName, email, phone };
}

/** A given customer number: 1..32 letters, digits, dots, dashes or slashes. */
export function customerNumberFrom(value: string): string {
  const number = value.trim();
  if (!/^[\w./-]{1,32}$/.test(number))
    throw badInput('input.number', 'Use 1 to 32 letters, digits, dots, dashes or slashes');
  return number;
}
