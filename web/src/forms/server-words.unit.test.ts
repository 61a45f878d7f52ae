import de from '../i18n/messages/de.json';
import en from '../i18n/messages/en.json';
import type { MessageId } from '../i18n/locale';
import { inViewersWords } from './server-words';

// The catalogs' words with {count} filled in: enough of ICU for these messages.
const translator =
  (catalog: Record<string, string>) => (id: MessageId, values?: Record<string, string | number>) =>
    catalog[id]!.replace('{count}', String(values?.count)).replace(
      '{value}',
      String(values?.value),
    );

describe("the server's field messages in the viewer's words", () => {
  it('says a known message in German, and the same in English as the server', () => {
    const server = 'Password must have at least 10 characters';
    expect(inViewersWords(server, translator(de))).toBe(
      'Das Passwort braucht mindestens 10 Zeichen',
    );
    expect(inViewersWords(server, translator(en))).toBe(server);
    expect(inViewersWords('This code is not right; check the SMS', translator(de))).toBe(
      'Dieser Code stimmt nicht; prüfen Sie die SMS',
    );
  });

  it("carries the server's figure over", () => {
    expect(inViewersWords('More than the balance due of 1071.20', translator(de))).toBe(
      'Mehr als der offene Betrag von 1071.20.',
    );
    expect(inViewersWords('Due date is before the issue date', translator(de))).toBe(
      'Das Fälligkeitsdatum liegt vor dem Belegdatum.',
    );
  });

  it('shows a message it does not know as the server wrote it', () => {
    expect(inViewersWords('Something new', translator(de))).toBe('Something new');
  });
});
