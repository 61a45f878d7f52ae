import { taxBreakdown } from './tax-breakdown';

describe('tax breakdown', () => {
  it('sums net and tax per rate in exact cents, highest rate first', () => {
    expect(
      taxBreakdown([
        { taxRate: '7', netAmount: '0.10', taxAmount: '0.01' },
        { taxRate: '19', netAmount: '1000.05', taxAmount: '190.01' },
        { taxRate: '7', netAmount: '0.20', taxAmount: '0.01' },
        { taxRate: '19', netAmount: '-0.15', taxAmount: '-0.03' },
      ]),
    ).toEqual([
      { taxRate: '19', net: '999.90', tax: '189.98' },
      { taxRate: '7', net: '0.30', tax: '0.02' },
    ]);
  });
});
