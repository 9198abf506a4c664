import { z } from 'zod';
import { MinorUnits } from '../money';
import { OrgUnitKind, PositionKey, Role } from '../org';

/**
 * The pieces node data is made of (fact references, tier bands, approver steps, weighted measures).
 * The node kinds themselves, with these pieces, are defined once in `nodeSpecs.ts`.
 */
export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

/** A fact read, optionally through a simple path into an object fact (`$.hardware`). */
export const FactRef = z.object({ fact: z.string().min(1), path: z.string().min(1).optional() });
export type FactRef = z.infer<typeof FactRef>;

export const Label = z.string().max(200).optional();
export const ComponentName = z.string().min(1).max(120);

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

/**
 * One approver of a route: a role or a position, exactly one of the two (the validator names the node).
 * - role: the people of that role at the requester's unit, else the nearest unit above that has one
 *   (only units of `orgLevel` when given; a manager at region level is the director);
 * - position: its holder at the requester's unit, else at the nearest unit above that has a holder
 *   (only units of `orgLevel` when given). Nobody holding it there is an error, never an empty step.
 */
export const ApproverStep = z.object({
  role: Role.optional(),
  position: PositionKey.optional(),
  orgLevel: OrgUnitKind.optional(),
  label: z.string().max(80).optional(),
});
export type ApproverStep = z.infer<typeof ApproverStep>;

export const DRAW_TYPES = ['recoverable', 'nonRecoverable'] as const;
export const DrawType = z.enum(DRAW_TYPES);
export type DrawType = z.infer<typeof DrawType>;

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
