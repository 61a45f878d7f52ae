import de from './messages/de.json';
import en from './messages/en.json';
import staffDe from './messages/staff-de.json';
import staffEn from './messages/staff-en.json';

const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)\s*[,}]/g)].map((match) => match[1]).sort();

const CATALOGS = [
  { name: 'shared', en, de },
  { name: 'staff', en: staffEn, de: staffDe },
];

describe.each(CATALOGS)('the $name message catalogs', ({ en, de }) => {
  it('have the same keys in English and German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages, and no empty message', () => {
    for (const [key, message] of Object.entries(en)) {
      const german = (de as Record<string, string>)[key]!;
      expect({ key, placeholders: placeholders(german) }).toEqual({
        key,
        placeholders: placeholders(message),
      });
      expect(message.trim()).not.toBe('');
      expect(german.trim()).not.toBe('');
    }
  });
});

describe('the staff catalog', () => {
  it('adds words, never changes a shared one', () => {
    expect(Object.keys(staffEn).filter((key) => key in en)).toEqual([]);
  });
});
