import type mongoose from 'mongoose';
import { type OrgUnit, type UnitYearSummary } from '@opscycle/domain';
import {
  appendAudit,
  exportModel,
  exportIdOf,
  loadPeople,
  loadQuotaAllocations,
  lockRepPlans,
  recordCycleStepRun,
  saveYearSummaries,
  statementModel,
} from '@opscycle/storage';
import type { CloseYearInput, CycleStepResult } from '@opscycle/workflows/activityContracts';
import { loadWonDeals } from './planning/load';

/** Adds `amount` to `unitId` and every unit above it. */
function rollUp(
  totals: Map<string, number>,
  parentOf: Map<string, string | null>,
  unitId: string,
  amount: number,
) {
  const seen = new Set<string>();
  for (let at: string | null | undefined = unitId; at && !seen.has(at); at = parentOf.get(at)) {
    seen.add(at);
    totals.set(at, (totals.get(at) ?? 0) + amount);
  }
}

/**
 * Per unit of the pinned org: the target from the cycle's quota allocations, the actual from the
 * year's won deals of its teams, and what its people were paid (exported statements of the payout
 * plan, all periods and revisions).
 */
export async function summarizeYear(
  connection: mongoose.Connection,
  input: Pick<CloseYearInput, 'cycleId' | 'fiscalYear' | 'orgUnits' | 'incentivePlanId' | 'currency'>,
): Promise<UnitYearSummary[]> {
  const parentOf = new Map<string, string | null>(input.orgUnits.map((u: OrgUnit) => [u.id, u.parentId]));
  const targets = new Map(
    (await loadQuotaAllocations(connection, input.cycleId)).map((a) => [a.unitId, a.amountMinor]),
  );
  const actuals = new Map<string, number>();
  const year = String(input.fiscalYear);
  for (const deal of await loadWonDeals(connection, `${year}-01-01`, `${year}-12-31`))
    if (parentOf.has(deal.teamId)) rollUp(actuals, parentOf, deal.teamId, deal.amountMinor);

  const unitOfPerson = new Map((await loadPeople(connection)).map((p) => [p.id, p.orgUnitId]));
  const exported = new Set(
    (await exportModel(connection).find({ planId: input.incentivePlanId }, { _id: 1 }).lean()).map(
      (e) => e._id,
    ),
  );
  const paid = new Map<string, number>();
  const statements = await statementModel(connection)
    .find({ planId: input.incentivePlanId }, { payeeId: 1, period: 1, revision: 1, totalMinor: 1 })
    .lean();
  for (const s of statements) {
    const unitId = unitOfPerson.get(s.payeeId);
    if (unitId && exported.has(exportIdOf(input.incentivePlanId, s.period, s.payeeId, s.revision)))
      rollUp(paid, parentOf, unitId, s.totalMinor);
  }
  return input.orgUnits
    .map((unit) => {
      const targetMinor = targets.get(unit.id) ?? 0;
      const actualMinor = actuals.get(unit.id) ?? 0;
      return {
        cycleId: input.cycleId,
        fiscalYear: input.fiscalYear,
        unitId: unit.id,
        targetMinor,
        actualMinor,
        attainment: targetMinor === 0 ? null : actualMinor / targetMinor,
        paidOutMinor: paid.get(unit.id) ?? 0,
        currency: input.currency,
      };
    })
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
}

/** Year close: stores the summaries, locks the year's plans, audits it once per cycle. */
export async function closeYear(
  connection: mongoose.Connection,
  input: CloseYearInput,
): Promise<CycleStepResult> {
  const at = new Date(input.at);
  const summaries = await summarizeYear(connection, input);
  await saveYearSummaries(connection, summaries, at);
  const plansLocked = await lockRepPlans(connection, input.cycleId, at);
  const company = summaries.find((s) => s.unitId === input.orgId);
  const facts = {
    units: summaries.length,
    targetMinor: company?.targetMinor ?? 0,
    actualMinor: company?.actualMinor ?? 0,
    paidOutMinor: company?.paidOutMinor ?? 0,
    attainment: company?.attainment ?? null,
  };
  await appendAudit(connection, {
    id: `cycle.yearClosed:${input.cycleId}`,
    at,
    actor: { userId: input.closedBy, role: 'system' },
    action: 'cycle.yearClosed',
    object: { type: 'cycle', id: input.cycleId },
    orgUnitId: input.orgId,
    details: { ...facts, plansLocked },
  });
  const summary = `FY${input.fiscalYear} closed: ${facts.actualMinor} of ${facts.targetMinor} (${input.currency} minor), paid ${facts.paidOutMinor}`;
  await recordCycleStepRun(connection, {
    cycleId: input.cycleId,
    step: 'yearClose',
    orgUnitId: input.orgId,
    period: null,
    summary,
    facts,
    amountMinor: facts.actualMinor,
  });
  return { facts, amountMinor: facts.actualMinor, summary };
}
