import { electronicFormatIBAN, getCountrySpecifications, isValidIBAN } from 'ibantools';

export type IbanState = 'empty' | 'incomplete' | 'valid' | 'invalid';

const countries = getCountrySpecifications();

/**
 * An IBAN as it is being typed, checked with the library the server uses:
 * `incomplete` until it has its country's length (no complaint yet), then
 * `valid` or `invalid` by the check digits.
 */
export function ibanState(value: string): IbanState {
  const iban = electronicFormatIBAN(value) ?? '';
  if (!iban) return 'empty';
  const length = countries[iban.slice(0, 2)]?.chars;
  if (!length) return iban.length < 2 ? 'incomplete' : 'invalid';
  if (iban.length < length) return 'incomplete';
  return isValidIBAN(iban) ? 'valid' : 'invalid';
}
