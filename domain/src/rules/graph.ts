import { z } from 'zod';
import { CurrencyCode } from '../money';
import { Id } from '../org';
import { RuleSetKind } from './kinds';
import type { NodeKind } from './kinds';
import { Position } from './nodeData';
import { NODE_SPECS } from './nodeSpecs';
import { RuleTestCase, TEST_CASE_LIMITS } from './testCases';

/**
 * OpsCycle's own rule-graph JSON (never React Flow's shapes: one designer file maps to and from them).
 * Fact names and operators are plain strings here so that an unknown one is reported by the validator
 * with the node id, rather than rejected as a shapeless schema error.
 */

/** The data each node kind carries, as its one definition in NODE_SPECS says. */
export const NODE_DATA = Object.fromEntries(
  Object.entries(NODE_SPECS).map(([kind, spec]) => [kind, spec.data]),
) as { [K in NodeKind]: (typeof NODE_SPECS)[K]['data'] };

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
 * An edge feeds its source into one input of its target: `targetHandle` names the input (a tier
 * table's `measure` or `base`, a decision's `when`, a modifier's `amount`; the kind's inputs are in
 * NODE_SPECS). Without it the edge goes to the target's first input that takes the source's kind.
 * `sourceHandle` is how graphs saved before targetHandle named a tier table's input (`base`); it is
 * read only when it names an input of the target.
 */
export const RuleEdge = z.object({
  id: Id,
  sourceId: Id,
  targetId: Id,
  sourceHandle: z.string().min(1).max(40).optional(),
  targetHandle: z.string().min(1).max(40).optional(),
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
  effectiveFrom: z.iso.date().optional(),
  effectiveTo: z.iso.date().nullable().optional(),
  nodes: z.array(RuleNode),
  edges: z.array(RuleEdge),
  /**
   * The plan's test cases travel with the draft: saving the draft saves them, the checksum covers
   * them, and the published version carries the cases it was published against.
   */
  testCases: z.array(RuleTestCase).max(TEST_CASE_LIMITS.cases).optional(),
});
export type RuleGraph = z.infer<typeof RuleGraph>;
