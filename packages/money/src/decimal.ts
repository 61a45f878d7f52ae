/**
 * Exact decimal arithmetic on BigInt. A Decimal is `units / 10^scale`; no
 * JavaScript float ever touches an amount.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

/** Parses "1234.50" or "-3"; returns undefined for anything else (exponents, commas, spaces). */
export function parseDecimal(text: string): Decimal | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const units = BigInt(whole + fraction) * (text.startsWith('-') ? -1n : 1n);
  return { units, scale: fraction.length };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/**
 * Rounds to `scale` digits, half away from zero (commercial rounding):
 * 0.125 -> 0.13, -0.125 -> -0.13.
 */
export function roundTo(value: Decimal, scale: number): bigint {
  if (value.scale <= scale) return value.units * 10n ** BigInt(scale - value.scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const magnitude = value.units < 0n ? -value.units : value.units;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return value.units < 0n ? -rounded : rounded;
}

/** Minor units as a decimal string with exactly `exponent` fraction digits. */
export function formatMinor(minor: bigint, exponent: number): string {
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  return exponent === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
