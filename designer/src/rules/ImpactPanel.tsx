import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImpactOnActualsRequest, ImpactPreview } from '@opscycle/domain';
import { apiRequest } from '../api/client';
import { payoutsApi } from '../api/performance';
import { ruleSetsApi } from '../api/ruleSets';
import { formatMoney } from '../format';
import { impactPeriods } from './impactPeriods';
import { toIncentiveInput, type IncentiveForm } from './incentiveInput';
import type { RuleGraph } from './model';

const IMPACT_SOURCES = ['actuals', 'simulator'] as const;
type ImpactSource = (typeof IMPACT_SOURCES)[number];

/** The draft and the published version on a period's stored actuals, built as a payout run builds them. */
const impactOnActuals = (graph: RuleGraph, period: string) =>
  apiRequest<ImpactPreview>('POST', `/rule-sets/${encodeURIComponent(graph.id)}/impact-actuals`, {
    graph,
    period,
  } satisfies ImpactOnActualsRequest);

/** Periods to pick from and the default (the latest period a payout run paid); runs are optional. */
function usePeriods(): { periods: string[]; period: string; setPeriod: (p: string) => void } {
  const [choice, setChoice] = useState(() => impactPeriods([], new Date()));
  const [period, setPeriod] = useState(choice.latest);
  useEffect(() => {
    let live = true;
    payoutsApi
      .runs()
      .then(({ runs }) => {
        if (!live) return;
        const next = impactPeriods(
          runs.map((r) => r.runId),
          new Date(),
        );
        setChoice(next);
        setPeriod(next.latest);
      })
      // Without access to payout runs the quarters before today remain on offer.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return { periods: choice.periods, period, setPeriod };
}

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
  const [source, setSource] = useState<ImpactSource>('actuals');
  const { periods, period, setPeriod } = usePeriods();

  async function run() {
    setError(null);
    try {
      const draft = graph();
      setPreview(
        source === 'actuals'
          ? await impactOnActuals(draft, period)
          : await ruleSetsApi.impact(draft, toIncentiveInput(incentiveForm, draft.currency ?? 'CNY')),
      );
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }

  const money = (minor: number) => formatMoney(minor, preview?.currency);
  return (
    <div data-testid="impact">
      <label>
        {t('impact.source')}{' '}
        <select
          data-testid="impact-source"
          value={source}
          onChange={(e) => setSource(e.target.value as ImpactSource)}
        >
          {IMPACT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`impact.sources.${s}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      {source === 'actuals' && (
        <label>
          {t('impact.periodPicker')}{' '}
          <select data-testid="impact-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      )}{' '}
      <button className="primary" data-testid="run-impact" onClick={() => void run()}>
        {t(source === 'actuals' ? 'impact.run' : 'impact.runSimulator')}
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
