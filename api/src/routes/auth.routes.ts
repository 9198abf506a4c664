import { randomUUID } from 'node:crypto';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiError,
  AuthUser,
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  NewUserRequest,
} from '@opscycle/domain';
import { appendAudit, openSession, revokeSession, revokeUserSessions, userModel } from '@opscycle/storage';
import { allow, EVERYONE, PUBLIC, unitIn } from '../auth/access';
import { loginBackoff } from '../auth/loginBackoff';
import { saveLogin } from '../auth/logins';
import { authenticate, changePassword, toAuthUser } from '../auth/users';
import { visibilityOf } from '../auth/visibility';

export const authRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const limit = app.deps.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 };
  const backoff = loginBackoff();
  app.post(
    '/api/auth/login',
    {
      config: { access: PUBLIC, rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } },
      schema: {
        tags: ['auth'],
        security: [],
        body: LoginRequest,
        response: { 200: LoginResponse, 401: ApiError, 429: ApiError },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      backoff.check(username);
      const user = await authenticate(app.deps.connection, username, password).catch((error: unknown) => {
        backoff.failed(username);
        throw error;
      });
      backoff.succeeded(username);
      const ttl = app.deps.tokenTtlSeconds ?? 8 * 3600;
      const { id, ...claims } = user;
      const at = new Date();
      const jti = randomUUID();
      await openSession(app.deps.connection, {
        id: jti,
        userId: id,
        issuedAt: at,
        expiresAt: new Date(at.getTime() + ttl * 1000),
      });
      const token = app.jwt.sign({ ...claims, sub: id, jti });
      await appendAudit(app.deps.connection, {
        id: `login:${id}:${at.getTime()}:${request.id}`,
        at,
        actor: { userId: id, role: user.role },
        action: 'user.login',
        object: { type: 'user', id },
        orgUnitId: user.orgUnitId,
        details: {},
      });
      return { token, expiresAt: new Date(at.getTime() + ttl * 1000).toISOString(), user };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: allow(EVERYONE) },
      schema: {
        tags: ['auth'],
        description: 'Revokes the presented token: from now on it answers 401 (other sessions stay open).',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      // The signature and the session were checked by the auth hook; the token names its session.
      const { jti } = await request.jwtDecode<{ jti: string }>();
      await revokeSession(app.deps.connection, jti);
      const { id, role, orgUnitId } = request.user;
      // Keyed by the session: a repeated logout of the same session is recorded once.
      await appendAudit(app.deps.connection, {
        id: `logout:${id}:${jti}`,
        at: new Date(),
        actor: { userId: id, role },
        action: 'user.logout',
        object: { type: 'user', id },
        orgUnitId,
        details: {},
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: allow(EVERYONE) },
      schema: {
        tags: ['auth'],
        description:
          'Sets your own password. Until you do, a login someone else created for you cannot decide approvals or ' +
          'inquiries; your other sessions are closed.',
        body: ChangePasswordRequest,
        response: { 204: z.null(), 400: ApiError },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      const { id, role, orgUnitId } = request.user;
      backoff.check(id);
      await changePassword(app.deps.connection, request.user, currentPassword, newPassword).catch(
        (error: unknown) => {
          backoff.failed(id);
          throw error;
        },
      );
      backoff.succeeded(id);
      const { jti } = await request.jwtDecode<{ jti: string }>();
      await revokeUserSessions(app.deps.connection, id, jti);
      const at = new Date();
      await appendAudit(app.deps.connection, {
        id: `password:${id}:${at.getTime()}:${request.id}`,
        at,
        actor: { userId: id, role },
        action: 'user.passwordChanged',
        object: { type: 'user', id },
        orgUnitId,
        details: {},
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: allow(EVERYONE) }, schema: { tags: ['auth'], response: { 200: AuthUser } } },
    (request) => request.user,
  );

  app.get(
    '/api/users',
    {
      config: { access: allow(['opsAdmin']) },
      schema: {
        tags: ['auth'],
        description: 'The logins of the caller’s scope.',
        response: { 200: z.object({ users: z.array(AuthUser) }) },
      },
    },
    async (request) => {
      const [records, visible] = await Promise.all([
        userModel(app.deps.connection).find().sort({ _id: 1 }).lean(),
        visibilityOf(app.org, request.user),
      ]);
      return { users: records.filter((record) => visible.unit(record.orgUnitId)).map(toAuthUser) };
    },
  );

  app.post(
    '/api/users',
    {
      config: { access: allow(['opsAdmin'], unitIn('body')) },
      schema: {
        tags: ['auth'],
        description:
          'Creates or changes a login. Its person must exist within your scope, hold the login’s role and unit, and ' +
          'have no other login; every save is audited.',
        body: NewUserRequest,
        response: { 201: AuthUser },
      },
    },
    async (request, reply) => reply.status(201).send(await saveLogin(app, request.user, request.body)),
  );
  done();
};
