import { z } from 'zod';
import { Id } from '../org';
import { CompiledRuleSet } from './compiled';
import { RuleGraph } from './graph';
import { RuleSetKind } from './kinds';
import { RuleTestResult } from './testCases';

/**
 * A published rule set: immutable (parsing freezes it), pinned by workflows and payouts by
 * `{ ruleSetId, version }`, with the sha256 of its canonical content to detect any later change.
 */
export const RuleSetVersion = z
  .object({
    ruleSetId: Id,
    version: z.number().int().min(1),
    kind: RuleSetKind,
    name: z.string().min(1),
    graph: RuleGraph,
    compiled: CompiledRuleSet,
    checksum: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
    effectiveFrom: z.iso.date(),
    effectiveTo: z.iso.date().nullable(),
    publishedAt: z.iso.datetime(),
    publishedBy: z.string().min(1),
    /** The graph's test cases as run at publication (all passed: a failing case refuses it). */
    testResults: z.array(RuleTestResult).default([]),
  })
  .readonly();
export type RuleSetVersion = z.infer<typeof RuleSetVersion>;

export const RuleSetRef = z.object({ ruleSetId: Id, version: z.number().int().min(1) });
export type RuleSetRef = z.infer<typeof RuleSetRef>;
