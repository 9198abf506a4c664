import { z } from 'zod';
import { Id } from '../org';
import { IncentivePeriodInput, RuleGraph, RuleSetKind, RuleTestResult, SimulationResult } from '../rules';

export const RuleSetParam = z.object({ id: Id });
export const RuleSetVersionParam = z.object({ id: Id, version: z.coerce.number().int().min(1) });
export const RuleSetListQuery = z.object({ kind: RuleSetKind.optional() });

export const RuleSetSummary = z.object({
  id: Id,
  kind: RuleSetKind,
  name: z.string(),
  draftVersion: z.number().int().min(1),
  publishedVersion: z.number().int().min(1).nullable(),
});
export type RuleSetSummary = z.infer<typeof RuleSetSummary>;
export const RuleSetList = z.object({ ruleSets: z.array(RuleSetSummary) });

export const NewRuleSetRequest = z.object({
  kind: RuleSetKind,
  name: z.string().trim().min(1).max(200),
  /** Chosen from the name when absent. */
  id: Id.optional(),
  /** Start from this graph (e.g. a demo or an exported file) instead of an empty canvas. */
  graph: RuleGraph.optional(),
});

export const PublishRequest = z.object({
  /** The draft revision the publisher reviewed: publishing a newer draft they have not seen is a conflict. */
  draftVersion: z.number().int().min(1),
});

export const RuleSetVersionSummary = z.object({
  version: z.number().int().min(1),
  checksum: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  effectiveFrom: z.iso.date(),
  effectiveTo: z.iso.date().nullable(),
  /** The test cases the version was published against, each passed. */
  testResults: z.array(RuleTestResult),
});
export const RuleSetVersionList = z.object({ versions: z.array(RuleSetVersionSummary) });

export const SimulateRequest = z.object({
  graph: RuleGraph,
  /** An IncentivePeriodInput for incentive plans, the kind's facts otherwise. */
  facts: z.record(z.string(), z.unknown()),
});
export const SimulateResponse = SimulationResult;

export const ImpactRequest = z.object({
  /** The draft to compare; the stored draft when absent. */
  graph: RuleGraph.optional(),
  /** The period's actuals both plans are evaluated on. */
  actuals: IncentivePeriodInput,
});

export const RuleSetDiffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const DIFF_CHANGES = ['added', 'removed', 'changed'] as const;
/** What changed between two versions, by node and edge id (and plan settings). */
export const RuleSetDiff = z.object({
  ruleSetId: Id,
  from: z.number().int(),
  to: z.number().int(),
  settings: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  nodes: z.array(
    z.object({ id: z.string(), change: z.enum(DIFF_CHANGES), kind: z.string(), fields: z.array(z.string()) }),
  ),
  edges: z.array(z.object({ id: z.string(), change: z.enum(DIFF_CHANGES) })),
});
export type RuleSetDiff = z.infer<typeof RuleSetDiff>;
