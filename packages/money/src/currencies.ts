/** ISO 4217 minor-unit exponents of the currencies Portico accepts. */
const EXPONENTS: Record<string, number> = {
  AED: 2,
  AUD: 2,
  BGN: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  MXN: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PLN: 2,
  RON: 2,
  RSD: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  UAH: 2,
  USD: 2,
  VND: 0,
  ZAR: 2,
};

export function currencyExponent(currency: string): number | undefined {
  return EXPONENTS[currency];
}

/** The currency codes Portico accepts, alphabetically. */
export const CURRENCIES: readonly string[] = Object.keys(EXPONENTS).sort();
