import { z } from 'zod';
import { CurrencyCode } from '../money';
import { Id } from '../org';
import { ConditionValue, FactRef } from './nodeData';
import { NodeKind, RuleSetKind } from './kinds';

/**
 * The json-rules-engine condition subset the compiler emits: plain JSON, storable in Mongo.
 * `name` is the id of the graph node the condition came from, so every trace entry points back to it.
 */
export type CompiledCondition =
  | { all: CompiledCondition[]; name?: string }
  | { any: CompiledCondition[]; name?: string }
  | { not: CompiledCondition; name?: string }
  | CompiledFactCondition;

export interface CompiledFactCondition {
  fact: string;
  path?: string;
  operator: string;
  value: ConditionValue | FactRef;
  name?: string;
}

export const CompiledFactCondition = z.strictObject({
  fact: z.string().min(1),
  path: z.string().min(1).optional(),
  operator: z.string().min(1),
  value: z.union([
    ConditionValue,
    z.strictObject({ fact: z.string().min(1), path: z.string().min(1).optional() }),
  ]),
  name: z.string().optional(),
});

export const CompiledCondition: z.ZodType<CompiledCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(CompiledCondition), name: z.string().optional() }),
    z.strictObject({ any: z.array(CompiledCondition), name: z.string().optional() }),
    z.strictObject({ not: CompiledCondition, name: z.string().optional() }),
    CompiledFactCondition,
  ]),
);

/**
 * What a fired rule means: the decision node's kind and data, plus the fact inputs wired to it and,
 * for payout components, the ids of the modifier rules (multipliers, caps) applied in chain order.
 */
export const CompiledDecision = z.object({
  nodeId: Id,
  kind: NodeKind,
  data: z.record(z.string(), z.unknown()),
  measure: FactRef.optional(),
  base: FactRef.optional(),
  modifiers: z.array(Id).default([]),
});
export type CompiledDecision = z.infer<typeof CompiledDecision>;

/** One json-rules-engine `RuleSerializable` per decision node. */
export const CompiledRule = z.object({
  name: Id,
  priority: z.number().int().min(1),
  conditions: z.union([
    z.strictObject({ all: z.array(CompiledCondition), name: z.string().optional() }),
    z.strictObject({ any: z.array(CompiledCondition), name: z.string().optional() }),
    z.strictObject({ not: CompiledCondition, name: z.string().optional() }),
  ]),
  event: z.object({ type: NodeKind, params: CompiledDecision }),
});
export type CompiledRule = z.infer<typeof CompiledRule>;

export const COMPILED_FORMAT = 'opscycle.rules/v1' as const;

export const CompiledRuleSet = z.object({
  format: z.literal(COMPILED_FORMAT),
  ruleSetId: Id,
  graphVersion: z.number().int().min(1),
  kind: RuleSetKind,
  name: z.string(),
  currency: CurrencyCode.nullable(),
  effectiveFrom: z.iso.date(),
  effectiveTo: z.iso.date().nullable(),
  rules: z.array(CompiledRule),
});
export type CompiledRuleSet = z.infer<typeof CompiledRuleSet>;
