import type { DiagnosisCause, DiagnosisFinding, KpiSet, PerformanceDiagnosis } from '@opscycle/domain';

export interface DiagnosisThresholds {
  /** A driver below this share of its benchmark is a finding (0.9 = more than 10% below). */
  driverRatio: number;
  collectionRatio: number;
}
export const DEFAULT_THRESHOLDS: DiagnosisThresholds = { driverRatio: 0.9, collectionRatio: 0.9 };

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const amount = (minor: number) => (minor / 100).toFixed(2);

/**
 * Why a unit is behind. Revenue = leads x conversion x deal size, so each driver is compared with
 * the benchmark (the company, or the parent, in the same period):
 *   - leadShortfall: leads created vs the leads the target needs at benchmark conversion and deal size;
 *   - conversion: lead conversion vs benchmark;  - dealSize: average won deal vs benchmark;
 *   - collection: collection rate vs benchmark (reported even when the unit is on track).
 * The primary cause of a unit behind target is the revenue driver furthest below its benchmark;
 * of a unit on track, a collection finding if there is one.
 */
export function diagnosePerformance(
  kpis: KpiSet,
  benchmark: KpiSet,
  thresholds: DiagnosisThresholds = DEFAULT_THRESHOLDS,
): PerformanceDiagnosis {
  const status = kpis.achievement === null ? 'noTarget' : kpis.achievement >= 1 ? 'onTrack' : 'behind';
  const findings: DiagnosisFinding[] = [];
  const check = (
    cause: DiagnosisCause,
    metric: string,
    actual: number | null,
    bench: number | null,
    limit: number,
    describe: (actual: number, bench: number) => string,
  ) => {
    if (actual === null || bench === null || bench <= 0) return;
    const ratio = actual / bench;
    if (ratio < limit)
      findings.push({ cause, metric, actual, benchmark: bench, ratio, message: describe(actual, bench) });
  };

  if (status === 'behind' && kpis.targetMinor !== null) {
    const conversion = benchmark.leadConversion;
    const dealSize = benchmark.averageDealMinor;
    const requiredLeads = conversion && dealSize ? kpis.targetMinor / (conversion * dealSize) : null;
    check(
      'leadShortfall',
      'leadsCreated',
      kpis.leadsCreated,
      requiredLeads,
      thresholds.driverRatio,
      (a, b) =>
        `${a} leads created; the target of ${amount(kpis.targetMinor ?? 0)} needs about ${Math.ceil(b)} at benchmark conversion ${pct(conversion ?? 0)} and deal size ${amount(dealSize ?? 0)}`,
    );
    check(
      'conversion',
      'leadConversion',
      kpis.leadConversion,
      conversion,
      thresholds.driverRatio,
      (a, b) => `lead conversion ${pct(a)} vs benchmark ${pct(b)}`,
    );
    check(
      'dealSize',
      'averageDealMinor',
      kpis.averageDealMinor,
      dealSize,
      thresholds.driverRatio,
      (a, b) => `average won deal ${amount(a)} vs benchmark ${amount(b)}`,
    );
  }
  check(
    'collection',
    'collectionRate',
    kpis.collectionRate,
    benchmark.collectionRate,
    thresholds.collectionRatio,
    (a, b) => `collected ${pct(a)} of invoiced vs benchmark ${pct(b)}`,
  );

  const drivers = findings
    .filter((f) => f.cause !== 'collection')
    .sort((a, b) => (a.ratio ?? 1) - (b.ratio ?? 1));
  const primaryCause = drivers[0]?.cause ?? findings.find((f) => f.cause === 'collection')?.cause ?? null;
  return {
    unitId: kpis.unitId,
    period: kpis.period,
    status,
    achievement: kpis.achievement,
    primaryCause,
    findings,
  };
}
