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
 * Creates a login, or (same username) updates its role, unit and person but keeps its password; a
 * changed role, unit or person revokes the login's open sessions. `by` is who binds the login to
 * its person (kept with the binding, so a decision can tell who set it up); seeders pass none.
 * A person bound to another login already is refused (the unique index decides a race).
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
    ...(rebound && by ? { boundBy: by, boundAt: new Date() } : {}),
  };
  const alreadyBound = () =>
    new DomainError('USER_PERSON_ALREADY_BOUND', `person ${user.personId} already has a login`, {
      personId: user.personId,
    });
  if (existing) {
    try {
      await users.updateOne(
        { _id: user.username },
        { $set: fields, ...(rebound && !by ? { $unset: { boundBy: 1, boundAt: 1 } } : {}) },
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
        passwordHash: await hashPassword(user.password),
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
