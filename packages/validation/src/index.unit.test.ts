import { normalizeEmail, optionalText, requireDate, requireSlug, requireText } from './index';

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
});
