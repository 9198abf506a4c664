import type mongoose from 'mongoose';
import {
  reviewPeriodRange,
  type IncentiveDealLine,
  type IncentivePayee,
  type IncentivePeriodInput,
  type OrgUnit,
  type Person,
} from '@opscycle/domain';
import { dealModel } from './deal.model';
import {
  CREDITED_DEAL_FIELDS,
  creditedDealsOf,
  isPeriodDeal,
  periodDealFilter,
  type CreditedDeal,
} from './creditedDeal';
import { loadDealSnapshot, type DealSnapshotPart } from './dealSnapshot';
import { idFilter } from './idFilter';
import { loadOrgUnits } from './orgUnit.model';
import { loadDrawBalancesBefore, loadPaidDealsBefore } from './payeePeriod.model';
import { loadPeople } from './person.model';
import { quotaAllocationModel } from './plan.model';

/**
 * No target incentive is stored anywhere yet, so it is derived here and only here: 10% of the
 * payee's quota for the period, rounded down to whole minor units. Caps such as "200% of target
 * incentive" therefore scale with quota.
 */
export const TARGET_INCENTIVE_PCT_OF_QUOTA = 10;
const targetIncentiveOf = (quotaMinor: number) =>
  Math.floor((quotaMinor * TARGET_INCENTIVE_PCT_OF_QUOTA) / 100);

/** Who is paid by incentive plans: reps on their deals, managers on their team's (overrides). */
const PAYEE_ROLES: readonly Person['role'][] = ['rep', 'manager'];

export interface IncentiveInputScope {
  /** A review period such as `2026-Q4` or `2027-03`. */
  period: string;
  /** Which payees to pay (e.g. one partition of a run); everyone paid by incentive plans when absent. */
  includes?: (payeeId: string) => boolean;
  /** The plan being run: its own ledger records win when several plans paid the same deal. */
  planId?: string;
  /** A payout run's partition reads the deals its run snapshotted instead of querying the deals. */
  dealSnapshot?: DealSnapshotPart;
  /**
   * Deals already read by `loadCreditedDeals` over a longer range (those outside the period are
   * ignored): several periods of one person cost one read of the deals, which FerretDB scans whole.
   */
  deals?: readonly CreditedDeal[];
}

export interface BuiltIncentiveInput {
  input: IncentivePeriodInput & { period: { id: string; from: string; to: string } };
  /**
   * The payees to pay. `input.payees` may hold more: the direct reports of a manager being paid, so
   * that the manager's team revenue (overrides) is complete; their own results are not theirs to keep.
   */
  payeeIds: string[];
}

