import type { MessageId } from '../i18n/locale';

type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/**
 * The server's BAD_USER_INPUT messages a contact can meet, by their English
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
];

export function inViewersWords(message: string, t: Translate): string {
  for (const [pattern, id] of KNOWN) {
    const match = pattern.exec(message);
    if (match) return t(id, { count: Number(match[1] ?? 0) });
  }
  return message;
}
