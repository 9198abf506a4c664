import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_PASSWORD, demoUsername, seedDemoUsers } from '@opscycle/api';
import { openSession, userModel } from '@opscycle/storage';
import { PASSWORD, PEOPLE, startHarness, type Harness } from './harness';

describe('login, tokens, errors and the OpenAPI document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('api-auth', { loginRateLimit: { max: 8, timeWindowMs: 60_000 } });
  });
  afterAll(async () => h.close());

  it('rate-limits login attempts with the API error shape', async () => {
    const attempt = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ops', password: 'wrong password' },
      });
    // The harness signed in six users within this window; the limit is 8.
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).json()).toMatchObject({ code: 'AUTH_BAD_CREDENTIALS' });
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('rejects an expired token', async () => {
    expect((await h.call('ops', { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    // An open session, so only the expiry can fail it.
    const jti = `short-${Date.now()}`;
    const now = new Date();
    await openSession(h.db, {
      id: jti,
      userId: 'ops',
      issuedAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    });
    const shortLived = h.app.jwt.sign(
      { sub: 'ops', name: 'ops', role: 'opsAdmin', orgUnitId: 'acme', jti },
      { expiresIn: 1 },
    );
    expect((await h.callWith(shortLived, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const response = await h.callWith(shortLived, { method: 'GET', url: '/api/auth/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_UNAUTHENTICATED' });
  });

  it('documents every route in OpenAPI with a bearer scheme', async () => {
    const document = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(document.components.securitySchemes).toHaveProperty('bearer');
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const routes = h.app.routeRegistry.filter((route) => !route.url.startsWith('/docs'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes)
      expect(documented, `${route.method} ${route.url}`).toContain(`${route.method} ${route.url}`);
    expect((await h.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers an unknown route with the error shape', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('seeds one demo login per role, idempotently, keeping passwords as argon2 hashes', async () => {
    // People of their own: the harness's people have their logins already, and a person has one login at most.
    const people = PEOPLE.map((person) => ({ ...person, id: `demo-${person.id}` }));
    const first = await seedDemoUsers(h.db, people);
    const again = await seedDemoUsers(h.db, people);
    expect(first.map((u) => u.role).sort()).toEqual(['finance', 'hr', 'manager', 'opsAdmin', 'rep']);
    expect(again).toEqual(first);
    const stored = await userModel(h.db).findById(demoUsername('manager')).lean();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain(DEMO_PASSWORD);
    expect(PASSWORD).not.toBe(DEMO_PASSWORD);
  });

  it('sends safe headers on every response, no-store on tokens, and a CSP the docs pass', async () => {
    const me = await h.call('ops', { method: 'GET', url: '/api/auth/me' });
    expect(me.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(String(me.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const docs = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    // The page's scripts are files of this origin: the CSP allows no inline script.
    expect(String(docs.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)[^<]+<\/script>/);
    expect(
      (await h.call('ops', { method: 'GET', url: '/api/org/units' })).headers['cache-control'],
    ).toBeUndefined();
  });

  it('serves no docs when told (production)', async () => {
    const app = await buildApp({ ...h.deps, publicDocs: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
