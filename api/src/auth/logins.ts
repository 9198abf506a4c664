import type { FastifyInstance } from 'fastify';
import { API_ERROR_CODES, DomainError, type AuthUser, type NewUserRequest } from '@opscycle/domain';
import { appendAudit, userModel } from '@opscycle/storage';
import { visibilityOf } from './visibility';
import { upsertUser } from './users';

/**
 * A login created or changed through the API. A login acts as its person (approvals are decided
 * in the person's name), so the person must exist within the creator's scope, hold the login's role
 * and unit, and have no other login; a login outside the creator's scope cannot be changed from here.
 * Every save is audited with what changed.
 */
export async function saveLogin(
  app: FastifyInstance,
  creator: AuthUser,
  request: NewUserRequest,
): Promise<AuthUser> {
  const { connection } = app.deps;
  const visible = await visibilityOf(app.org, creator);
  const existing = await userModel(connection).findById(request.username).lean();
  if (existing && !visible.unit(existing.orgUnitId))
    throw new DomainError(API_ERROR_CODES.outOfScope, `login ${request.username} is outside your scope`);
  if (request.personId !== undefined) {
    const person = await app.org.person(request.personId);
    // Outside the creator's scope, an unknown person and someone else's answer alike.
    if (!person || !visible.person(person.id)) {
      if (!person && visible.whole)
        throw new DomainError('PERSON_NOT_FOUND', `no person ${request.personId}`, {
          personId: request.personId,
        });
      throw new DomainError(API_ERROR_CODES.outOfScope, `person ${request.personId} is outside your scope`);
    }
    for (const field of ['role', 'orgUnitId'] as const)
      if (person[field] !== request[field])
        throw new DomainError(
          'USER_PERSON_MISMATCH',
          `${field} ${request[field]} is not person ${person.id}'s (${person[field]})`,
          { field, personId: person.id },
        );
    const holder = await userModel(connection).findOne({ personId: person.id }, { _id: 1 }).lean();
    if (holder && holder._id !== request.username)
      throw new DomainError('USER_PERSON_ALREADY_BOUND', `person ${person.id} already has a login`, {
        personId: person.id,
      });
  }
  const saved = await upsertUser(connection, request, creator.personId ?? creator.id);
  const at = new Date();
  await appendAudit(connection, {
    id: `user.saved:${request.username}:${at.getTime()}`,
    at,
    actor: { userId: creator.id, role: creator.role },
    action: 'user.saved',
    object: { type: 'user', id: request.username },
    orgUnitId: request.orgUnitId,
    details: {
      created: !existing,
      ...(existing && {
        before: { role: existing.role, orgUnitId: existing.orgUnitId, personId: existing.personId ?? null },
      }),
      after: { role: saved.role, orgUnitId: saved.orgUnitId, personId: saved.personId ?? null },
    },
  });
  return saved;
}
