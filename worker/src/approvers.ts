import type { ApprovalChain, OrgUnit, OrgUnitKind, Person, Role } from '@opscycle/domain';

/** One level as routing decides it: a role, optionally at a given org level (ApproverStep of the rules). */
export interface RoutedLevel {
  role: Role;
  orgLevel?: OrgUnitKind;
  label?: string;
}

/**
 * Turns routed levels into people: a level's approvers are the holders of its role in the request's
 * unit or, if none, in the nearest unit above it (at `orgLevel` when given). The submitter never
 * approves their own request, so they are left out here and again by the workflow.
 */
export function resolveApprovers(
  levels: readonly RoutedLevel[],
  orgUnitId: string,
  units: readonly OrgUnit[],
  people: readonly Person[],
  submittedBy: string,
): ApprovalChain {
  const byId = new Map(units.map((u) => [u.id, u]));
  if (!byId.has(orgUnitId)) throw new Error(`org unit ${orgUnitId} of the request does not exist`);
  const path: OrgUnit[] = [];
  for (let unit = byId.get(orgUnitId); unit && path.length <= units.length;) {
    path.push(unit);
    unit = unit.parentId ? byId.get(unit.parentId) : undefined;
  }
  const explanation: string[] = [];
  const chain = levels.map((routed, level) => {
    const candidates = path.filter((unit) => !routed.orgLevel || unit.kind === routed.orgLevel);
    for (const unit of candidates) {
      const approverIds = people
        .filter((p) => p.role === routed.role && p.orgUnitId === unit.id && p.id !== submittedBy)
        .map((p) => p.id)
        .sort();
      if (approverIds.length > 0) {
        explanation.push(
          `level ${level}: ${routed.label ?? routed.role} = ${routed.role} of ${unit.name} (${approverIds.join(', ')})`,
        );
        return { level, role: routed.role, approverIds };
      }
    }
    explanation.push(
      `level ${level}: no ${routed.role} above ${orgUnitId} other than the submitter; skipped`,
    );
    return { level, role: routed.role, approverIds: [] };
  });
  return { levels: chain, explanation };
}
