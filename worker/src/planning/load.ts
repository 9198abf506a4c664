import type mongoose from 'mongoose';
import {
  isWithinScope,
  type BudgetLine,
  type Deal,
  type OrgUnit,
  type Person,
  type PlanningNode,
} from '@opscycle/domain';
import { budgetLineModel, dealModel, loadOrgUnits, loadPeople } from '@opscycle/storage';
import { planningError } from './errors';

/** One organisation as the planning activities read it: its units below the root, and its reps. */
export interface PlanningOrg {
  root: OrgUnit;
  units: OrgUnit[];
  people: Person[];
  reps: Person[];
  regionOfTeam: Map<string, string>;
}

export async function loadPlanningOrg(connection: mongoose.Connection, rootId: string): Promise<PlanningOrg> {
  const all = await loadOrgUnits(connection);
  const root = all.find((u) => u.id === rootId);
  if (!root)
    throw planningError('PLANNING_UNKNOWN_UNIT', `org unit ${rootId} does not exist`, { unitId: rootId });
  const units = all.filter((u) => isWithinScope(all, rootId, u.id));
  const inScope = new Set(units.map((u) => u.id));
  const people = (await loadPeople(connection)).filter((p) => inScope.has(p.orgUnitId));
  const regionOfTeam = new Map<string, string>();
  for (const unit of units) {
    if (unit.kind !== 'team') continue;
    const parent = all.find((u) => u.id === unit.parentId);
    regionOfTeam.set(unit.id, parent?.kind === 'region' ? parent.id : unit.id);
  }
  return { root, units, people, reps: people.filter((p) => p.role === 'rep'), regionOfTeam };
}

/** The decomposition tree: the org units below the root, and each rep under their team. */
export function planningNodes(org: PlanningOrg): PlanningNode[] {
  return [
    ...org.units.map((u) => ({ id: u.id, kind: u.kind, parentId: u.id === org.root.id ? null : u.parentId })),
    ...org.reps.map((r) => ({ id: r.id, kind: 'rep' as const, parentId: r.orgUnitId })),
  ];
}

/** Teams at or below a unit: deals carry their team. */
export function teamsUnder(org: PlanningOrg, unitId: string): string[] {
  return org.units
    .filter((u) => u.kind === 'team' && isWithinScope(org.units, unitId, u.id))
    .map((u) => u.id);
}

export async function loadWonDeals(
  connection: mongoose.Connection,
  from: string,
  to: string,
): Promise<Deal[]> {
  return dealModel(connection)
    .find({ status: 'won', wonOn: { $gte: from, $lte: to } }, { _id: 0 })
    .lean<Deal[]>();
}

/** Every deal of the teams created up to `until`: the history a review looks back on. */
export async function loadDealsOfTeams(
  connection: mongoose.Connection,
  teamIds: string[],
  until: string,
): Promise<Deal[]> {
  return dealModel(connection)
    .find({ teamId: { $in: teamIds }, createdOn: { $lte: until } }, { _id: 0 })
    .lean<Deal[]>();
}

export async function loadBudgetLines(
  connection: mongoose.Connection,
  filter: { fiscalYear?: number; basis: BudgetLine['basis'] },
): Promise<BudgetLine[]> {
  return budgetLineModel(connection).find(filter, { _id: 0 }).lean<BudgetLine[]>();
}
