import { useMemo } from 'react';
import { useIntl } from 'react-intl';

/** Money, dates and times in the viewer's language, through Intl. */
export function useFormats() {
  const intl = useIntl();
  return useMemo(
    () => ({
      /** Amounts come as decimal strings ("1190.00"). */
      money: (amount: string | null | undefined, currency: string) =>
        amount == null ? '' : intl.formatNumber(Number(amount), { style: 'currency', currency }),
      number: (value: string) => intl.formatNumber(Number(value), { maximumFractionDigits: 4 }),
      percent: (rate: string) =>
        intl.formatNumber(Number(rate) / 100, { style: 'percent', maximumFractionDigits: 2 }),
      /** Dates are calendar days ("2026-12-03"), shown as such in every time zone. */
      date: (day: string | null | undefined) =>
        day ? intl.formatDate(`${day}T00:00:00Z`, { timeZone: 'UTC', dateStyle: 'medium' }) : '',
      dateTime: (at: string | null | undefined) =>
        at ? intl.formatDate(at, { dateStyle: 'medium', timeStyle: 'short' }) : '',
    }),
    [intl],
  );
}
