import { useTranslation } from 'react-i18next';
import type { AdjustedStrategyAnalysis, AnsoffQuadrant, CycleView } from '@opscycle/domain';
import { cyclesApi } from '../api/cycles';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/session';
import { formatMoney, formatPct } from '../format';
import { Loadable } from '../shell/Loadable';
import { AdjustTargetForm } from './AdjustTargetForm';
import { monthName } from './progress';

/** Growth sources shown by size of their change; the rest are in the totals. */
const SOURCES_SHOWN = 10;
/** The Ansoff matrix as drawn: rows are markets, columns products. */
const ANSOFF_GRID: [AnsoffQuadrant, AnsoffQuadrant][] = [
  ['marketPenetration', 'productDevelopment'],
  ['marketDevelopment', 'diversification'],
];

/** The strategy analysis: where growth came from, the forecast, and how the proposed target was reached. */
export function StrategyPanel({ cycle, onChanged }: { cycle: CycleView; onChanged: () => void }) {
  const strategy = useApi(() => cyclesApi.strategy(cycle.cycleId), [cycle]);
  return (
    <Loadable state={strategy}>
      {(analysis) => (
        <StrategyBody
          cycle={cycle}
          analysis={analysis}
          onAdjusted={() => {
            void strategy.reload();
            onChanged();
          }}
        />
      )}
    </Loadable>
  );
}

