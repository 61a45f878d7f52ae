import { checkNumberPattern, DEFAULT_NUMBER_PATTERNS, formatNumber } from './numbering';

const failure = (pattern: string) => {
  try {
    checkNumberPattern('pattern', pattern);
    return 'ok';
  } catch (error) {
    return (error as { field: string }).field;
  }
};

describe('document number patterns', () => {
  it('formats years and zero-padded sequences', () => {
    expect(formatNumber(DEFAULT_NUMBER_PATTERNS.INVOICE, '2026', 123)).toBe('INV-2026-000123');
    expect(formatNumber('RE/{YY}/{SEQ:3}', '2026', 7)).toBe('RE/26/007');
    expect(formatNumber('{SEQ}', '2026', 1234567)).toBe('1234567');
  });

  it('wants exactly one sequence token and plain literals', () => {
    expect(failure('INV-{YYYY}')).toBe('pattern');
    expect(failure('{SEQ}-{SEQ}')).toBe('pattern');
    expect(failure('INV {SEQ}')).toBe('pattern');
    expect(failure('{SEQ:13}')).toBe('pattern');
    expect(failure('INV-{MM}-{SEQ}')).toBe('pattern');
    expect(failure(' RE/{YY}/{SEQ:5} ')).toBe('ok');
  });
});
