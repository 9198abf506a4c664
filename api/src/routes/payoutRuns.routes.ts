import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  API_ERROR_CODES,
  assertEffectiveFor,
  DomainError,
  HoldRequest,
  isWithinScope,
  PayoutHoldList,
  PayoutHoldView,
  PayoutRunInput,
  PayoutRunParam,
  PayoutRunStarted,
  reviewPeriodRange,
  StartPayoutRunRequest,
  StatementParams,
  TASK_QUEUES,
  type AuthUser,
  type PayoutHold,
  type StepApproval,
} from '@opscycle/domain';
import {
  appendAudit,
  loadPayoutHold,
  loadPayoutHolds,
  loadRuleSetVersion,
  savePayoutHold,
} from '@opscycle/storage';
import type { payoutRunWorkflow } from '@opscycle/workflows';
import {
  parsePayoutRunId,
  payoutRunId,
  payoutRunWorkflowId,
  WORKFLOW_TYPES,
} from '@opscycle/workflows/messages';
import { allow, subject } from '../auth/access';

const tags = ['payouts'];
/** Who starts, re-runs and holds: finance, and the ops admin who runs the cycle. */
const STARTERS = ['finance', 'opsAdmin'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A run started on demand goes to finance like the cycle's, then to the ops admin. The submitter is
 * skipped at every level, so a run finance starts is approved by another finance person or the ops
 * admin, and one the ops admin starts by finance: never by the person who started it.
 */
const ON_DEMAND_APPROVAL: StepApproval = {
  subjectKind: 'payout',
  routing: { kind: 'roles', roles: ['finance', 'opsAdmin'] },
  levelDeadlineMs: 3 * DAY_MS,
  reminderEveryMs: DAY_MS,
  resubmitDeadlineMs: 3 * DAY_MS,
};

type RunHandle = WorkflowHandle<typeof payoutRunWorkflow>;

function starterOf(user: AuthUser): string {
  if (!user.personId)
    throw new DomainError(
      'PAYOUT_RUN_FORBIDDEN',
      `login ${user.id} is not linked to a person: a run's approval must know who started it`,
    );
  return user.personId;
}

function runKeyOf(runId: string) {
  const key = parsePayoutRunId(runId);
  if (!key)
    throw new DomainError('PAYOUT_RUN_NOT_FOUND', `${runId} is not a payout run id (<plan>-<period>-r<n>)`);
  return key;
}

const holdView = ({ releasedAt, ...hold }: PayoutHold): PayoutHoldView => ({
  ...hold,
  heldAt: hold.heldAt.toISOString(),
  ...(releasedAt ? { releasedAt: releasedAt.toISOString() } : {}),
});

/** Starting, re-running and holding payout runs: the same payoutRunWorkflow the annual cycle starts. */
export const payoutRunRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { connection, temporal } = app.deps;
  const payeeScope = subject('payee', async (request) => {
    const person = await app.org.person((request.params as { payeeId: string }).payeeId);
    return person ? { orgUnitId: person.orgUnitId, personId: person.id } : undefined;
  });

  /**
   * A run pays every payee of the plan, company-wide: only a caller whose scope is the whole company
   * starts one (a regional finance person holds and reads their own payees instead).
   */
  async function companyOf(user: AuthUser): Promise<string> {
    const units = await app.org.units();
    const root = units.find((u) => u.parentId === null);
    if (!root) throw new DomainError('ORG_UNIT_NOT_FOUND', 'the org has no company unit');
    if (!isWithinScope(units, user.orgUnitId, root.id))
      throw new DomainError(
        API_ERROR_CODES.outOfScope,
        `a payout run pays all of ${root.id}; ${user.id}'s scope is ${user.orgUnitId}`,
      );
    return root.id;
  }

  /** Starts the run under its business key once; a second start answers the run already there. */
  async function startOnce(input: PayoutRunInput, user: AuthUser, rerunOf?: string) {
    const workflowId = payoutRunWorkflowId(input.planId, input.period, input.revision);
    const runId = payoutRunId(input.planId, input.period, input.revision);
    const answer = {
      runId,
      workflowId,
      planId: input.planId,
      period: input.period,
      revision: input.revision,
    };
    try {
      await temporal.workflow.start<typeof payoutRunWorkflow>(WORKFLOW_TYPES.payoutRun, {
        taskQueue: app.deps.cycleTaskQueue ?? TASK_QUEUES.cycle,
        workflowId,
        // Closed runs keep their id too: a period's revision is paid by one run, ever.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { ...answer, started: false };
      throw error;
    }
    await appendAudit(connection, {
      id: `payoutRun.started:${runId}`,
      at: new Date(),
      actor: { userId: user.id, role: user.role },
      action: 'payoutRun.started',
      object: { type: 'payoutRun', id: runId },
      orgUnitId: input.orgUnitId,
      details: {
        incentiveRuleSet: input.incentiveRuleSet,
        period: input.period,
        revision: input.revision,
        startedBy: input.submittedBy,
        ...(rerunOf ? { rerunOf } : {}),
      },
    });
    return { ...answer, started: true };
  }

  /** The input a run was started with, from its history: cycle runs and on-demand runs alike. */
  async function inputOf(handle: RunHandle): Promise<PayoutRunInput> {
    const history = await handle.fetchHistory();
    const payload =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0] ?? undefined;
    if (!payload) throw new DomainError('PAYOUT_RUN_NOT_FOUND', `run ${handle.workflowId} has no input`);
    return PayoutRunInput.parse(temporal.options.loadedDataConverter.payloadConverter.fromPayload(payload));
  }

  /** Stores a hold's new state and audits who changed it, when and why. */
  async function saveHold(
    user: AuthUser,
    runId: string,
    hold: PayoutHold,
    action: 'payout.held' | 'payout.released',
    at: Date,
    reason: string,
  ) {
    const { planId, period, payeeId } = hold;
    await savePayoutHold(connection, hold);
    await appendAudit(connection, {
      id: `${action}:${planId}:${period}:${payeeId}:${at.toISOString()}`,
      at,
      actor: { userId: user.id, role: user.role },
      action,
      object: { type: 'payee', id: payeeId },
      details: { runId, planId, period, reason, heldBy: hold.heldBy },
    });
  }

  app.post(
    '/api/payout-runs',
    {
      config: { access: allow(STARTERS) },
      schema: {
        tags,
        description:
          'Starts the payout run of a plan (a published incentive rule-set version) for a period, as revision 1, ' +
          'on the payoutRunWorkflow the cycle uses. The run id is the business key: starting it again answers 200 ' +
          'with the run already there (started: false) and starts nothing. Audited.',
        body: StartPayoutRunRequest,
        response: { 200: PayoutRunStarted, 201: PayoutRunStarted },
      },
    },
    async (request, reply) => {
      const { ruleSetId, version, period, partitionCount } = request.body;
      const orgUnitId = await companyOf(request.user);
      const submittedBy = starterOf(request.user);
      const ruleSet = await loadRuleSetVersion(connection, ruleSetId, version);
      if (!ruleSet)
        throw new DomainError(
          'RULE_SET_VERSION_NOT_FOUND',
          `rule set ${ruleSetId} has no published version ${version}`,
          {
            ruleSetId,
            version,
          },
        );
      if (ruleSet.kind !== 'incentive')
        throw new DomainError(
          'PAYOUT_RULE_SET_NOT_INCENTIVE',
          `rule set ${ruleSetId} is ${ruleSet.kind}, not an incentive plan`,
          {
            ruleSetId,
            kind: ruleSet.kind,
          },
        );
      assertEffectiveFor(ruleSet, ruleSetId, { id: period, ...reviewPeriodRange(period) });
      const currency = ruleSet.compiled.currency;
      if (!currency)
        throw new DomainError(
          'PAYOUT_CURRENCY_MISSING',
          `rule set ${ruleSetId}@${version} names no currency`,
          {
            ruleSetId,
            version,
          },
        );
      const run = await startOnce(
        {
          planId: ruleSetId,
          period,
          revision: 1,
          incentiveRuleSet: { ruleSetId, version },
          currency,
          partitionCount,
          submittedBy,
          submittedByRole: request.user.role,
          orgUnitId,
          approval: ON_DEMAND_APPROVAL,
        },
        request.user,
      );
      return reply.status(run.started ? 201 : 200).send(run);
    },
  );

  app.post(
    '/api/payout-runs/:runId/rerun',
    {
      config: { access: allow(STARTERS) },
      schema: {
        tags,
        description:
          'Re-runs a closed run’s period as the next revision, with the same plan version: it pays only the ' +
          'differences to what earlier revisions exported (and what was held, once released). Re-running the ' +
          'same run again answers 200 with the revision already started. Audited.',
        params: PayoutRunParam,
        response: { 200: PayoutRunStarted, 201: PayoutRunStarted },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      const { planId, period, revision } = runKeyOf(runId);
      await companyOf(request.user);
      const handle = temporal.workflow.getHandle<typeof payoutRunWorkflow>(
        payoutRunWorkflowId(planId, period, revision),
      );
      const { status } = await handle.describe();
      if (status.name === 'RUNNING')
        throw new DomainError(
          'PAYOUT_RUN_NOT_CLOSED',
          `run ${runId} is still running: re-run it once it is closed`,
          {
            runId,
          },
        );
      const input = await inputOf(handle);
      const run = await startOnce(
        {
          ...input,
          revision: revision + 1,
          submittedBy: starterOf(request.user),
          submittedByRole: request.user.role,
          approval: ON_DEMAND_APPROVAL,
        },
        request.user,
        runId,
      );
      return reply.status(run.started ? 201 : 200).send(run);
    },
  );

  app.get(
    '/api/payout-runs/:runId/holds',
    {
      config: { access: allow(['opsAdmin', 'finance', 'hr']) },
      schema: {
        tags,
        description:
          'Holds of the run’s plan and period (active and released) on payees within the caller’s scope.',
        params: PayoutRunParam,
        response: { 200: PayoutHoldList },
      },
    },
    async (request) => {
      const { planId, period } = runKeyOf(request.params.runId);
      const [holds, units] = await Promise.all([
        loadPayoutHolds(connection, planId, period),
        app.org.units(),
      ]);
      const visible: PayoutHold[] = [];
      for (const hold of holds) {
        const payee = await app.org.person(hold.payeeId);
        if (payee && isWithinScope(units, request.user.orgUnitId, payee.orgUnitId)) visible.push(hold);
      }
      return { holds: visible.map(holdView) };
    },
  );

  app.post(
    '/api/payout-runs/:runId/holds/:payeeId',
    {
      config: { access: allow(STARTERS, payeeScope) },
      schema: {
        tags,
        description:
          'Holds a payee’s pay of the run’s plan and period: exports leave the payee out until released; the next ' +
          'revision after the release pays it, once. Holding again changes nothing. Audited with the reason.',
        params: StatementParams,
        body: HoldRequest,
        response: { 200: PayoutHoldView },
      },
    },
    async (request) => {
      const { runId, payeeId } = request.params;
      const { planId, period } = runKeyOf(runId);
      const existing = await loadPayoutHold(connection, planId, period, payeeId);
      if (existing?.active) return holdView(existing);
      const hold: PayoutHold = {
        planId,
        period,
        payeeId,
        active: true,
        reason: request.body.reason,
        heldBy: request.user.personId ?? request.user.id,
        heldAt: new Date(),
      };
      await saveHold(request.user, runId, hold, 'payout.held', hold.heldAt, hold.reason);
      return holdView(hold);
    },
  );

  app.post(
    '/api/payout-runs/:runId/holds/:payeeId/release',
    {
      config: { access: allow(STARTERS, payeeScope) },
      schema: {
        tags,
        description:
          'Releases a held payee: the next revision of the period (re-run the run) pays what was held. Audited with the reason.',
        params: StatementParams,
        body: HoldRequest,
        response: { 200: PayoutHoldView },
      },
    },
    async (request) => {
      const { runId, payeeId } = request.params;
      const { planId, period } = runKeyOf(runId);
      const existing = await loadPayoutHold(connection, planId, period, payeeId);
      if (!existing?.active)
        throw new DomainError('PAYOUT_HOLD_NOT_FOUND', `${payeeId} is not held in ${planId} ${period}`, {
          payeeId,
          planId,
          period,
        });
      const releasedAt = new Date();
      const released: PayoutHold = {
        ...existing,
        active: false,
        releasedBy: request.user.personId ?? request.user.id,
        releasedAt,
        releaseReason: request.body.reason,
      };
      await saveHold(request.user, runId, released, 'payout.released', releasedAt, request.body.reason);
      return holdView(released);
    },
  );
  done();
};
