import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role, type RuleGraph } from '@opscycle/domain';
import { demoDiscountAuthority } from '@opscycle/rules';
import { createInquiry, saveApprovalState, saveStatements } from '@opscycle/storage';
import type { RegisteredRoute, RestrictedRoute } from '@opscycle/api';
import { LOGINS, PEOPLE, startHarness, type Harness, type Login } from './harness';
import { anApprovalState, anInquiry, aPerson, aStatement } from './builders';
import {
  ENDS_SESSION,
  FIXTURE_RUN,
  fixtureApprovalId,
  fixtureInquiryId,
  ROUTE_REQUESTS,
  type Fixtures,
  type Target,
} from './routeRequests';

const LOGIN_OF_ROLE: Record<Role, Login> = {
  opsAdmin: 'ops',
  manager: 'managerEast',
  finance: 'finance',
  hr: 'hr',
  rep: 'rep',
};
/** Targets inside each caller's scope, and outside it for the callers whose scope is not the whole company. */
const IN_SCOPE: Record<Login, Target> = {
  ops: { orgUnitId: 'west-1', personId: 'rep-2' },
  finance: { orgUnitId: 'west-1', personId: 'rep-2' },
  hr: { orgUnitId: 'west-1', personId: 'rep-2' },
  managerEast: { orgUnitId: 'east-1', personId: 'rep-1' },
  managerWest: { orgUnitId: 'west-1', personId: 'rep-2' },
  rep: { orgUnitId: 'east-1', personId: 'rep-1' },
};
const OUT_OF_SCOPE: Partial<Record<Login, Target>> = {
  managerEast: { orgUnitId: 'west', personId: 'rep-2' },
  // A rep's scope is themselves: anyone else is out of scope.
  rep: { orgUnitId: 'east-1', personId: 'rep-2' },
};

const key = (route: RegisteredRoute) => `${route.method} ${route.url}`;

