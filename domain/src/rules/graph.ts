import { z } from 'zod';
import { CurrencyCode, MinorUnits } from '../money';
import { Id, OrgUnitKind, Role } from '../org';
import { RuleSetKind } from './kinds';
import type { NodeKind } from './kinds';

/**
 * OpsCycle's own rule-graph JSON (never React Flow's shapes: one designer file maps to and from them).
 * Fact names and operators are plain strings here so that an unknown one is reported by the validator
 * with the node id, rather than rejected as a shapeless schema error.
 */
export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

/** A fact read, optionally through a simple path into an object fact (`$.hardware`). */
export const FactRef = z.object({ fact: z.string().min(1), path: z.string().min(1).optional() });
export type FactRef = z.infer<typeof FactRef>;

const Label = z.string().max(200).optional();
const ComponentName = z.string().min(1).max(120);
const IsoDate = z.iso.date();

export const ConditionValue = z.union([
  z.string(),
  z.number().finite(),
  z.boolean(),
  z.array(z.union([z.string(), z.number().finite()])),
]);
export type ConditionValue = z.infer<typeof ConditionValue>;

export const TIER_MODES = ['marginal', 'highestRate'] as const;
export const TierMode = z.enum(TIER_MODES);
export type TierMode = z.infer<typeof TierMode>;

/**
 * One band of a tier table, [from, to) in the measure's unit; `to: null` is open-ended (last band only).
 * A band pays a `rate` of the base or a fixed `amountMinor`, never both.
 */
export const TierBand = z.object({
  from: z.number().finite(),
  to: z.number().finite().nullable(),
  rate: z.number().finite().min(0).optional(),
  amountMinor: MinorUnits.optional(),
});
export type TierBand = z.infer<typeof TierBand>;

export const ApproverStep = z.object({
  role: Role,
  /** The org level whose holder of `role` approves (a manager at region level is the director). */
  orgLevel: OrgUnitKind.optional(),
  label: z.string().max(80).optional(),
});
export type ApproverStep = z.infer<typeof ApproverStep>;

export const DRAW_TYPES = ['recoverable', 'nonRecoverable'] as const;
export const DrawType = z.enum(DRAW_TYPES);

export const WeightedMeasure = z.object({
  fact: z.string().min(1),
  path: z.string().min(1).optional(),
  weight: z.number().finite().min(0).max(1),
  /** Below the floor the measure contributes nothing. */
  floor: z.number().finite().min(0).optional(),
  /** The measure's attainment counts at most up to its cap. */
  cap: z.number().finite().min(0).optional(),
});
export type WeightedMeasure = z.infer<typeof WeightedMeasure>;

