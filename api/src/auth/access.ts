import type { FastifyRequest } from 'fastify';
import type { Role } from '@opscycle/domain';

/**
 * Who may call a route, declared next to the route itself (in `config.access`). The auth plugin
 * enforces it and the auth-matrix test enumerates it, so a route cannot be added without saying
 * which roles reach it and how its org scope is found.
 */
export type Access = { kind: 'public' } | { kind: 'restricted'; roles: readonly Role[]; scope: Scope };

/** What a request is about: the unit whose subtree must contain it, and for personal data the person. */
export interface Subject {
  orgUnitId: string;
  personId?: string;
}

export type Scope =
  /** Role alone decides; the handler narrows what it returns to the caller's scope. */
  | { kind: 'role-only' }
  /** The request names an org unit (param, query or body field) that must be within the caller's subtree. */
  | { kind: 'unit'; where: 'params' | 'query' | 'body'; field: string }
  /** The request names a resource; `resolve` finds whom it concerns (undefined: 404). */
  | { kind: 'subject'; describe: string; resolve: (request: FastifyRequest) => Promise<Subject | undefined> };

export const PUBLIC: Access = { kind: 'public' };

export function allow(roles: readonly Role[], scope: Scope = { kind: 'role-only' }): Access {
  return { kind: 'restricted', roles, scope };
}

export const unitIn = (where: 'params' | 'query' | 'body', field = 'orgUnitId'): Scope => ({
  kind: 'unit',
  where,
  field,
});

export const subject = (
  describe: string,
  resolve: (request: FastifyRequest) => Promise<Subject | undefined>,
): Scope => ({
  kind: 'subject',
  describe,
  resolve,
});

/** Roles that read company-wide plans and results; reps see only their own (subject scopes). */
export const STAFF: readonly Role[] = ['opsAdmin', 'manager', 'finance', 'hr'];
export const EVERYONE: readonly Role[] = ['opsAdmin', 'manager', 'finance', 'hr', 'rep'];
