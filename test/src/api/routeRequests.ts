import type { InjectOptions } from 'fastify';
import type { RuleGraph } from '@opscycle/domain';

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
  /** A published rule set (version 1) with its draft at revision 1. */
  ruleSet: RuleGraph;
}
export type RouteRequest = (target: Target, fixtures: Fixtures) => InjectOptions;

/** An approval mirror per target (submitted by the target person in the target unit), made by the matrix test. */
export const fixtureApprovalId = (t: Target) => `fx-${t.orgUnitId}-${t.personId}`;
export const FIXTURE_RUN = 'fx-plan-2027-01-r1';
export const FIXTURE_CYCLE = 'cycle-FY2027-acme';
/** An open inquiry per target (about the target person's FIXTURE_RUN statement), made by the matrix test. */
export const fixtureInquiryId = (t: Target) => `fxi-${t.orgUnitId}-${t.personId}`;

const csvHeaders = { 'content-type': 'text/csv' };

/** Routes that revoke the caller's token: the matrix calls them with a fresh session of the role. */
export const ENDS_SESSION = new Set(['POST /api/auth/logout']);

export const ROUTE_REQUESTS: Record<string, RouteRequest> = {
  'GET /api/auth/me': () => ({ method: 'GET', url: '/api/auth/me' }),
  'POST /api/auth/logout': () => ({ method: 'POST', url: '/api/auth/logout' }),
  // A wrong current password: refused (400) without changing anything the other checks rely on.
  'POST /api/auth/password': () => ({
    method: 'POST',
    url: '/api/auth/password',
    payload: { currentPassword: 'not the password', newPassword: 'a new password of mine' },
  }),
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
  'GET /api/rule-sets': () => ({ method: 'GET', url: '/api/rule-sets' }),
  'POST /api/rule-sets': (t) => ({
    method: 'POST',
    url: '/api/rule-sets',
    payload: { kind: 'funnelStage', name: `new ${t.personId}` },
  }),
  'GET /api/rule-sets/:id/draft': (_t, f) => ({ method: 'GET', url: `/api/rule-sets/${f.ruleSet.id}/draft` }),
  'PUT /api/rule-sets/:id/draft': (_t, f) => ({
    method: 'PUT',
    url: `/api/rule-sets/${f.ruleSet.id}/draft`,
    payload: f.ruleSet,
  }),
  'DELETE /api/rule-sets/:id/draft': () => ({ method: 'DELETE', url: '/api/rule-sets/nothing-here/draft' }),
  'POST /api/rule-sets/validate': (_t, f) => ({
    method: 'POST',
    url: '/api/rule-sets/validate',
    payload: f.ruleSet,
  }),
  'POST /api/rule-sets/simulate': (_t, f) => ({
    method: 'POST',
    url: '/api/rule-sets/simulate',
    payload: {
      graph: f.ruleSet,
      facts: {
        discountPct: 3,
        dealAmount: 100,
        productLine: 'core',
        customerSize: 'smb',
        requesterRole: 'rep',
      },
    },
  }),
  'POST /api/rule-sets/:id/impact': (_t, f) => ({
    method: 'POST',
    url: `/api/rule-sets/${f.ruleSet.id}/impact`,
    payload: { actuals: { period: { id: '2027-01', from: '2027-01-01', to: '2027-01-31' }, payees: [] } },
  }),
  'POST /api/rule-sets/:id/impact-actuals': (_t, f) => ({
    method: 'POST',
    url: `/api/rule-sets/${f.ruleSet.id}/impact-actuals`,
    payload: { period: '2027-01' },
  }),
  'POST /api/rule-sets/:id/publish': () => ({
    method: 'POST',
    url: '/api/rule-sets/nothing-here/publish',
    payload: { draftVersion: 1 },
  }),
  'GET /api/rule-sets/:id/versions': (_t, f) => ({
    method: 'GET',
    url: `/api/rule-sets/${f.ruleSet.id}/versions`,
  }),
  'GET /api/rule-sets/:id/versions/:version': (_t, f) => ({
    method: 'GET',
    url: `/api/rule-sets/${f.ruleSet.id}/versions/1`,
  }),
  'GET /api/rule-sets/:id/diff': (_t, f) => ({
    method: 'GET',
    url: `/api/rule-sets/${f.ruleSet.id}/diff?from=1&to=1`,
  }),
  'GET /api/approvals': () => ({ method: 'GET', url: '/api/approvals?status=pending' }),
  'GET /api/approvals/:approvalId': (t) => ({ method: 'GET', url: `/api/approvals/${fixtureApprovalId(t)}` }),
  'GET /api/approvals/:approvalId/context': (t) => ({
    method: 'GET',
    url: `/api/approvals/${fixtureApprovalId(t)}/context`,
  }),
  'POST /api/approvals/:approvalId/:kind': (t) => ({
    method: 'POST',
    url: `/api/approvals/${fixtureApprovalId(t)}/approve`,
    payload: { decisionId: `matrix-${t.personId}` },
  }),
  'GET /api/payout-runs': () => ({ method: 'GET', url: '/api/payout-runs' }),
  'GET /api/payout-runs/:runId': () => ({ method: 'GET', url: `/api/payout-runs/${FIXTURE_RUN}` }),
  'GET /api/payout-runs/:runId/statements': () => ({
    method: 'GET',
    url: `/api/payout-runs/${FIXTURE_RUN}/statements`,
  }),
  'GET /api/payout-runs/:runId/statements/:payeeId': (t) => ({
    method: 'GET',
    url: `/api/payout-runs/${FIXTURE_RUN}/statements/${t.personId}`,
  }),
  'GET /api/people/:personId/statements': (t) => ({
    method: 'GET',
    url: `/api/people/${t.personId}/statements`,
  }),
  'GET /api/payout-runs/:runId/export.csv': () => ({
    method: 'GET',
    url: `/api/payout-runs/${FIXTURE_RUN}/export.csv`,
  }),
  // No published incentive plan in the matrix's database: the start is refused after the checks.
  'POST /api/payout-runs': (_t, f) => ({
    method: 'POST',
    url: '/api/payout-runs',
    payload: { ruleSetId: f.ruleSet.id, version: 1, period: '2027-01' },
  }),
  'POST /api/payout-runs/:runId/rerun': () => ({
    method: 'POST',
    url: `/api/payout-runs/${FIXTURE_RUN}/rerun`,
  }),
  'GET /api/payout-runs/:runId/holds': () => ({
    method: 'GET',
    url: `/api/payout-runs/${FIXTURE_RUN}/holds`,
  }),
  'POST /api/payout-runs/:runId/holds/:payeeId': (t) => ({
    method: 'POST',
    url: `/api/payout-runs/${FIXTURE_RUN}/holds/${t.personId}`,
    payload: { reason: 'auth matrix' },
  }),
  'POST /api/payout-runs/:runId/holds/:payeeId/release': (t) => ({
    method: 'POST',
    url: `/api/payout-runs/${FIXTURE_RUN}/holds/${t.personId}/release`,
    payload: { reason: 'auth matrix' },
  }),
  'POST /api/cycles': () => ({ method: 'POST', url: '/api/cycles', payload: {} }),
  'GET /api/cycles': () => ({ method: 'GET', url: '/api/cycles?fiscalYear=2027' }),
  'GET /api/cycles/:cycleId': () => ({ method: 'GET', url: '/api/cycles/cycle-FY2027-nowhere' }),
  'GET /api/cycles/:cycleId/quota/:orgUnitId': (t) => ({
    method: 'GET',
    url: `/api/cycles/${FIXTURE_CYCLE}/quota/${t.orgUnitId}`,
  }),
  'GET /api/cycles/:cycleId/quota/people/:personId': (t) => ({
    method: 'GET',
    url: `/api/cycles/${FIXTURE_CYCLE}/quota/people/${t.personId}`,
  }),
  'PUT /api/cycles/:cycleId/submissions/:orgUnitId': (t) => ({
    method: 'PUT',
    url: `/api/cycles/${FIXTURE_CYCLE}/submissions/${t.orgUnitId}`,
    payload: { amountMinor: 1_000_000_00, currency: 'CNY' },
  }),
  'GET /api/cycles/:cycleId/submissions/:orgUnitId': (t) => ({
    method: 'GET',
    url: `/api/cycles/${FIXTURE_CYCLE}/submissions/${t.orgUnitId}`,
  }),
  'GET /api/cycles/:cycleId/plans/:kind': () => ({
    method: 'GET',
    url: `/api/cycles/${FIXTURE_CYCLE}/plans/staffingPlan`,
  }),
  'POST /api/cycles/:cycleId/strategy/target-adjustment': () => ({
    method: 'POST',
    url: `/api/cycles/${FIXTURE_CYCLE}/strategy/target-adjustment`,
    payload: { companyTargetMinor: 100_00, reason: 'auth matrix' },
  }),
  'GET /api/plans/:planId': (t) => ({ method: 'GET', url: `/api/plans/${FIXTURE_CYCLE}:${t.personId}` }),
  'POST /api/plans/:planId/acknowledgment': (t) => ({
    method: 'POST',
    url: `/api/plans/${FIXTURE_CYCLE}:${t.personId}/acknowledgment`,
  }),
  'GET /api/kpis/:orgUnitId': (t) => ({ method: 'GET', url: `/api/kpis/${t.orgUnitId}` }),
  'GET /api/funnel/:ruleSetId': (t, f) => ({
    method: 'GET',
    url: `/api/funnel/${f.ruleSet.id}?orgUnitId=${t.orgUnitId}&from=2027-01-01&to=2027-12-31`,
  }),
  'GET /api/me/plan': () => ({ method: 'GET', url: '/api/me/plan' }),
  'POST /api/me/plan/acknowledgment': (_t, f) => ({
    method: 'POST',
    url: '/api/me/plan/acknowledgment',
    payload: { ruleSetId: f.ruleSet.id, version: 1 },
  }),
  'GET /api/me/attainment': () => ({ method: 'GET', url: '/api/me/attainment' }),
  'GET /api/me/statements': () => ({ method: 'GET', url: '/api/me/statements' }),
  'POST /api/me/estimate': () => ({
    method: 'POST',
    url: '/api/me/estimate',
    payload: { amountMinor: 10_000_000, productLine: 'core', newCustomer: false, closedOn: '2027-02-15' },
  }),
  'POST /api/inquiries': (t) => ({
    method: 'POST',
    url: '/api/inquiries',
    payload: {
      inquiryId: `mx-${t.personId}-${Math.random().toString(36).slice(2, 10)}`,
      runId: FIXTURE_RUN,
      payeeId: t.personId,
      lineKey: 'commission',
      comment: 'the rate looks wrong',
    },
  }),
  'GET /api/inquiries': () => ({ method: 'GET', url: '/api/inquiries?view=assigned' }),
  'GET /api/inquiries/:inquiryId': (t) => ({ method: 'GET', url: `/api/inquiries/${fixtureInquiryId(t)}` }),
  'POST /api/inquiries/:inquiryId/accept': (t) => ({
    method: 'POST',
    url: `/api/inquiries/${fixtureInquiryId(t)}/accept`,
    payload: { decisionId: `mx-accept-${t.personId}`, amountMinor: 100 },
  }),
  'POST /api/inquiries/:inquiryId/reject': (t) => ({
    method: 'POST',
    url: `/api/inquiries/${fixtureInquiryId(t)}/reject`,
    payload: { decisionId: `mx-reject-${t.personId}`, reason: 'rate is right' },
  }),
  'POST /api/inquiries/:inquiryId/delegate': (t) => ({
    method: 'POST',
    url: `/api/inquiries/${fixtureInquiryId(t)}/delegate`,
    payload: { decisionId: `mx-delegate-${t.personId}`, delegateTo: 'ceo' },
  }),
  'GET /api/positions': () => ({ method: 'GET', url: '/api/positions' }),
  'PUT /api/org/units/:orgUnitId/positions/:position': (t) => ({
    method: 'PUT',
    url: `/api/org/units/${t.orgUnitId}/positions/hrbp`,
    payload: { personId: t.personId },
  }),
  'DELETE /api/org/units/:orgUnitId/positions/:position': (t) => ({
    method: 'DELETE',
    url: `/api/org/units/${t.orgUnitId}/positions/hrbp`,
  }),
};