describe('auth matrix over every route', () => {
  let h: Harness;
  let restricted: RestrictedRoute[];
  let fixtures: Fixtures;

  beforeAll(async () => {
    h = await startHarness('api-auth-matrix');
    restricted = h.app.routeRegistry.filter(
      (route): route is RestrictedRoute => route.access.kind === 'restricted',
    );
    const job = await h.call('ops', {
      method: 'POST',
      url: '/api/imports/deals?wait=true',
      headers: { 'content-type': 'text/csv' },
      payload: 'dealId\nd-1\n',
    });
    const ruleSet = await h.call('ops', {
      method: 'POST',
      url: '/api/rule-sets',
      payload: { kind: 'discountAuthority', name: 'Discounts', graph: demoDiscountAuthority },
    });
    await h.call('ops', {
      method: 'POST',
      url: `/api/rule-sets/${demoDiscountAuthority.id}/publish`,
      payload: { draftVersion: 1 },
    });
    for (const target of [...Object.values(IN_SCOPE), ...Object.values(OUT_OF_SCOPE)]) {
      await saveApprovalState(h.db, anApprovalState(fixtureApprovalId(target), target));
    }
    await saveStatements(
      h.db,
      ['rep-1', 'rep-2'].map((payeeId) => aStatement(FIXTURE_RUN, payeeId)),
    );
    for (const target of [...Object.values(IN_SCOPE), ...Object.values(OUT_OF_SCOPE)])
      await createInquiry(h.db, anInquiry(fixtureInquiryId(target), FIXTURE_RUN, target));
    fixtures = { importJobId: job.json<{ id: string }>().id, ruleSet: ruleSet.json<RuleGraph>() };
  });
  afterAll(async () => h.close());

  it('knows a request for every route the app registers, and only for those', () => {
    const registered = restricted.map(key).sort();
    expect(registered.length).toBeGreaterThan(5);
    expect(Object.keys(ROUTE_REQUESTS).sort()).toEqual(registered);
  });

  it('lets only login, health and the docs through without a token', () => {
    const open = h.app.routeRegistry.filter((route) => route.access.kind === 'public').map(key);
    for (const route of open)
      expect(route).toMatch(/^(GET \/health|POST \/api\/auth\/login|(GET|HEAD) \/docs.*)$/);
  });

  it('answers 401 without a token and with a forged one', async () => {
    const forged = `${h.tokens.ops.slice(0, -4)}AAAA`;
    for (const route of restricted) {
      const request = ROUTE_REQUESTS[key(route)]!(IN_SCOPE.ops, fixtures);
      const anonymous = await h.call(null, request);
      expect(anonymous.statusCode, key(route)).toBe(401);
      expect(anonymous.json(), key(route)).toMatchObject({ code: 'AUTH_UNAUTHENTICATED' });
      const bad = await h.app.inject({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${forged}` },
      });
      expect(bad.statusCode, key(route)).toBe(401);
    }
  });

  it('answers 403 to every role the route does not allow', async () => {
    let checked = 0;
    for (const route of restricted) {
      for (const role of ROLES.filter((r) => !route.access.roles.includes(r))) {
        const login = LOGIN_OF_ROLE[role];
        const response = await h.call(login, ROUTE_REQUESTS[key(route)]!(IN_SCOPE[login], fixtures));
        expect(response.statusCode, `${role} ${key(route)}`).toBe(403);
        expect(response.json(), `${role} ${key(route)}`).toMatchObject({ code: 'AUTH_FORBIDDEN_ROLE' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('answers 403 to an allowed role outside its org scope, and lets it in within scope', async () => {
    let checked = 0;
    for (const route of restricted.filter((r) => r.access.scope.kind !== 'role-only')) {
      for (const [login, target] of Object.entries(OUT_OF_SCOPE) as [Login, Target][]) {
        const role = login === 'rep' ? 'rep' : 'manager';
        if (!route.access.roles.includes(role)) continue;
        const request = ROUTE_REQUESTS[key(route)]!;
        const outside = await h.call(login, request(target, fixtures));
        expect(outside.statusCode, `${login} outside ${key(route)}: ${outside.body}`).toBe(403);
        expect(outside.json(), key(route)).toMatchObject({ code: 'AUTH_OUT_OF_SCOPE' });
        const inside = await h.call(login, request(IN_SCOPE[login], fixtures));
        expect([401, 403], `${login} inside ${key(route)}: ${inside.body}`).not.toContain(inside.statusCode);
        expect(inside.statusCode, `${login} inside ${key(route)}: ${inside.body}`).toBeLessThan(500);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('lets every allowed role through within its scope', async () => {
    for (const route of restricted) {
      for (const role of route.access.roles) {
        const login = LOGIN_OF_ROLE[role];
        const request = ROUTE_REQUESTS[key(route)]!(IN_SCOPE[login], fixtures);
        // Logging out the shared token would fail every later request of this role.
        const response = ENDS_SESSION.has(key(route))
          ? await h.callWith(await h.addLogin(PEOPLE.find((p) => p.id === LOGINS[login])!), request)
          : await h.call(login, request);
        expect([401, 403], `${role} ${key(route)}: ${response.body}`).not.toContain(response.statusCode);
        // A 500 would also "let the role through": it hid a route that could not read its own records.
        expect(response.statusCode, `${role} ${key(route)}: ${response.body}`).toBeLessThan(500);
      }
    }
  });

  it('gives a login scoped to a region, of each role, nothing outside its scope on any route', async () => {
    // West's people, units, statements, approvals and sign-ins are stored (beforeAll, harness logins).
    // rep-2 (of west-1) only as a payee: an east fixture approval names rep-2 as its submitter.
    const outsideEast = /\b(west|west-1|m-west|m-west-1)\b|"payeeId":"rep-2"|,rep-2,/;
    const scoped: Record<Role, string> = {
      opsAdmin: await h.addLogin(aPerson('ops-east', 'opsAdmin', 'east')),
      finance: await h.addLogin(aPerson('fin-east', 'finance', 'east')),
      hr: await h.addLogin(aPerson('hr-east', 'hr', 'east')),
      manager: h.tokens.managerEast,
      rep: h.tokens.rep,
    };
    let checked = 0;
    for (const route of restricted) {
      // Rule sets are the company's configuration (their conditions may name any region), not org data.
      if (ENDS_SESSION.has(key(route)) || route.url.startsWith('/api/rule-sets')) continue;
      for (const role of route.access.roles) {
        const request = ROUTE_REQUESTS[key(route)]!(IN_SCOPE.managerEast, fixtures);
        const response = await h.callWith(scoped[role], request);
        expect(response.body, `${role} ${key(route)}`).not.toMatch(outsideEast);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
