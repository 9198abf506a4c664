import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImpactPreview } from '@opscycle/domain';
import { ruleSetsApi } from '../api/ruleSets';
import { formatMoney } from '../format';
import { toIncentiveInput, type IncentiveForm } from './incentiveInput';
import type { RuleGraph } from './model';

/** The draft against last period's actuals, next to what the published version paid: per payee and in total. */
export function ImpactPanel({
  graph,
  incentiveForm,
}: {
  graph: () => RuleGraph;
  incentiveForm: IncentiveForm;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ImpactPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setError(null);
    try {
      const draft = graph();
      setPreview(await ruleSetsApi.impact(draft, toIncentiveInput(incentiveForm, draft.currency ?? 'CNY')));
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }

  const money = (minor: number) => formatMoney(minor, preview?.currency);
  return (
    <div data-testid="impact">
      <button className="primary" data-testid="run-impact" onClick={() => void run()}>
        {t('impact.run')}
      </button>
      {error && <p className="error">{error}</p>}
      {preview && (
        <>
          <p className="muted">{t('impact.period', { period: preview.periodId })}</p>
          <table data-testid="impact-table">
            <thead>
              <tr>
                <th>{t('impact.payee')}</th>
                <th className="num">{t('impact.published')}</th>
                <th className="num">{t('impact.draft')}</th>
                <th className="num">{t('impact.delta')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.payees.map((p) => (
                <tr key={p.payeeId}>
                  <td>{p.payeeId}</td>
                  <td className="num">{money(p.publishedMinor)}</td>
                  <td className="num">{money(p.draftMinor)}</td>
                  <td className={`num ${p.deltaMinor < 0 ? 'error' : p.deltaMinor > 0 ? 'ok' : ''}`}>
                    {money(p.deltaMinor)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>{t('common.total')}</th>
                <th className="num">{money(preview.totals.publishedMinor)}</th>
                <th className="num">{money(preview.totals.draftMinor)}</th>
                <th className="num" data-testid="impact-total-delta">
                  {money(preview.totals.deltaMinor)}
                </th>
              </tr>
            </tfoot>
          </table>
          <p className="muted">
            ↑ {preview.totals.payeesUp} · ↓ {preview.totals.payeesDown} · = {preview.totals.payeesUnchanged}
          </p>
        </>
      )}
    </div>
  );
}
