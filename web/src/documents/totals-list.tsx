import { useFormats } from '../format/formats';
import { useT } from '../i18n/locale';

interface CurrencyTotals {
  currency: string;
  grossTotal: string;
  paidTotal: string;
  balanceDue: string;
}

/** Gross, paid and balance due per currency: amounts in different currencies never add up. */
export function TotalsList({ totals, heading }: { totals: CurrencyTotals[]; heading: string }) {
  const t = useT();
  const f = useFormats();
  if (totals.length === 0) return null;
  return (
    <section aria-label={heading} className="totals">
      {totals.map((row) => (
        <dl key={row.currency} className="total-card">
          <div>
            <dt>{t('column.currency')}</dt>
            <dd>{row.currency}</dd>
          </div>
          <div>
            <dt>{t('column.gross')}</dt>
            <dd>{f.money(row.grossTotal, row.currency)}</dd>
          </div>
          <div>
            <dt>{t('column.paid')}</dt>
            <dd>{f.money(row.paidTotal, row.currency)}</dd>
          </div>
          <div>
            <dt>{t('column.balanceDue')}</dt>
            <dd className="strong">{f.money(row.balanceDue, row.currency)}</dd>
          </div>
        </dl>
      ))}
    </section>
  );
}
