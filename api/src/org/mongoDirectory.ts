import type mongoose from 'mongoose';
import type { Person } from '@opscycle/domain';
import { loadOrgUnits, personModel } from '@opscycle/storage';
import { cachedUnits, type OrgDirectory } from './directory';

export function mongoOrgDirectory(connection: mongoose.Connection): OrgDirectory {
  const units = cachedUnits(() => loadOrgUnits(connection));
  const people = personModel(connection);
  return {
    units: () => units.get(),
    async person(personId) {
      return (await people.findOne({ id: personId }, { _id: 0 }).lean<Person>()) ?? undefined;
    },
    peopleIn: (orgUnitIds) =>
      people
        .find({ orgUnitId: { $in: [...orgUnitIds] } }, { _id: 0 })
        .sort({ id: 1 })
        .lean<Person[]>(),
    invalidate: () => units.clear(),
  };
}
