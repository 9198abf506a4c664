import {
  DomainError,
  type ApprovalChain,
  type ApprovalLevel,
  type OrgUnit,
  type OrgUnitKind,
  type Person,
  type PositionHolder,
  type PositionKey,
  type Role,
} from '@opscycle/domain';

/**
 * One level as routing decides it (ApproverStep of the rules): a role or an org position, optionally
 * at a given org level.
 */
export interface RoutedLevel {
  role?: Role | undefined;
  position?: PositionKey | undefined;
  orgLevel?: OrgUnitKind | undefined;
  label?: string | undefined;
}

/**
 * Turns routed levels into people, walking up from the request's unit (only units of `orgLevel`
 * when given) to the first unit that has someone for the level:
 * - a role: the people of that role at the unit;
 * - a position: its holder at the unit. A position held nowhere on that walk is an error naming the
 *   position and the unit (APPROVAL_POSITION_UNHELD): the rule means someone in particular, so
 *   skipping the step would approve without them.
 * The submitter never approves their own request: they are passed over (the walk goes on upwards),
 * here and again by the workflow; a level with nobody else is skipped and says so.
 */
export function resolveApprovers(
  levels: readonly RoutedLevel[],
  orgUnitId: string,
  units: readonly OrgUnit[],
  people: readonly Person[],
  submittedBy: string,
  holders: readonly PositionHolder[] = [],
): ApprovalChain {
  const byId = new Map(units.map((u) => [u.id, u]));
  const personById = new Map(people.map((p) => [p.id, p]));
  if (!byId.has(orgUnitId)) throw new Error(`org unit ${orgUnitId} of the request does not exist`);
  const path: OrgUnit[] = [];
  for (let unit = byId.get(orgUnitId); unit && path.length <= units.length;) {
    path.push(unit);
    unit = unit.parentId ? byId.get(unit.parentId) : undefined;
  }
  const explanation: string[] = [];
  const chain = levels.map((routed, level): ApprovalLevel => {
    const candidates = path.filter((unit) => !routed.orgLevel || unit.kind === routed.orgLevel);
    if (routed.position) return positionLevel(routed.position, routed, level, candidates);
    const role = routed.role ?? 'opsAdmin';
    for (const unit of candidates) {
      const approverIds = people
        .filter((p) => p.role === role && p.orgUnitId === unit.id && p.id !== submittedBy)
        .map((p) => p.id)
        .sort();
      if (approverIds.length > 0) {
        explanation.push(
          `level ${level}: ${routed.label ?? role} = ${role} of ${unit.name} (${approverIds.join(', ')})`,
        );
        return { level, role, approverIds };
      }
    }
    explanation.push(`level ${level}: no ${role} above ${orgUnitId} other than the submitter; skipped`);
    return { level, role, approverIds: [] };
  });

  function positionLevel(
    position: PositionKey,
    routed: RoutedLevel,
    level: number,
    candidates: readonly OrgUnit[],
  ): ApprovalLevel {
    let heldBySubmitter: Person | undefined;
    for (const unit of candidates) {
      const holder = holders.find((h) => h.position === position && h.orgUnitId === unit.id);
      const person = holder && personById.get(holder.personId);
      if (!person) continue;
      if (person.id === submittedBy) {
        heldBySubmitter ??= person;
        continue;
      }
      explanation.push(
        `level ${level}: ${routed.label ?? position} = position ${position} of ${unit.name} (${person.id})`,
      );
      return { level, role: person.role, position, orgUnitId: unit.id, approverIds: [person.id] };
    }
    if (heldBySubmitter) {
      explanation.push(
        `level ${level}: position ${position} above ${orgUnitId} is held only by the submitter; skipped`,
      );
      return { level, role: heldBySubmitter.role, position, approverIds: [] };
    }
    const searched = routed.orgLevel
      ? `${routed.orgLevel} units above ${orgUnitId}`
      : `${orgUnitId} or above`;
    throw new DomainError(
      'APPROVAL_POSITION_UNHELD',
      `position ${position} has no holder at ${searched} (${candidates.map((u) => u.id).join(', ') || 'no such unit'})`,
      { position, orgUnitId, orgLevel: routed.orgLevel ?? null, unitsSearched: candidates.map((u) => u.id) },
    );
  }
  return { levels: chain, explanation };
}
