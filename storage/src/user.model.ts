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
    boundBy: String,
    boundAt: Date,
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'users', versionKey: false, strict: 'throw' },
);
// A person acts through at most one login: a second login of the same person would let whoever
// holds it decide as that person. Sparse: service logins bound to nobody are many.
userSchema.index({ personId: 1 }, { unique: true, sparse: true });

export interface UserRecord {
  _id: string;
  name: string;
  role: (typeof ROLES)[number];
  orgUnitId: string;
  personId?: string;
  /** Who bound the login to its person, and when (absent: seeded, or bound before this was kept). */
  boundBy?: string;
  boundAt?: Date;
  passwordHash: string;
  createdAt: Date;
}

export function userModel(connection: mongoose.Connection): mongoose.Model<UserRecord> {
  return (
    (connection.models.User as mongoose.Model<UserRecord> | undefined) ??
    connection.model<UserRecord>('User', userSchema)
  );
}
