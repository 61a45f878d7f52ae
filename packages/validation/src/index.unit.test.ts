import {
  normalizeBic,
  normalizeCountry,
  normalizeIban,
  normalizePhone,
  normalizeEmail,
  optionalText,
  requireDate,
  requireSlug,
  requireText,
  requireTimestamp,
} from './index';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (
      (error as { code: string; field: string }).code + ':' + (error as { field: string }).field
    );
  }
  return 'ok';
};

describe('validation', () => {
  it('normalizes emails and names the field of a bad one', () => {
    expect(normalizeEmail('input.email', '  Anna@Example.COM ')).toBe('anna@example.com');
    expect(fieldOf(() => normalizeEmail('input.email', 'anna@example'))).toBe(
      'BAD_USER_INPUT:input.email',
    );
    expect(fieldOf(() => normalizeEmail('input.email', 'a b@example.com'))).toBe(
      'BAD_USER_INPUT:input.email',
    );
  });

  it('requires non-empty bounded text', () => {
    expect(requireText('name', '  ACME ')).toBe('ACME');
    expect(fieldOf(() => requireText('name', '   '))).toBe('BAD_USER_INPUT:name');
    expect(fieldOf(() => requireText('name', 'x'.repeat(201)))).toBe('BAD_USER_INPUT:name');
    expect(optionalText('x', '  ')).toBeNull();
  });

  it('checks slugs and real calendar dates', () => {
    expect(requireSlug('slug', 'Acme-GmbH')).toBe('acme-gmbh');
    expect(fieldOf(() => requireSlug('slug', '-acme'))).toBe('BAD_USER_INPUT:slug');
    expect(requireDate('d', '2024-02-29')).toBe('2024-02-29');
    expect(fieldOf(() => requireDate('d', '2026-02-29'))).toBe('BAD_USER_INPUT:d');
    expect(fieldOf(() => requireDate('d', '2026-1-01'))).toBe('BAD_USER_INPUT:d');
  });

  it('normalizes phone numbers to E.164 and refuses numbers without a country code', () => {
    expect(normalizePhone('phone', '+49 170 1234567')).toBe('+491701234567');
    expect(normalizePhone('phone', '0044 20 7946 0958')).toBe('+442079460958');
    expect(fieldOf(() => normalizePhone('phone', '0170 1234567'))).toBe('BAD_USER_INPUT:phone');
    expect(fieldOf(() => normalizePhone('phone', '+49 12'))).toBe('BAD_USER_INPUT:phone');
  });

  it('checks countries, IBANs and BICs', () => {
    expect(normalizeCountry('c', ' de ')).toBe('DE');
    expect(fieldOf(() => normalizeCountry('c', 'XX'))).toBe('BAD_USER_INPUT:c');
    expect(normalizeIban('iban', 'de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(fieldOf(() => normalizeIban('iban', 'DE89370400440532013001'))).toBe(
      'BAD_USER_INPUT:iban',
    );
    expect(normalizeBic('bic', 'cobadeffxxx')).toBe('COBADEFFXXX');
    expect(fieldOf(() => normalizeBic('bic', 'COBA'))).toBe('BAD_USER_INPUT:bic');
  });

  it('reads ISO-8601 timestamps with a zone only', () => {
    expect(requireTimestamp('t', '2026-12-31T23:59:00+01:00').toISOString()).toBe(
      '2026-12-31T22:59:00.000Z',
    );
    expect(fieldOf(() => requireTimestamp('t', '2026-12-31'))).toBe('BAD_USER_INPUT:t');
    expect(fieldOf(() => requireTimestamp('t', '2026-12-31T23:59:00'))).toBe('BAD_USER_INPUT:t');
  });
});
