import mongoose from 'mongoose';
import { ROLES } from '@opscycle/domain';

/** A login. The password is kept only as an argon2 hash; `_id` is the username. */
const userSchema = new mongoose.Schema<UserRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    orgUnitId: { type: String, required: true },
    personId: String,
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'users', versionKey: false, strict: 'throw' },
);

export interface UserRecord {
  _id: string;
  name: string;
  role: (typeof ROLES)[number];
  orgUnitId: string;
  personId?: string;
  passwordHash: string;
  createdAt: Date;
}

export function userModel(connection: mongoose.Connection): mongoose.Model<UserRecord> {
  return (
    (connection.models.User as mongoose.Model<UserRecord> | undefined) ??
    connection.model<UserRecord>('User', userSchema)
  );
}
