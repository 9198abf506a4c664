import type { InjectOptions } from 'fastify';

/**
 * What a request to each route looks like for a given target (an org unit and a person in it).
 * The auth-matrix test fails for any registered route missing here, so a new route cannot ship
 * without its 401/403 checks. `ids` are resources the matrix test created beforehand.
 */
export interface Target {
  orgUnitId: string;
  personId: string;
}
export interface Fixtures {
  importJobId: string;
}
export type RouteRequest = (target: Target, fixtures: Fixtures) => InjectOptions;

const csvHeaders = { 'content-type': 'text/csv' };

export const ROUTE_REQUESTS: Record<string, RouteRequest> = {
  'GET /api/auth/me': () => ({ method: 'GET', url: '/api/auth/me' }),
  'GET /api/users': () => ({ method: 'GET', url: '/api/users' }),
  'POST /api/users': (t) => ({
    method: 'POST',
    url: '/api/users',
    payload: {
      username: `u-${t.personId}`,
      password: 'long enough password',
      name: 'New',
      role: 'rep',
      orgUnitId: t.orgUnitId,
    },
  }),
  'GET /api/org/units': () => ({ method: 'GET', url: '/api/org/units' }),
  'GET /api/org/units/:orgUnitId/people': (t) => ({
    method: 'GET',
    url: `/api/org/units/${t.orgUnitId}/people`,
  }),
  'GET /api/people/:personId': (t) => ({ method: 'GET', url: `/api/people/${t.personId}` }),
  'GET /api/audit': () => ({ method: 'GET', url: '/api/audit' }),
  'POST /api/imports/deals': () => ({
    method: 'POST',
    url: '/api/imports/deals',
    headers: csvHeaders,
    payload: 'dealId\n',
  }),
  'GET /api/imports': () => ({ method: 'GET', url: '/api/imports' }),
  'GET /api/imports/:id': (_t, f) => ({ method: 'GET', url: `/api/imports/${f.importJobId}` }),
};
