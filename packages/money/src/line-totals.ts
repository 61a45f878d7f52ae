import { badInput } from '@portico/errors';
import { currencyExponent } from './currencies';
import { formatMinor, multiply, parseDecimal, roundTo, type Decimal } from './decimal';

export interface LineInput {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

export interface PricedLine extends LineInput {
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface PricedDocument {
  exponent: number;
  lines: PricedLine[];
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

function decimalField(field: string, text: string): Decimal {
  const value = parseDecimal(text.trim());
  if (!value) throw badInput(field, 'Must be a decimal number such as "12.50"');
  return value;
}

function toSafeNumber(field: string, minor: bigint): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw badInput(field, 'Amount is too large');
  }
  return Number(minor);
}

/**
 * Prices lines in the currency's minor units. Rounding rule: each line's net
 * (quantity x unit price) and each line's tax (net x rate / 100) are rounded
 * half away from zero to the currency's minor unit; gross = net + tax; the
 * document totals are the exact sums of the rounded lines.
 */
export function priceLines(currency: string, lines: LineInput[]): PricedDocument {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw badInput('input.currency', `Unsupported currency ${currency}`);
  let net = 0n;
  let tax = 0n;
  const priced = lines.map((line, index) => {
    const field = (name: string) => `input.lines.${index}.${name}`;
    const quantity = decimalField(field('quantity'), line.quantity);
    const unitPrice = decimalField(field('unitPrice'), line.unitPrice);
    const rate = decimalField(field('taxRate'), line.taxRate);
    if (rate.units < 0n || roundTo(rate, 0) > 100n)
      throw badInput(field('taxRate'), 'Tax rate must be between 0 and 100');
    const netMinor = roundTo(multiply(quantity, unitPrice), exponent);
    const taxMinor = roundTo(
      multiply({ units: netMinor, scale: 0 }, { units: rate.units, scale: rate.scale + 2 }),
      0,
    );
    net += netMinor;
    tax += taxMinor;
    return {
      ...line,
      netMinor: toSafeNumber(field('unitPrice'), netMinor),
      taxMinor: toSafeNumber(field('unitPrice'), taxMinor),
      grossMinor: toSafeNumber(field('unitPrice'), netMinor + taxMinor),
    };
  });
  return {
    exponent,
    lines: priced,
    netMinor: toSafeNumber('input.lines', net),
    taxMinor: toSafeNumber('input.lines', tax),
    grossMinor: toSafeNumber('input.lines', net + tax),
  };
}

export const formatAmount = (minor: number, exponent: number) =>
  formatMinor(BigInt(minor), exponent);

/** "19", "19.0" and "19.00" are one rate. */
function rateKey(rate: string): string {
  const [whole = '0', fraction = ''] = rate.trim().split('.');
  const significant = fraction.replace(/0+$/, '');
  const integer = whole.replace(/^0+(?=\d)/, '');
  return significant ? `${integer}.${significant}` : integer;
}

/** Net and tax per tax rate, in the order the rates first appear. */
export function taxBreakdown(lines: PricedLine[], exponent: number) {
  const byRate = new Map<string, { net: number; tax: number }>();
  for (const line of lines) {
    const key = rateKey(line.taxRate);
    const sum = byRate.get(key) ?? { net: 0, tax: 0 };
    byRate.set(key, { net: sum.net + line.netMinor, tax: sum.tax + line.taxMinor });
  }
  return [...byRate].map(([rate, sum]) => ({
    rate,
    netAmount: formatAmount(sum.net, exponent),
    taxAmount: formatAmount(sum.tax, exponent),
  }));
}
