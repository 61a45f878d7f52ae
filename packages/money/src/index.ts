export { positiveAmountToMinor } from './amount';
export { currencyExponent, CURRENCIES } from './currencies';
export { formatMinor, multiply, parseDecimal, roundTo, type Decimal } from './decimal';
export {
  formatAmount,
  priceLines,
  taxBreakdown,
  type LineInput,
  type PricedDocument,
  type PricedLine,
} from './line-totals';
