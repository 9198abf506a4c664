import type mongoose from 'mongoose';
import { DomainError, ROLES, type AuthUser, type Person, type Role } from '@opscycle/domain';
import { revokeUserSessions, userModel, type UserRecord } from '@opscycle/storage';
import { hashPassword, verifyNobody, verifyPassword } from './passwords';

export interface NewUser {
  username: string;
  password: string;
  name: string;
  role: Role;
  orgUnitId: string;
  personId?: string;
}

export function toAuthUser(record: UserRecord): AuthUser {
  return {
    id: record._id,
    name: record.name,
    role: record.role,
    orgUnitId: record.orgUnitId,
    ...(record.personId ? { personId: record.personId } : {}),
  };
}

/**
 * Creates a login, or (same username) updates its role, unit and person, keeping its password unless
 * the API re-binds it to another person; a changed role, unit or person revokes the login's open sessions. `by` is who creates or re-binds the
 * login through the API: they chose its password (a re-bound login gets the request's, as the old one
 * belongs to the previous person), so it is recorded as `passwordSetBy` until the person sets their
 * own (`changePassword`); seeders pass none. A person bound to another login already is refused (the
 * unique index decides a race).
 */
export async function upsertUser(
  connection: mongoose.Connection,
  user: NewUser,
  by?: string,
): Promise<AuthUser> {
  const users = userModel(connection);
  const existing = await users.findById(user.username).lean();
  const rebound = user.personId !== undefined && user.personId !== existing?.personId;
  const fields = {
    name: user.name,
    role: user.role,
    orgUnitId: user.orgUnitId,
    ...(user.personId ? { personId: user.personId } : {}),
  };
  const credentials = async () => ({
    passwordHash: await hashPassword(user.password),
    ...(by ? { provisionedBy: by, passwordSetBy: by } : {}),
  });
  const alreadyBound = () =>
    new DomainError('USER_PERSON_ALREADY_BOUND', `person ${user.personId} already has a login`, {
      personId: user.personId,
    });
  if (existing) {
    try {
      await users.updateOne(
        { _id: user.username },
        { $set: rebound && by ? { ...fields, ...(await credentials()) } : fields },
      );
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw alreadyBound();
      throw error;
    }
    // Tokens carry role, unit and person: after a change, the old ones would authorize the old role.
    const changed = existing.role !== fields.role || existing.orgUnitId !== fields.orgUnitId || rebound;
    if (changed) await revokeUserSessions(connection, user.username);
  } else {
    try {
      await users.create({
        _id: user.username,
        ...fields,
        ...(await credentials()),
        createdAt: new Date(),
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      // Two seeders at once: the other one created it, which is the same outcome; else the person is taken.
      const created = await users.findById(user.username).lean();
      if (created?.personId !== user.personId) throw alreadyBound();
    }
  }
  return toAuthUser({ _id: user.username, ...fields, passwordHash: '', createdAt: new Date() });
}

/**
 * The signed-in person sets their own password (the current one proves it is them). From then on
 * nobody else knows it: the login may decide approvals and inquiries, and every other session of
 * the login (say, one its creator opened with the first password) is revoked.
 */
export async function changePassword(
  connection: mongoose.Connection,
  user: AuthUser,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const users = userModel(connection);
  const record = await users.findById(user.id, { passwordHash: 1 }).lean();
  if (!record || !(await verifyPassword(record.passwordHash, currentPassword)))
    throw new DomainError('AUTH_CURRENT_PASSWORD_WRONG', 'the current password is wrong', {
      field: 'currentPassword',
    });
  await users.updateOne(
    { _id: user.id },
    { $set: { passwordHash: await hashPassword(newPassword), passwordSetBy: ownerOf(user) } },
  );
}

/** Whose password a login must carry to act in its person's name. */
const ownerOf = (user: AuthUser): string => user.personId ?? user.id;

/**
 * Segregation of duties holds for the person, whatever the login. A login decides only once its
 * person has set their own password, so the ops admin who created it cannot quietly decide through
 * it (taking it over would lock its person out, and the change is audited); and never on a request
 * submitted by whoever provisioned it, who could have set its password in the person's stead.
 */
export async function assertMayDecide(
  connection: mongoose.Connection,
  user: AuthUser,
  submittedBy: string,
): Promise<void> {
  const record = await userModel(connection).findById(user.id, { provisionedBy: 1, passwordSetBy: 1 }).lean();
  if (record?.provisionedBy !== undefined && record.provisionedBy === submittedBy)
    throw new DomainError(
      'APPROVAL_SELF_APPROVAL',
      `login ${user.id} was provisioned by ${submittedBy}, who submitted this request`,
      { userId: user.id, submittedBy },
    );
  const setBy = record?.passwordSetBy;
  if (setBy !== undefined && setBy !== ownerOf(user))
    throw new DomainError(
      'AUTH_PASSWORD_NOT_OWN',
      `login ${user.id} still has the password ${setBy} chose: ${ownerOf(user)} must set their own before deciding`,
      { userId: user.id, passwordSetBy: setBy },
    );
}

export async function authenticate(
  connection: mongoose.Connection,
  username: string,
  password: string,
): Promise<AuthUser> {
  const record = await userModel(connection).findById(username).lean();
  const ok = record ? await verifyPassword(record.passwordHash, password) : await verifyNobody(password);
  if (!record || !ok) throw new DomainError('AUTH_BAD_CREDENTIALS', 'unknown username or wrong password');
  return toAuthUser(record);
}

/** The demo logins: username = the role in lower case, one shared password (documented in api/README.md). */
export const DEMO_PASSWORD = 'opscycle-demo';
export const demoUsername = (role: Role): string => role.toLowerCase();

/**
 * One login per role for the demo, bound to the first person of that role in `people` (the demo
 * seeder's org). Idempotent: re-running keeps existing passwords and re-binds role, unit and person.
 * Roles with nobody in `people` get no login; the returned list says who was seeded.
 */
export async function seedDemoUsers(
  connection: mongoose.Connection,
  people: readonly Person[],
): Promise<AuthUser[]> {
  await userModel(connection).init();
  const seeded: AuthUser[] = [];
  for (const role of ROLES) {
    const person = people.find((p) => p.role === role);
    if (!person) continue;
    seeded.push(
      await upsertUser(connection, {
        username: demoUsername(role),
        password: DEMO_PASSWORD,
        name: person.name,
        role,
        orgUnitId: person.orgUnitId,
        personId: person.id,
      }),
    );
  }
  return seeded;
}
