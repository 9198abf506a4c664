import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '@opscycle/api';
import { PASSWORD, PEOPLE, startHarness, type Harness } from './harness';

describe('sessions: logout and revocation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('api-sessions');
  });
  afterAll(async () => h.close());

  it('revokes the presented token on logout and leaves the other sessions open', async () => {
    const signIn = async () =>
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'hr', password: PASSWORD },
        })
      ).json<{ token: string }>().token;
    const [laptop, phone] = [await signIn(), await signIn()];
    const me = (token: string) => h.callWith(token, { method: 'GET', url: '/api/auth/me' });
    expect((await me(laptop)).statusCode).toBe(200);

    const logout = await h.callWith(laptop, { method: 'POST', url: '/api/auth/logout' });
    expect(logout.statusCode).toBe(204);
    const after = await me(laptop);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'AUTH_UNAUTHENTICATED' });
    expect((await h.callWith(laptop, { method: 'GET', url: '/api/org/units' })).statusCode).toBe(401);
    expect((await h.callWith(laptop, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
    expect((await me(phone)).json()).toMatchObject({ id: 'hr', role: 'hr' });
    // Who signed out and when is in the audit trail, once.
    const logouts = await h.db.collection('audit_trail').find({ action: 'user.logout' }).toArray();
    expect(logouts).toHaveLength(1);
    expect(logouts[0]).toMatchObject({
      actor: { userId: 'hr', role: 'hr' },
      object: { type: 'user', id: 'hr' },
    });
  });

  it('refuses a correctly signed token whose session was never opened', async () => {
    const forged = h.app.jwt.sign({
      sub: 'ops',
      name: 'ops',
      role: 'opsAdmin',
      orgUnitId: 'acme',
      jti: 'made-up',
    });
    expect((await h.callWith(forged, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('revokes the sessions of a login whose role changes, not of one re-seeded unchanged', async () => {
    const person = PEOPLE.find((p) => p.id === 'rep-2')!;
    const token = await h.addLogin(person);
    const me = () => h.callWith(token, { method: 'GET', url: '/api/auth/me' });
    const login = {
      username: person.id,
      password: PASSWORD,
      name: person.name,
      orgUnitId: person.orgUnitId,
      personId: person.id,
    };
    await upsertUser(h.db, { ...login, role: 'rep' });
    expect((await me()).statusCode).toBe(200);
    await upsertUser(h.db, { ...login, role: 'manager' });
    expect((await me()).statusCode).toBe(401);
  });
});
