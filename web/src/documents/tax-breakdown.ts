/** Net and tax per tax rate, summed from the lines' own amounts (decimal strings, in cents). */
export interface TaxRow {
  taxRate: string;
  net: string;
  tax: string;
}

const cents = (amount: string) => {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  return amount.startsWith('-') ? -value : value;
};

const decimal = (value: bigint) => {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

export function taxBreakdown(
  lines: { taxRate: string; netAmount: string; taxAmount: string }[],
): TaxRow[] {
  const byRate = new Map<string, { net: bigint; tax: bigint }>();
  for (const line of lines) {
    const sum = byRate.get(line.taxRate) ?? { net: 0n, tax: 0n };
    sum.net += cents(line.netAmount);
    sum.tax += cents(line.taxAmount);
    byRate.set(line.taxRate, sum);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([taxRate, sum]) => ({ taxRate, net: decimal(sum.net), tax: decimal(sum.tax) }));
}
