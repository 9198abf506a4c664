import mongoose from 'mongoose';
import type { PinnedRuleSet } from '@opscycle/domain';

/**
 * A person's acknowledgment of a published plan version they are paid by ("I have read and accept
 * my plan"), for versions no cycle pinned to them (a cycle's rep plan records its own). Insert-only,
 * keyed by person and version: the first acknowledgment wins, a repeat finds it.
 */
interface PlanAcknowledgmentDocument {
  _id: string;
  personId: string;
  ruleSetId: string;
  version: number;
  acknowledgedAt: Date;
}

const planAcknowledgmentSchema = new mongoose.Schema<PlanAcknowledgmentDocument>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    ruleSetId: { type: String, required: true },
    version: { type: Number, required: true },
    acknowledgedAt: { type: Date, required: true },
  },
  { collection: 'plan_acknowledgments', versionKey: false, strict: 'throw' },
);

function planAcknowledgmentModel(
  connection: mongoose.Connection,
): mongoose.Model<PlanAcknowledgmentDocument> {
  return (
    (connection.models.PlanAcknowledgment as mongoose.Model<PlanAcknowledgmentDocument> | undefined) ??
    connection.model<PlanAcknowledgmentDocument>('PlanAcknowledgment', planAcknowledgmentSchema)
  );
}

/** The business key of an acknowledgment: `<ruleSetId>@<version>:<personId>`. */
export const planAcknowledgmentId = (plan: PinnedRuleSet, personId: string) =>
  `${plan.ruleSetId}@${plan.version}:${personId}`;

/** When the person acknowledged the version; null if they have not. */
export async function loadPlanAcknowledgment(
  connection: mongoose.Connection,
  plan: PinnedRuleSet,
  personId: string,
): Promise<Date | null> {
  const found = await planAcknowledgmentModel(connection)
    .findById(planAcknowledgmentId(plan, personId))
    .lean<PlanAcknowledgmentDocument>();
  return found?.acknowledgedAt ?? null;
}

/** Records the acknowledgment once; returns the date of the one that holds and whether it is this one. */
export async function acknowledgePlanVersion(
  connection: mongoose.Connection,
  plan: PinnedRuleSet,
  personId: string,
  at: Date,
): Promise<{ acknowledgedAt: Date; created: boolean }> {
  const _id = planAcknowledgmentId(plan, personId);
  try {
    await planAcknowledgmentModel(connection).create({
      _id,
      personId,
      ruleSetId: plan.ruleSetId,
      version: plan.version,
      acknowledgedAt: at,
    });
    return { acknowledgedAt: at, created: true };
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    const existing = await loadPlanAcknowledgment(connection, plan, personId);
    if (!existing) throw error;
    return { acknowledgedAt: existing, created: false };
  }
}