function StrategyBody({
  cycle,
  analysis,
  onAdjusted,
}: {
  cycle: CycleView;
  analysis: AdjustedStrategyAnalysis;
  onAdjusted: () => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { growth, forecast, proposal, adjustment } = analysis;
  const money = (minor: number) => formatMoney(minor, proposal.currency);
  const unitName = new Map(cycle.orgUnits.map((u) => [u.id, u.name]));
  const change = growth.totals.revenueMinor - growth.totals.baseRevenueMinor;
  const share = (minor: number) => (change === 0 ? '—' : formatPct(minor / change));
  const quadrant = (q: AnsoffQuadrant) => growth.byQuadrant.find((x) => x.quadrant === q)?.growthMinor ?? 0;
  const sources = [...growth.sources]
    .sort(
      (a, b) => Math.abs(b.revenueMinor - b.baseRevenueMinor) - Math.abs(a.revenueMinor - a.baseRevenueMinor),
    )
    .slice(0, SOURCES_SHOWN);
  const targetSetting = cycle.steps.find((s) => s.step === 'targetSetting');
  return (
    <div>
      <h4>{t('cycleView.growthSources', { base: growth.baseYear, year: growth.year })}</h4>
      <table data-testid="growth-totals">
        <tbody>
          <tr>
            <td>{t('cycleView.baseRevenue', { year: growth.baseYear })}</td>
            <td>{money(growth.totals.baseRevenueMinor)}</td>
            <td />
          </tr>
          {(
            [
              ['marketGrowth', growth.totals.marketGrowthMinor],
              ['shareChange', growth.totals.shareChangeMinor],
              ['newBusiness', growth.totals.newBusinessMinor],
            ] as const
          ).map(([key, minor]) => (
            <tr key={key} data-testid={`growth-${key}`}>
              <td>{t(`cycleView.${key}`)}</td>
              <td>{money(minor)}</td>
              <td className="muted">{share(minor)}</td>
            </tr>
          ))}
          <tr>
            <td>{t('cycleView.revenue', { year: growth.year })}</td>
            <td>{money(growth.totals.revenueMinor)}</td>
            <td />
          </tr>
        </tbody>
      </table>
      {sources.length > 0 && (
        <table data-testid="growth-sources">
          <thead>
            <tr>
              <th>{t('cycleView.region')}</th>
              <th>{t('cycleView.productLine')}</th>
              <th>{t('cycleView.marketGrowth')}</th>
              <th>{t('cycleView.shareChange')}</th>
              <th>{t('cycleView.newBusiness')}</th>
              <th>{t('cycleView.ansoff')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={`${s.regionId}:${s.productLine}:${s.customerSize ?? '*'}`}>
                <td>{unitName.get(s.regionId) ?? s.regionId}</td>
                <td>
                  {s.productLine}
                  {s.customerSize ? ` · ${s.customerSize}` : ''}
                </td>
                <td>{money(s.marketGrowthMinor)}</td>
                <td>{money(s.shareChangeMinor)}</td>
                <td>{money(s.newBusinessMinor)}</td>
                <td>{t(`ansoffQuadrant.${s.quadrant}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4>{t('cycleView.ansoff')}</h4>
      <table data-testid="ansoff">
        <thead>
          <tr>
            <th />
            <th>{t('cycleView.existingProducts')}</th>
            <th>{t('cycleView.newProducts')}</th>
          </tr>
        </thead>
        <tbody>
          {ANSOFF_GRID.map((row, i) => (
            <tr key={row[0]}>
              <th>{t(i === 0 ? 'cycleView.existingMarkets' : 'cycleView.newMarkets')}</th>
              {row.map((q) => (
                <td key={q} data-testid={`ansoff-${q}`}>
                  <div>{t(`ansoffQuadrant.${q}`)}</div>
                  <strong>{money(quadrant(q))}</strong>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h4>{t('cycleView.forecast', { year: forecast.fiscalYear })}</h4>
      <p data-testid="forecast-trend">
        {money(forecast.totalMinor)} ·{' '}
        {t('cycleView.trend', {
          rate: formatPct(forecast.trendGrowthRate),
          from: forecast.basisYears[0],
          to: forecast.basisYears.at(-1),
        })}
      </p>
      <table data-testid="forecast-monthly">
        <thead>
          <tr>
            <th>{t('cycleView.region')}</th>
            {forecast.monthlyMinor.map((_, m) => (
              <th key={m}>{monthName(m, i18n.language)}</th>
            ))}
            <th>{t('cycleView.total')}</th>
          </tr>
        </thead>
        <tbody>
          {forecast.byRegion.map((r) => (
            <tr key={r.regionId}>
              <td>{unitName.get(r.regionId) ?? r.regionId}</td>
              {r.monthlyMinor.map((m, i) => (
                <td key={i}>{money(m)}</td>
              ))}
              <td>{money(r.totalMinor)}</td>
            </tr>
          ))}
          <tr>
            <th>{t('cycleView.total')}</th>
            {forecast.monthlyMinor.map((m, i) => (
              <th key={i}>{money(m)}</th>
            ))}
            <th>{money(forecast.totalMinor)}</th>
          </tr>
        </tbody>
      </table>

      <h4>{t('cycleView.proposal')}</h4>
      <p>
        <strong data-testid="company-target">{money(proposal.companyTargetMinor)}</strong>
      </p>
      <p data-testid="how-reached">
        {t('cycleView.howReached', {
          forecast: money(proposal.forecastMinor),
          stretch: formatPct(proposal.stretchPct),
          target: money(adjustment?.proposedMinor ?? proposal.companyTargetMinor),
        })}
      </p>
      {adjustment && (
        <p data-testid="adjustment">
          {t('cycleView.adjusted', {
            proposed: money(adjustment.proposedMinor),
            target: money(adjustment.companyTargetMinor),
            by: adjustment.adjustedBy,
            at: new Date(adjustment.adjustedAt).toLocaleString(i18n.language, {
              dateStyle: 'medium',
              timeStyle: 'short',
            }),
            reason: adjustment.reason,
          })}
        </p>
      )}
      {user.role === 'opsAdmin' &&
        (targetSetting?.status === 'pending' ? (
          <AdjustTargetForm cycleId={cycle.cycleId} proposal={proposal} onAdjusted={onAdjusted} />
        ) : (
          <p className="muted" data-testid="adjust-closed">
            {t('cycleView.adjustClosed')}
          </p>
        ))}
    </div>
  );
}
