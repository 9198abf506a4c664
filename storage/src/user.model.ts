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
    provisionedBy: String,
    passwordSetBy: String,
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
  /** Who created or last re-bound the login through the API (absent: seeded). */
  provisionedBy?: string;
  /**
   * Who last set the password: whoever created or re-bound the login, until its own person sets one
   * (absent: seeded). A login whose password someone else knows cannot decide anything.
   */
  passwordSetBy?: string;
  passwordHash: string;
  createdAt: Date;
}

export function userModel(connection: mongoose.Connection): mongoose.Model<UserRecord> {
  return (
    (connection.models.User as mongoose.Model<UserRecord> | undefined) ??
    connection.model<UserRecord>('User', userSchema)
  );
}
