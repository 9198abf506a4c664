import type mongoose from 'mongoose';
import type { OrgUnit } from '@opscycle/domain';
import { loadOrgUnits, loadPeople } from '@opscycle/storage';
import { cachedFor, type OrgDirectory } from './directory';

/**
 * The org from Mongo, held for a moment: every request checks scope and most resolve a person, and
 * on FerretDB a filter on anything but `_id` scans the collection.
 */
export function mongoOrgDirectory(connection: mongoose.Connection): OrgDirectory {
  const units = cachedFor<OrgUnit[]>(() => loadOrgUnits(connection));
  const people = cachedFor(
    async () => new Map((await loadPeople(connection)).map((person) => [person.id, person])),
  );
  const byId = () => people.get();
  return {
    units: () => units.get(),
    person: async (personId) => (await byId()).get(personId),
    async peopleIn(orgUnitIds) {
      const wanted = new Set(orgUnitIds);
      return [...(await byId()).values()]
        .filter((p) => wanted.has(p.orgUnitId))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    invalidate() {
      units.clear();
      people.clear();
    },
  };
}
