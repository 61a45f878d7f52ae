import { formatMinor, parseDecimal, roundTo } from './decimal';
import { formatAmount, priceLines } from './line-totals';

const line = (quantity: string, unitPrice: string, taxRate = '19') => ({
  description: 'x',
  quantity,
  unitPrice,
  taxRate,
});

describe('money', () => {
  it('adds 0.1 and 0.2 exactly', () => {
    const doc = priceLines('EUR', [line('1', '0.1', '0'), line('1', '0.2', '0')]);
    expect(formatAmount(doc.grossMinor, doc.exponent)).toBe('0.30');
  });

  it('rounds half away from zero per line', () => {
    expect(roundTo(parseDecimal('0.125')!, 2)).toBe(13n);
    expect(roundTo(parseDecimal('-0.125')!, 2)).toBe(-13n);
    expect(roundTo(parseDecimal('0.124')!, 2)).toBe(12n);
    // 3 x 0.335 = 1.005 -> 1.01; tax 19 % of 1.01 = 0.1919 -> 0.19
    const doc = priceLines('EUR', [line('3', '0.335')]);
    expect([doc.netMinor, doc.taxMinor, doc.grossMinor]).toEqual([101, 19, 120]);
  });

  it('keeps many lines exact', () => {
    const lines = Array.from({ length: 1000 }, () => line('1', '0.01', '7'));
    const doc = priceLines('EUR', lines);
    expect(formatAmount(doc.netMinor, 2)).toBe('10.00');
    expect(formatAmount(doc.taxMinor, 2)).toBe('0.00'); // 7 % of 0.01 rounds to 0 on every line
  });

  it('handles negative credit-note lines', () => {
    const doc = priceLines('EUR', [line('-2', '49.99'), line('1', '10')]);
    expect(formatAmount(doc.netMinor, 2)).toBe('-89.98');
    expect(formatAmount(doc.taxMinor, 2)).toBe('-17.10'); // -19.00 + 1.90
    expect(formatAmount(doc.grossMinor, 2)).toBe('-107.08');
  });

  it('uses the currency exponent (JPY 0, BHD 3)', () => {
    const yen = priceLines('JPY', [line('3', '333.5', '10')]);
    expect([formatAmount(yen.netMinor, 0), formatAmount(yen.taxMinor, 0)]).toEqual(['1001', '100']);
    const dinar = priceLines('BHD', [line('1', '1.2345', '10')]);
    expect([formatAmount(dinar.netMinor, 3), formatAmount(dinar.grossMinor, 3)]).toEqual([
      '1.235',
      '1.359',
    ]);
  });

  it('names the field of bad input', () => {
    expect(() => priceLines('XXX', [])).toThrow(
      expect.objectContaining({ field: 'input.currency' }),
    );
    expect(() => priceLines('EUR', [line('1', '1e3')])).toThrow(
      expect.objectContaining({ field: 'input.lines.0.unitPrice' }),
    );
    expect(() => priceLines('EUR', [line('1', '1', '101')])).toThrow(
      expect.objectContaining({ field: 'input.lines.0.taxRate' }),
    );
  });

  it('formats minor units', () => {
    expect(formatMinor(-5n, 2)).toBe('-0.05');
    expect(formatMinor(123456n, 3)).toBe('123.456');
    expect(formatMinor(7n, 0)).toBe('7');
  });
});
