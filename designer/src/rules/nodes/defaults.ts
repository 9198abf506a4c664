import {
  FACT_CATALOGS,
  type FactDefinition,
  type NodeData,
  type NodeKind,
  type RuleSetKind,
} from '@opscycle/domain';
import { operatorsFor } from './fields';

/** A fresh node reads the kind's first numeric fact (or its first fact): never an empty, invalid name. */
function firstFact(kind: RuleSetKind): string {
  const catalog: Readonly<Record<string, FactDefinition>> = FACT_CATALOGS[kind];
  const entries = Object.entries(catalog);
  const numeric = entries.find(([, d]) => ['money', 'ratio', 'integer', 'number'].includes(d.type));
  return (numeric ?? entries[0])?.[0] ?? 'unknown';
}

function firstCondition(kind: RuleSetKind) {
  const fact = firstFact(kind);
  const def = FACT_CATALOGS[kind][fact as keyof (typeof FACT_CATALOGS)[typeof kind]] as Parameters<
    typeof operatorsFor
  >[0];
  const operator = operatorsFor(def).includes('greaterThanInclusive')
    ? 'greaterThanInclusive'
    : (operatorsFor(def)[0] ?? 'equal');
  return { fact, operator, value: 0 };
}

/** The data a node starts with when dropped from the palette: valid where a sensible default exists. */
export const NODE_DEFAULTS = {
  start: () => ({}),
  factInput: (kind: RuleSetKind) => ({ fact: firstFact(kind) }),
  condition: firstCondition,
  all: () => ({}),
  any: () => ({}),
  not: () => ({}),
  gate: () => ({}),
  tierTable: () => ({
    component: 'commission',
    mode: 'marginal' as const,
    bands: [
      { from: 0, to: 1, rate: 0.03 },
      { from: 1, to: null, rate: 0.05 },
    ],
  }),
  rateTimesBase: () => ({ component: 'commission', rate: 0.05 }),
  fixedAmount: () => ({ component: 'bonus', amountMinor: 100_000 }),
  weightedMeasures: () => ({ component: 'kpiBonus', measures: [{ fact: 'attainment', weight: 1 }] }),
  spif: () => ({
    component: 'spif',
    window: { from: '2027-01-01', to: '2027-03-31' },
    amountMinorPerDeal: 50_000,
  }),
  multiplier: () => ({ factor: 1.2 }),
  cap: () => ({ pctOfTargetIncentive: 2 }),
  clawback: () => ({ component: 'clawback' }),
  draw: () => ({ component: 'draw', drawType: 'recoverable' as const, amountMinor: 0 }),
  routeOutcome: () => ({ approvers: [{ role: 'manager' as const }], priority: 1 }),
  stageOutcome: () => ({ stage: 'leadScreening', order: 0 }),
  segmentOutcome: () => ({ dimension: 'size', segment: 'keyAccount', priority: 1 }),
} satisfies { [K in NodeKind]: (kind: RuleSetKind) => NodeData<K> } satisfies Record<
  NodeKind,
  (kind: RuleSetKind) => unknown
>;
