import type { MessageId } from '../i18n/locale';

type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/**
 * The server's BAD_USER_INPUT messages a contact or staff can meet, by their English
 * words (the API speaks English), to the catalog's: so a German page says it
 * in German. A message not listed here is shown as the server wrote it.
 */
const KNOWN: [RegExp, MessageId][] = [
  [/^This code is not right/, 'serverError.codeWrong'],
  [/^Enter the code we sent by SMS/, 'serverError.codeMissing'],
  [/^Password must have at least (\d+) characters/, 'serverError.passwordShort'],
  [/^Password must have at most (\d+) characters/, 'serverError.passwordLong'],
  [/most common in breached password lists/, 'serverError.passwordCommon'],
  [/^Choose a password you have not been using/, 'serverError.passwordReused'],
  [/^Not a valid email address/, 'serverError.email'],
  [/^Must not be empty/, 'serverError.empty'],
  [/^Must have at most (\d+) characters/, 'serverError.tooLong'],
  [/^A company needs its company name/, 'form.required'],
  [/^A person needs a (first|last) name/, 'form.required'],
  [/^Use the country prefix and number/, 'customer.fix.vatId'],
  [/^Not a valid IBAN/, 'customer.fix.iban'],
  [/^Not a valid BIC/, 'customer.fix.bic'],
  [/^A bank account needs its IBAN/, 'serverError.ibanMissing'],
  [/^Use an ISO 3166-1 alpha-2 country code/, 'customer.fix.country'],
  [/^(Give the number with its country code|Not a valid phone number)/, 'customer.fix.phone'],
  [/^Use 1 to 32 letters, digits/, 'serverError.customerNumber'],
  [/^Due date is before the issue date/, 'serverError.dueBeforeIssue'],
  [/^Must be a date as YYYY-MM-DD/, 'serverError.date'],
  [/^Must be a decimal number such as/, 'serverError.decimal'],
  [/^Must be a positive amount such as/, 'serverError.positiveAmount'],
  [/^At most (\d+) decimal places in this currency/, 'serverError.decimals'],
  [/^Tax rate must be between 0 and 100/, 'serverError.taxRate'],
  [/^Unsupported currency/, 'serverError.currency'],
  [/^More than the balance due of (\S+)/, 'serverError.overpaid'],
];

export function inViewersWords(message: string, t: Translate): string {
  for (const [pattern, id] of KNOWN) {
    const match = pattern.exec(message);
    // A number in the message is the count of its plural; anything else is its value.
    if (match) return t(id, { count: Number(match[1] ?? 0), value: match[1] ?? '' });
  }
  return message;
}
