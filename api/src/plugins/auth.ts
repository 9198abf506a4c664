import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_ERROR_CODES, AuthUser, DomainError, isWithinScope, type OrgUnit } from '@opscycle/domain';
import { isSessionActive } from '@opscycle/storage';
import type { Access, Scope, Subject } from '../auth/access';
import { subtreeOf } from '../org/directory';

const unauthenticated = () =>
  new DomainError(API_ERROR_CODES.unauthenticated, 'sign in first: send a valid bearer token');

/**
 * Authentication and authorization for every route. Each route must declare `config.access`
 * (registration fails otherwise); role is checked before the body is even parsed, org scope once
 * params/query/body are validated.
 */
export async function registerAuth(app: FastifyInstance): Promise<void> {
  const { connection } = app.deps;
  await app.register(jwt, {
    secret: app.deps.jwtSecret,
    sign: { expiresIn: app.deps.tokenTtlSeconds ?? 8 * 3600 },
    // A valid signature is not enough: the token's session must still be open (logout revokes it).
    trusted: async (_request, payload: { jti?: unknown }) =>
      typeof payload.jti === 'string' && (await isSessionActive(connection, payload.jti)),
    formatUser: (payload) => AuthUser.parse({ ...payload, id: payload.sub }),
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: API_ERROR_CODES.rateLimited,
      message: `too many attempts; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  app.decorate('routeRegistry', []);
  app.addHook('onRoute', (route) => {
    const access =
      route.config?.access ?? (route.url.startsWith('/docs') ? ({ kind: 'public' } as const) : undefined);
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`);
    for (const method of [route.method].flat()) app.routeRegistry.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access.kind === 'public') return;
    try {
      await request.jwtVerify();
    } catch {
      throw unauthenticated();
    }
    if (!access.roles.includes(request.user.role)) {
      throw new DomainError(
        API_ERROR_CODES.forbiddenRole,
        `role ${request.user.role} may not call this route`,
        {
          allowed: access.roles,
        },
      );
    }
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access?.kind === 'restricted') await checkScope(app, request, access);
  });
}

function namedUnit(request: FastifyRequest, scope: Extract<Scope, { kind: 'unit' }>): string {
  const source = request[scope.where] as Record<string, unknown> | undefined;
  const value = source?.[scope.field];
  if (typeof value !== 'string')
    throw new DomainError(API_ERROR_CODES.validation, `${scope.where}.${scope.field} is required`);
  return value;
}

async function checkScope(
  app: FastifyInstance,
  request: FastifyRequest,
  access: Extract<Access, { kind: 'restricted' }>,
) {
  const { scope } = access;
  if (scope.kind === 'role-only') return;
  const user = request.user;
  const units = await app.org.units();
  if (scope.kind === 'unit') {
    // The caller named the unit: saying it back tells them nothing new (an unknown one is just as outside).
    const unitId = namedUnit(request, scope);
    if (user.role !== 'rep' && isWithinScope(units, user.orgUnitId, unitId)) return;
    throw outOfScope(user, `org unit ${unitId} is outside your scope (${user.orgUnitId})`, {
      orgUnitId: unitId,
    });
  }
  const found = await scope.resolve(request);
  if (found) request.subject = found;
  if (found && within(units, user, found)) return;
  // Outside the caller's scope, "does not exist" and "not yours" answer alike: no 404 against 403
  // telling which ids exist, no naming of the unit the other person is in. Only a caller who would
  // see it anyway (their scope is the whole org) learns that it does not exist.
  const wholeOrg = user.role !== 'rep' && subtreeOf(units, user.orgUnitId).length === units.length;
  if (!found && wholeOrg) throw new DomainError(API_ERROR_CODES.notFound, `no such ${scope.describe}`);
  throw outOfScope(user, `this ${scope.describe} is outside your scope (${user.orgUnitId})`);
}

function within(units: readonly OrgUnit[], user: AuthUser, target: Subject): boolean {
  // A rep's scope is themselves: personal data of anyone else (even on their team) is out of scope.
  if (user.role === 'rep') return target.personId !== undefined && target.personId === user.personId;
  return isWithinScope(units, user.orgUnitId, target.orgUnitId);
}

function outOfScope(user: AuthUser, message: string, details?: Record<string, unknown>): DomainError {
  if (user.role === 'rep')
    return new DomainError(API_ERROR_CODES.outOfScope, 'a rep sees only their own plan and statements');
  return new DomainError(API_ERROR_CODES.outOfScope, message, details);
}
