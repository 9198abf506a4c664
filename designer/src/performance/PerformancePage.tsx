import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Funnel,
  FunnelChart,
  LabelList,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { performanceApi, type PerformanceView } from '../api/performance';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/session';
import { formatMoney, formatPct } from '../format';
import { Loadable } from '../shell/Loadable';

const COLORS = ['#1f6feb', '#3b82f6', '#60a5fa', '#93c5fd', '#bfdbfe'];
/** Axis ticks of yuan amounts: "35M" reads where "35000000" is cut off. */
const compact = (value: number) => new Intl.NumberFormat('en', { notation: 'compact' }).format(value);

/** Performance review (绩效管理): KPI tiles, target vs actual per unit, bubble chart, funnel. */
export default function PerformancePage({ rest }: { rest: string[] }) {
  const { t } = useTranslation();
  const user = useUser();
  const [unitId, setUnitId] = useState(rest[0] ?? user.orgUnitId);
  const [period, setPeriod] = useState<string | null>(rest[1] ?? null);
  const periods = useApi(() => performanceApi.periods(unitId), [unitId]);
  const review = useApi(() => performanceApi.review(unitId, period), [unitId, period]);
  return (
    <div>
      <h1>{t('performance.title')}</h1>
      <div className="row">
        <label>
          {t('inbox.orgUnit')}{' '}
          <input data-testid="perf-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)} />
        </label>
        <label>
          {t('performance.period')}{' '}
          <select
            data-testid="perf-period"
            value={period ?? ''}
            onChange={(e) => setPeriod(e.target.value || null)}
          >
            <option value="">—</option>
            {(periods.data ?? []).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Loadable state={review}>
        {(r) => (r ? <Review review={r} /> : <p className="muted">{t('common.noData')}</p>)}
      </Loadable>
    </div>
  );
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="tile" data-testid={testId}>
      <div className="muted">{label}</div>
      <div className="value">{value}</div>
    </div>
  );
}

function Review({ review }: { review: PerformanceView }) {
  const { t } = useTranslation();
  const k = review.kpis;
  const pct = (r: number | null) => (r === null ? '—' : formatPct(r));
  const units = review.children.map((c) => ({
    unit: c.kpis.unitId,
    target: (c.kpis.targetMinor ?? 0) / 100,
    actual: c.kpis.revenueMinor / 100,
    attainment: c.kpis.achievement === null ? null : Math.round(c.kpis.achievement * 1000) / 10,
    growth:
      review.growth[c.kpis.unitId] == null
        ? null
        : Math.round((review.growth[c.kpis.unitId] ?? 0) * 1000) / 10,
    revenue: c.kpis.revenueMinor / 100,
  }));
  const bubbles = units.filter((u) => u.attainment !== null && u.growth !== null);
  const funnel = k.stageConversion.map((s, i) => ({
    name: t(`funnelStage.${s.stage}`),
    value: s.reached,
    fill: COLORS[i % COLORS.length],
  }));
  return (
    <>
      <div className="tiles">
        <Tile
          testId="kpi-revenue"
          label={t('performance.revenue')}
          value={formatMoney(k.revenueMinor, k.currency)}
        />
        <Tile testId="kpi-attainment" label={t('performance.attainment')} value={pct(k.achievement)} />
        <Tile testId="kpi-collection" label={t('performance.collection')} value={pct(k.collectionRate)} />
        <Tile
          testId="kpi-new-customers"
          label={t('performance.newCustomers')}
          value={String(k.newCustomers)}
        />
        <Tile testId="kpi-conversion" label={t('performance.leadConversion')} value={pct(k.leadConversion)} />
        <Tile
          testId="kpi-cycle"
          label={t('performance.salesCycle')}
          value={k.averageSalesCycleDays === null ? '—' : `${k.averageSalesCycleDays.toFixed(0)} d`}
        />
      </div>
      {review.diagnosis.findings.length > 0 && (
        <div className="panel" data-testid="diagnosis">
          <strong>{t('performance.diagnosis')}</strong>
          <ul>
            {review.diagnosis.findings.map((f) => (
              <li key={f.metric}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid2">
        <div className="panel">
          <h3>{t('performance.targetVsActual')}</h3>
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={units}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="unit" />
              <YAxis tickFormatter={compact} />
              <Tooltip />
              <Legend />
              <Bar dataKey="target" name={t('performance.target')} fill="#98a2b3" />
              <Bar dataKey="actual" name={t('performance.actual')} fill="#1f6feb" />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="panel" data-testid="bubble-chart">
          <h3>{t('performance.bubble')}</h3>
          <ResponsiveContainer width="100%" height={280}>
            <ScatterChart margin={{ top: 20, right: 40, bottom: 5, left: 0 }}>
              <CartesianGrid />
              <XAxis type="number" dataKey="attainment" name={t('performance.attainment')} unit="%" />
              <YAxis type="number" dataKey="growth" name={t('performance.growth')} unit="%" />
              <ZAxis type="number" dataKey="revenue" name={t('performance.revenue')} range={[80, 1600]} />
              <Tooltip cursor={{ strokeDasharray: '3 3' }} />
              <Scatter name={t('inbox.orgUnit')} data={bubbles} fill="#1f6feb" fillOpacity={0.6}>
                <LabelList dataKey="unit" position="top" />
              </Scatter>
            </ScatterChart>
          </ResponsiveContainer>
        </div>
        <div className="panel" data-testid="funnel-chart">
          <h3>{t('performance.funnelChart')}</h3>
          <ResponsiveContainer width="100%" height={280}>
            <FunnelChart>
              <Tooltip />
              <Funnel dataKey="value" data={funnel} isAnimationActive={false}>
                <LabelList position="right" fill="#1f2933" stroke="none" dataKey="name" />
              </Funnel>
            </FunnelChart>
          </ResponsiveContainer>
        </div>
        <div className="panel">
          <h3>{t('performance.targetVsActual')}</h3>
          <table data-testid="unit-table">
            <thead>
              <tr>
                <th>{t('inbox.orgUnit')}</th>
                <th className="num">{t('performance.target')}</th>
                <th className="num">{t('performance.actual')}</th>
                <th className="num">{t('performance.attainment')}</th>
                <th className="num">{t('performance.growth')}</th>
              </tr>
            </thead>
            <tbody>
              {review.children.map((c) => (
                <tr key={c.kpis.unitId}>
                  <td>{c.kpis.unitId}</td>
                  <td className="num">
                    {c.kpis.targetMinor === null ? '—' : formatMoney(c.kpis.targetMinor, c.kpis.currency)}
                  </td>
                  <td className="num">{formatMoney(c.kpis.revenueMinor, c.kpis.currency)}</td>
                  <td className="num">{pct(c.kpis.achievement)}</td>
                  <td className="num">{pct(review.growth[c.kpis.unitId] ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
