import type { AuthUser } from '@opscycle/domain';
import type { OrgDirectory } from '../org/directory';
import { subtreeOf } from '../org/directory';

/**
 * What a caller may see of the data a route returns or changes: the units of their subtree and
 * the people in them; a rep sees only themselves. Routes that pass the route-level scope check
 * still filter (or check) every item with this, so a scope on the route is also a scope on its content.
 */
export interface Visibility {
  /** The caller's subtree is the whole org: nothing is hidden from them, so "not found" reveals nothing. */
  whole: boolean;
  unit(orgUnitId: string | null | undefined): boolean;
  person(personId: string | null | undefined): boolean;
  /** A planning node (quota, reconciliation): an org unit or a rep. */
  node(id: string): boolean;
  /** The units in scope (a rep: none). */
  unitIds: readonly string[];
}

export async function visibilityOf(org: OrgDirectory, user: AuthUser): Promise<Visibility> {
  if (user.role === 'rep') {
    const self = user.personId;
    const isSelf = (id: string | null | undefined) => self !== undefined && id === self;
    return { whole: false, unit: () => false, person: isSelf, node: isSelf, unitIds: [] };
  }
  const units = await org.units();
  const unitIds = subtreeOf(units, user.orgUnitId).map((unit) => unit.id);
  const inUnits = new Set(unitIds);
  const people = new Set((await org.peopleIn(unitIds)).map((person) => person.id));
  const unit = (id: string | null | undefined) => id != null && inUnits.has(id);
  const person = (id: string | null | undefined) => id != null && people.has(id);
  return {
    whole: unitIds.length === units.length,
    unit,
    person,
    node: (id) => unit(id) || person(id),
    unitIds,
  };
}
