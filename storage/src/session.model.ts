import mongoose from 'mongoose';

/**
 * A signed-in session: every token carries its session id (`jti`) and is honoured only while the
 * session is here and not revoked. Looked up by `_id` on each request, the one query FerretDB v1
 * answers from its primary key. Expired sessions are deleted at the user's next login (no TTL
 * indexes on FerretDB).
 */
export interface SessionRecord {
  _id: string;
  userId: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
}

const sessionSchema = new mongoose.Schema<SessionRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
  },
  { collection: 'auth_sessions', versionKey: false, strict: 'throw' },
);
sessionSchema.index({ userId: 1 });

export function sessionModel(connection: mongoose.Connection): mongoose.Model<SessionRecord> {
  return (
    (connection.models.Session as mongoose.Model<SessionRecord> | undefined) ??
    connection.model<SessionRecord>('Session', sessionSchema)
  );
}

export async function openSession(
  connection: mongoose.Connection,
  session: { id: string; userId: string; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  const sessions = sessionModel(connection);
  await sessions.deleteMany({ userId: session.userId, expiresAt: { $lt: session.issuedAt } });
  await sessions.create({
    _id: session.id,
    userId: session.userId,
    issuedAt: session.issuedAt,
    expiresAt: session.expiresAt,
  });
}

/** True while the session exists, is not revoked and has not expired. */
export async function isSessionActive(
  connection: mongoose.Connection,
  sessionId: string,
  now = new Date(),
): Promise<boolean> {
  const session = await sessionModel(connection).findById(sessionId).lean();
  return session !== null && session.revokedAt === undefined && session.expiresAt > now;
}

/** Revokes one session (logout). By `_id` alone, so FerretDB finds it without a scan. */
export async function revokeSession(connection: mongoose.Connection, sessionId: string): Promise<void> {
  await sessionModel(connection).updateOne({ _id: sessionId }, { $set: { revokedAt: new Date() } });
}

/**
 * Revokes every session of a user (their role, unit or person changed: the tokens carry the old ones),
 * but `except` (the session that changed the password keeps working).
 */
export async function revokeUserSessions(
  connection: mongoose.Connection,
  userId: string,
  except?: string,
): Promise<number> {
  const result = await sessionModel(connection).updateMany(
    { userId, revokedAt: { $exists: false }, ...(except ? { _id: { $ne: except } } : {}) },
    { $set: { revokedAt: new Date() } },
  );
  return result.modifiedCount;
}
