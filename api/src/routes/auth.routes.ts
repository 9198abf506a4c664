import { randomUUID } from 'node:crypto';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiError,
  AuthUser,
  type AuditAction,
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
  /** Sign-in, sign-out and password changes: a user acting on their own login. */
  const auditOwnLogin = (user: AuthUser, action: AuditAction, id: string, at = new Date()) =>
    appendAudit(app.deps.connection, {
      id,
      at,
      actor: { userId: user.id, role: user.role },
      action,
      object: { type: 'user', id: user.id },
      orgUnitId: user.orgUnitId,
      details: {},
    });
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
      const user = await backoff.guard(username, () => authenticate(app.deps.connection, username, password));
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
      await auditOwnLogin(user, 'user.login', `login:${id}:${at.getTime()}:${request.id}`, at);
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
      // Keyed by the session: a repeated logout of the same session is recorded once.
      await auditOwnLogin(request.user, 'user.logout', `logout:${request.user.id}:${jti}`);
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
      const { id } = request.user;
      await backoff.guard(id, () =>
        changePassword(app.deps.connection, request.user, currentPassword, newPassword),
      );
      const { jti } = await request.jwtDecode<{ jti: string }>();
      await revokeUserSessions(app.deps.connection, id, jti);
      const at = new Date();
      await auditOwnLogin(
        request.user,
        'user.passwordChanged',
        `password:${id}:${at.getTime()}:${request.id}`,
        at,
      );
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