/** 1-based months (January = 1) covered by an inclusive period inside one calendar (= fiscal) year. */
function monthsOf(period: { from: string; to: string }): number[] {
  const first = Number(period.from.slice(5, 7));
  const last = Number(period.to.slice(5, 7));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Whole months from hire to the end of the period. */
function tenureMonths(hiredOn: string, periodTo: string): number {
  const months =
    (Number(periodTo.slice(0, 4)) - Number(hiredOn.slice(0, 4))) * 12 +
    Number(periodTo.slice(5, 7)) -
    Number(hiredOn.slice(5, 7)) -
    (periodTo.slice(8, 10) < hiredOn.slice(8, 10) ? 1 : 0);
  return Math.max(0, months);
}

/**
 * Each person's manager: the lowest-id manager of their own unit (for a manager: of the unit above),
 * else of the nearest unit above that has one.
 */
function managersOf(people: readonly Person[], units: readonly OrgUnit[]): Map<string, string> {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const managersByUnit = new Map<string, string>();
  for (const p of people)
    if (p.role === 'manager' && (managersByUnit.get(p.orgUnitId) ?? '\uffff') > p.id)
      managersByUnit.set(p.orgUnitId, p.id);
  const result = new Map<string, string>();
  for (const person of people) {
    let unit: string | null | undefined =
      person.role === 'manager' ? parentOf.get(person.orgUnitId) : person.orgUnitId;
    for (let hops = 0; unit && hops <= units.length; hops++, unit = parentOf.get(unit)) {
      const manager = managersByUnit.get(unit);
      if (manager !== undefined && manager !== person.id) {
        result.set(person.id, manager);
        break;
      }
    }
  }
  return result;
}

/**
 * Each rep's quota for the period: the months of the period summed from the rep's stored annual
 * allocation (its seasonal phasing). A payee without a stored allocation (managers, reps not yet
 * planned) carries a quota of 0, so attainment-based components pay nothing for them (the plan's
 * lines explain it) rather than an invented number.
 */
export async function periodQuotas(
  connection: mongoose.Connection,
  repIds: readonly string[],
  period: { from: string; to: string },
): Promise<Map<string, number>> {
  const wanted = new Set(repIds);
  const allocations = (
    await quotaAllocationModel(connection)
      .find({ fiscalYear: Number(period.from.slice(0, 4)), unitKind: 'rep', ...idFilter('unitId', repIds) })
      .sort({ cycleId: 1 })
      .lean()
  ).filter((a) => wanted.has(a.unitId));
  const months = monthsOf(period);
  const quotas = new Map<string, number>();
  for (const allocation of allocations) {
    // One org, one cycle a year: should two cycles hold the rep, the first by cycle id wins.
    if (quotas.has(allocation.unitId)) continue;
    quotas.set(
      allocation.unitId,
      months.reduce((sum, m) => sum + (allocation.monthlyMinor[m - 1] ?? 0), 0),
    );
  }
  return quotas;
}

/** A CRM deal as incentive crediting sees it: fully credited to its rep, closed when won. */
function dealLineOf(deal: CreditedDeal): IncentiveDealLine {
  return {
    dealId: deal.dealId,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    productLine: deal.productLine,
    customerId: deal.customerId,
    newCustomer: deal.isNewCustomer,
    closedOn: deal.wonOn,
    status: deal.status,
    ...(deal.refundedOn ? { refundedOn: deal.refundedOn } : {}),
    discountPct: deal.discountPct,
    credits: [{ payeeId: deal.repId, share: 1 }],
  };
}

/**
 * The reps' deals won or refunded within `range`. One query: the server reads the collection once
 * per call (FerretDB does not use an index for `$in`).
 */
export async function loadCreditedDeals(
  connection: mongoose.Connection,
  repIds: readonly string[],
  period: { from: string; to: string },
): Promise<CreditedDeal[]> {
  const deals = await dealModel(connection)
    .find({ ...idFilter('repId', repIds), ...periodDealFilter(period) })
    .select(CREDITED_DEAL_FIELDS)
    .lean<CreditedDeal[]>();
  return creditedDealsOf(deals, repIds);
}

interface PeriodPayees {
  /** Reps and managers hired by the period's end. */
  payable: Person[];
  managerOf: Map<string, string>;
}

async function periodPayees(connection: mongoose.Connection, periodTo: string): Promise<PeriodPayees> {
  const [people, units] = await Promise.all([loadPeople(connection), loadOrgUnits(connection)]);
  const payable = people.filter(
    (p) => PAYEE_ROLES.includes(p.role) && (p.hiredOn === undefined || p.hiredOn <= periodTo),
  );
  return { payable, managerOf: managersOf(payable, units) };
}

/**
 * Whose results a set of payees is evaluated on: the payees themselves and the direct reports of
 * the managers among them (their team revenue makes the overrides).
 */
function evaluatedFor({ payable, managerOf }: PeriodPayees, paid: ReadonlySet<string>): Person[] {
  return payable.filter((p) => paid.has(p.id) || paid.has(managerOf.get(p.id) ?? ''));
}

/**
 * For a run split into partitions: which partitions evaluate each person's deals (their own and
 * their manager's, for the override), by the same selection `buildIncentiveInput` makes per partition.
 */
export async function dealPartitionsOf(
  connection: mongoose.Connection,
  period: string,
  partitionOf: (payeeId: string) => number,
): Promise<Map<string, number[]>> {
  const payees = await periodPayees(connection, reviewPeriodRange(period).to);
  const partitions = new Map<string, number[]>();
  for (const person of payees.payable) {
    const own = partitionOf(person.id);
    const managerId = payees.managerOf.get(person.id);
    const manager = managerId === undefined ? own : partitionOf(managerId);
    partitions.set(person.id, manager === own ? [own] : [own, manager]);
  }
  return partitions;
}

/**
 * The incentive evaluator's input for a period, built from what is stored: payees (reps and managers
 * hired by the period's end, each with their manager), period quotas and target incentives, tenure,
 * collection rates, the deal lines won or refunded in the period, the rates refunded deals were paid
 * at in earlier exported periods (clawbacks) and each payee's draw balance carried from the latest
 * exported period before this one. The one builder for payout runs and impact previews.
 */
export async function buildIncentiveInput(
  connection: mongoose.Connection,
  scope: IncentiveInputScope,
): Promise<BuiltIncentiveInput> {
  const period = { id: scope.period, ...reviewPeriodRange(scope.period) };
  const selection = await periodPayees(connection, period.to);
  const { managerOf } = selection;
  const includes = scope.includes ?? (() => true);
  const payeeIds = selection.payable.filter((p) => includes(p.id)).map((p) => p.id);
  const evaluated = evaluatedFor(selection, new Set(payeeIds));
  const evaluatedIds = evaluated.map((p) => p.id);
  const empty: BuiltIncentiveInput = {
    input: { period, payees: [], dealLines: [], paidDeals: [] },
    payeeIds,
  };
  if (evaluated.length === 0) return empty;

  const [deals, quotas, drawBalances] = await Promise.all([
    scope.dealSnapshot
      ? loadDealSnapshot(connection, scope.dealSnapshot).then((deals) => creditedDealsOf(deals, evaluatedIds))
      : scope.deals
        ? creditedDealsOf(
            scope.deals.filter((d) => isPeriodDeal(d, period)),
            evaluatedIds,
          )
        : loadCreditedDeals(connection, evaluatedIds, period),
    periodQuotas(connection, evaluatedIds, period),
    loadDrawBalancesBefore(connection, evaluatedIds, period.from, scope.planId),
  ]);
  const refundedIds = deals
    .filter(
      (d) =>
        d.status === 'refunded' &&
        d.refundedOn !== null &&
        d.refundedOn >= period.from &&
        d.refundedOn <= period.to,
    )
    .map((d) => d.dealId);
  const paidDeals = await loadPaidDealsBefore(
    connection,
    evaluatedIds,
    refundedIds,
    period.from,
    scope.planId,
  );

  const invoiced = new Map<string, { invoiced: number; collected: number }>();
  for (const deal of deals) {
    if (deal.wonOn < period.from || deal.wonOn > period.to) continue;
    const sums = invoiced.get(deal.repId) ?? { invoiced: 0, collected: 0 };
    sums.invoiced += deal.invoicedMinor;
    sums.collected += deal.collectedMinor;
    invoiced.set(deal.repId, sums);
  }
  const payees: IncentivePayee[] = evaluated.map((person) => {
    const quotaMinor = quotas.get(person.id) ?? 0;
    const sums = invoiced.get(person.id);
    const managerId = managerOf.get(person.id);
    const drawBalanceMinor = drawBalances.get(person.id);
    return {
      payeeId: person.id,
      quotaMinor,
      targetIncentiveMinor: targetIncentiveOf(quotaMinor),
      // Collected / invoiced over the deals won in the period; 1 when nothing was invoiced.
      collectionRate: sums && sums.invoiced > 0 ? sums.collected / sums.invoiced : 1,
      ...(person.salesRole ? { salesRole: person.salesRole } : {}),
      ...(managerId !== undefined ? { managerId } : {}),
      ...(person.hiredOn ? { tenureMonths: tenureMonths(person.hiredOn, period.to) } : {}),
      ...(drawBalanceMinor !== undefined ? { priorState: { drawBalanceMinor } } : {}),
    };
  });
  return { input: { period, payees, dealLines: deals.map(dealLineOf), paidDeals }, payeeIds };
}
