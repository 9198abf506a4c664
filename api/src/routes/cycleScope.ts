import type { Client } from '@temporalio/client';
import type mongoose from 'mongoose';
import {
  CycleProgress,
  DomainError,
  isWithinScope,
  type AuthUser,
  type CycleView,
  type OrgUnit,
} from '@opscycle/domain';
import { cycleModel } from '@opscycle/storage';
import { cycleProgressQuery } from '@opscycle/workflows/messages';
import { subtreeOf } from '../org/directory';

/**
 * A running cycle answers its Query; a finished one is read from its mirror (its last publication),
 * so last year's cycle opens without a worker replaying the whole year.
 */
export async function readCycleProgress(
  temporal: Client,
  connection: mongoose.Connection,
  cycleId: string,
): Promise<CycleProgress> {
  const handle = temporal.workflow.getHandle(cycleId);
  if ((await handle.describe()).status.name === 'RUNNING') return handle.query(cycleProgressQuery);
  const mirror = await cycleModel(connection).findById(cycleId).lean();
  if (!mirror)
    throw new DomainError('CYCLE_NOT_FOUND', `cycle ${cycleId} has no recorded progress`, { cycleId });
  return CycleProgress.parse(mirror.progress);
}

/** A cycle concerns everyone whose unit it plans (above or below): a region manager follows the company's cycle. */
export const concernsCycle = (units: readonly OrgUnit[], user: AuthUser, cycleOrg: string) =>
  isWithinScope(units, user.orgUnitId, cycleOrg) || isWithinScope(units, cycleOrg, user.orgUnitId);

/** Where the Temporal UI shows a workflow's history (its latest run; earlier runs are linked from it). */
export function workflowHistoryUrl(
  temporalUiUrl: string | undefined,
  namespace: string,
  workflowId: string,
): string | null {
  if (!temporalUiUrl) return null;
  const base = temporalUiUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/**
 * The part of a cycle a user sees: all of it from the cycle's top unit or above; from below, only
 * the units of the user's own subtree and the approvals of those units.
 */
export function cycleViewFor(
  progress: CycleProgress,
  units: readonly OrgUnit[],
  user: AuthUser,
): Pick<CycleView, 'units' | 'pendingApprovals' | 'orgUnits'> {
  const planned = subtreeOf(units, progress.orgId);
  if (isWithinScope(units, user.orgUnitId, progress.orgId))
    return { units: progress.units, pendingApprovals: progress.pendingApprovals, orgUnits: planned };
  const mine = new Set(subtreeOf(units, user.orgUnitId).map((u) => u.id));
  return {
    units: progress.units.filter((u) => mine.has(u.orgUnitId)),
    pendingApprovals: progress.pendingApprovals.filter((p) => mine.has(p.orgUnitId)),
    orgUnits: planned.filter((u) => mine.has(u.id)),
  };
}
