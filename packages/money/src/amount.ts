import { badInput } from '@portico/errors';
import { parseDecimal } from './decimal';

/** A positive amount given in the currency, as minor units; no more decimals than the currency has. */
export function positiveAmountToMinor(field: string, text: string, exponent: number): number {
  const value = parseDecimal(text.trim());
  if (!value || value.units <= 0n)
    throw badInput(field, 'Must be a positive amount such as "12.50"');
  if (value.scale > exponent)
    throw badInput(field, `At most ${exponent} decimal places in this currency`);
  const minor = value.units * 10n ** BigInt(exponent - value.scale);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw badInput(field, 'Amount is too large');
  return Number(minor);
}
