import { priceLines } from '@portico/money';
import { decimalOf, documentInputOf, draftTotals, newDocumentDraft } from './document-draft';

const draftWith = (
  lines: { quantity: string; unitPrice: string; taxRate: string }[],
  currency = 'EUR',
) => ({
  ...newDocumentDraft('c1', new Date('2026-12-03T10:00:00Z')),
  currency,
  lines: lines.map((line) => ({ description: 'Work', ...line })),
});

describe('the document editor draft', () => {
  it('starts as an invoice dated today, due in 14 days', () => {
    const draft = newDocumentDraft('c1', new Date('2026-12-25T10:00:00Z'));
    expect([draft.type, draft.issueDate, draft.dueDate]).toEqual([
      'INVOICE',
      '2026-12-25',
      '2027-01-08',
    ]);
  });

  it('reads a comma as the decimal mark only when there is no point', () => {
    expect(decimalOf('12,50')).toBe('12.50');
    expect(decimalOf(' 1 234.5 ')).toBe('1234.5');
    expect(decimalOf('1,234.50')).toBe('1,234.50'); // left for the rules to refuse
  });

  it('shows the totals the server computes, rounding each line half away from zero', () => {
    // 3 x 0.335 = 1.005 -> 1.01 net, 19 % -> 0.19; 0.125 x 1 -> 0.13 net, 7 % -> 0.01
    const lines = [
      { quantity: '3', unitPrice: '0,335', taxRate: '19' },
      { quantity: '1', unitPrice: '0.125', taxRate: '7' },
      { quantity: '-2', unitPrice: '49.99', taxRate: '19' },
    ];
    const shown = draftTotals(draftWith(lines));
    const server = priceLines('EUR', documentInputOf(draftWith(lines)).lines);
    expect(shown.lines.map((line) => line?.net)).toEqual(['1.01', '0.13', '-99.98']);
    expect(shown.totals).toEqual({ net: '-98.84', tax: '-18.80', gross: '-117.64' });
    expect([server.netMinor, server.taxMinor, server.grossMinor]).toEqual([-9884, -1880, -11764]);
  });

  it('uses the currency minor unit (JPY has none, BHD three)', () => {
    expect(
      draftTotals(draftWith([{ quantity: '3', unitPrice: '333.5', taxRate: '10' }], 'JPY')).totals,
    ).toEqual({
      net: '1001',
      tax: '100',
      gross: '1101',
    });
    expect(
      draftTotals(draftWith([{ quantity: '1', unitPrice: '1.2345', taxRate: '10' }], 'BHD')).totals
        ?.gross,
    ).toBe('1.359');
  });

  it('leaves an unfinished line alone and names the field of a wrong one, by its place', () => {
    const shown = draftTotals(
      draftWith([
        { quantity: '1', unitPrice: '10', taxRate: '19' },
        { quantity: '1', unitPrice: '', taxRate: '19' },
        { quantity: '1', unitPrice: '1e3', taxRate: '19' },
        { quantity: '1', unitPrice: '5', taxRate: '101' },
      ]),
    );
    expect(shown.lines[0]?.gross).toBe('11.90');
    expect(shown.lines[1]).toBeNull();
    expect(Object.keys(shown.errors).sort()).toEqual([
      'input.lines.2.unitPrice',
      'input.lines.3.taxRate',
    ]);
    expect(shown.totals).toBeNull();
  });

  it('sends what the server takes: trimmed text, upper-case currency, no empty optionals', () => {
    const input = documentInputOf({
      ...draftWith([{ quantity: '2', unitPrice: '1,5', taxRate: '19' }]),
      currency: 'eur',
      project: ' ',
    });
    expect(input).toMatchObject({ currency: 'EUR', project: null, notes: null, customerId: 'c1' });
    expect(input.lines[0]).toEqual({
      description: 'Work',
      quantity: '2',
      unitPrice: '1.5',
      taxRate: '19',
    });
  });
});
