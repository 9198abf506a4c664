import mongoose from 'mongoose';
import { ROLES, SALES_ROLES, Person } from '@opscycle/domain';
import { upsertByKey, type UpsertCounts } from './upsert';

const personSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    id: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    orgUnitId: { type: String, required: true },
    salesRole: { type: String, enum: SALES_ROLES },
    hiredOn: String,
  },
  { collection: 'people', versionKey: false, strict: 'throw' },
);
personSchema.index({ id: 1 }, { unique: true });
personSchema.index({ email: 1 }, { unique: true });
personSchema.index({ orgUnitId: 1, role: 1 });

export function personModel(connection: mongoose.Connection): mongoose.Model<Person> {
  return (
    (connection.models.Person as mongoose.Model<Person> | undefined) ??
    connection.model<Person>('Person', personSchema)
  );
}

export async function upsertPeople(
  connection: mongoose.Connection,
  people: readonly Person[],
): Promise<UpsertCounts> {
  const parsed = people.map((person) => Person.parse(person));
  return upsertByKey(personModel(connection), parsed, (person) => person.id);
}

export async function loadPeople(connection: mongoose.Connection): Promise<Person[]> {
  return personModel(connection).find({}, { _id: 0 }).sort({ id: 1 }).lean<Person[]>();
}