/** The data each node kind carries. One registry: the designer's forms and the compiler read it. */
export const NODE_DATA = {
  start: z.object({ label: Label }),
  factInput: FactRef.extend({ label: Label }),
  condition: z.object({
    label: Label,
    fact: z.string().min(1),
    path: z.string().min(1).optional(),
    operator: z.string().min(1),
    /** Compare with a constant, or with another fact (`valueFact`); exactly one of the two. */
    value: ConditionValue.optional(),
    valueFact: FactRef.optional(),
  }),
  all: z.object({ label: Label }),
  any: z.object({ label: Label }),
  not: z.object({ label: Label }),
  gate: z.object({ label: Label }),
  tierTable: z.object({
    component: ComponentName,
    mode: TierMode,
    bands: z.array(TierBand).min(1),
  }),
  rateTimesBase: z.object({ component: ComponentName, rate: z.number().finite() }),
  fixedAmount: z.object({ component: ComponentName, amountMinor: MinorUnits }),
  weightedMeasures: z.object({ component: ComponentName, measures: z.array(WeightedMeasure).min(1) }),
  spif: z.object({
    component: ComponentName,
    /** Deals closed inside the window (inclusive) qualify. */
    window: z.object({ from: IsoDate, to: IsoDate }),
    productLines: z.array(z.string().min(1)).optional(),
    newCustomersOnly: z.boolean().optional(),
    /** Per qualifying deal: a fixed amount per deal, or a rate of the credited amount. */
    amountMinorPerDeal: MinorUnits.optional(),
    rate: z.number().finite().min(0).optional(),
  }),
  multiplier: z.object({ label: Label, factor: z.number().finite().min(0) }),
  cap: z.object({
    label: Label,
    maxMinor: MinorUnits.optional(),
    /** Cap as a fraction of the payee's target incentive (2 = 200% of target). */
    pctOfTargetIncentive: z.number().finite().min(0).optional(),
  }),
  clawback: z.object({ component: ComponentName }),
  draw: z.object({ component: ComponentName, drawType: DrawType, amountMinor: MinorUnits }),
  routeOutcome: z.object({
    label: Label,
    approvers: z.array(ApproverStep),
    /** Chains of several fired outcomes are joined in ascending priority. */
    priority: z.number().int(),
  }),
  stageOutcome: z.object({ label: Label, stage: z.string().min(1).max(80), order: z.number().int().min(0) }),
  segmentOutcome: z.object({
    label: Label,
    dimension: Id,
    segment: z.string().min(1).max(80),
    /** Within one dimension the fired outcome with the lowest priority wins. */
    priority: z.number().int(),
    treatment: z.string().max(500).optional(),
  }),
} as const satisfies Record<NodeKind, z.ZodType>;

export type NodeData<K extends NodeKind> = z.infer<(typeof NODE_DATA)[K]>;

function nodeOf<K extends NodeKind>(kind: K) {
  return z.object({ id: Id, kind: z.literal(kind), data: NODE_DATA[kind], position: Position });
}

export const RuleNode = z.discriminatedUnion('kind', [
  nodeOf('start'),
  nodeOf('factInput'),
  nodeOf('condition'),
  nodeOf('all'),
  nodeOf('any'),
  nodeOf('not'),
  nodeOf('gate'),
  nodeOf('tierTable'),
  nodeOf('rateTimesBase'),
  nodeOf('fixedAmount'),
  nodeOf('weightedMeasures'),
  nodeOf('spif'),
  nodeOf('multiplier'),
  nodeOf('cap'),
  nodeOf('clawback'),
  nodeOf('draw'),
  nodeOf('routeOutcome'),
  nodeOf('stageOutcome'),
  nodeOf('segmentOutcome'),
]);
export type RuleNode = z.infer<typeof RuleNode>;
export type RuleNodeOf<K extends NodeKind> = Extract<RuleNode, { kind: K }>;
// Compile-time proof the union above lists every node kind, and nothing else.
type _EveryKindIsANode = [NodeKind] extends [RuleNode['kind']] ? true : never;
const _everyKindIsANode: _EveryKindIsANode = true;

/**
 * An edge feeds its source into its target. `sourceHandle: 'base'` on an edge from a factInput
 * into a tierTable marks the amount the rates apply to (default: the measure itself).
 */
export const RuleEdge = z.object({
  id: Id,
  sourceId: Id,
  targetId: Id,
  sourceHandle: z.string().min(1).max(40).optional(),
});
export type RuleEdge = z.infer<typeof RuleEdge>;

export const RuleGraph = z.object({
  id: Id,
  /** Draft revision; publication assigns the RuleSetVersion number. */
  version: z.number().int().min(1),
  kind: RuleSetKind,
  name: z.string().min(1).max(200),
  /** Incentive plans pay in one currency. */
  currency: CurrencyCode.optional(),
  effectiveFrom: IsoDate.optional(),
  effectiveTo: IsoDate.nullable().optional(),
  nodes: z.array(RuleNode),
  edges: z.array(RuleEdge),
});
export type RuleGraph = z.infer<typeof RuleGraph>;
