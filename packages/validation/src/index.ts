import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { badInput } from '@portico/errors';

// Pragmatic address check: one @, no spaces, a dot in the domain. Delivery is the real test.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed, lower-cased email address, or BAD_USER_INPUT on `field`. */
export function normalizeEmail(field: string, value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badInput(field, 'Not a valid email address');
  return email;
}

/** Trimmed text of 1..max characters, or BAD_USER_INPUT on `field`. */
export function requireText(field: string, value: string | null | undefined, max = 200): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw badInput(field, 'Must not be empty');
  if (text.length > max) throw badInput(field, `Must have at most ${max} characters`);
  return text;
}

/** Like requireText, but empty means null. */
export function optionalText(
  field: string,
  value: string | null | undefined,
  max = 200,
): string | null {
  const text = value?.trim() ?? '';
  return text.length === 0 ? null : requireText(field, text, max);
}

/** A URL-safe identifier such as an organization slug. */
export function requireSlug(field: string, value: string): string {
  const slug = value.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) {
    throw badInput(
      field,
      'Use 2 to 63 lower-case letters, digits and dashes, starting with a letter or digit',
    );
  }
  return slug;
}

/** A calendar date as YYYY-MM-DD that exists. */
export function requireDate(field: string, value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    throw badInput(field, 'Must be a date as YYYY-MM-DD');
  }
  return value;
}

/** A mobile or landline number in E.164 (`+4917012345678`), given with its country code. */
export function normalizePhone(field: string, value: string): string {
  const text = value.trim().replace(/^00/, '+');
  if (!text.startsWith('+'))
    throw badInput(field, 'Give the number with its country code, e.g. +49 170 1234567');
  const phone = parsePhoneNumberFromString(text);
  if (!phone?.isValid()) throw badInput(field, 'Not a valid phone number');
  return phone.number;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** An ISO 3166-1 alpha-2 country code, upper-cased. */
export function normalizeCountry(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  // Intl echoes codes it does not know.
  if (!/^[A-Z]{2}$/.test(code) || regionNames.of(code) === code)
    throw badInput(field, 'Use an ISO 3166-1 alpha-2 country code such as DE');
  return code;
}

/** An IBAN without spaces, upper-cased, with a valid check sum. */
export function normalizeIban(field: string, value: string): string {
  const iban = electronicFormatIBAN(value) ?? '';
  if (!isValidIBAN(iban)) throw badInput(field, 'Not a valid IBAN');
  return iban;
}

/** A BIC (8 or 11 characters), upper-cased. */
export function normalizeBic(field: string, value: string): string {
  const bic = value.replace(/\s/g, '').toUpperCase();
  if (!isValidBIC(bic)) throw badInput(field, 'Not a valid BIC');
  return bic;
}

/** An ISO-8601 timestamp with date, time and zone, e.g. 2026-12-31T23:59:00Z. */
export function requireTimestamp(field: string, value: string): Date {
  const date = new Date(value);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim()) ||
    Number.isNaN(date.getTime())
  )
    throw badInput(field, 'Must be a timestamp such as 2026-12-31T23:59:00Z');
  return date;
}
