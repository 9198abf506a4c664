import { DomainError, IncentivePeriodInput, findDealLineProblem } from '@opscycle/domain';
import type { IncentiveDealLine, IncentivePeriod, PaidDeal, PayeeCarryState } from '@opscycle/domain';

/** A won deal's credit to one payee in the period: the measure SPIFs and paid-deal records use. */
export interface CreditedDeal {
  dealId: string;
  creditedMinor: number;
  share: number;
  productLine: string;
  newCustomer: boolean;
  closedOn: string;
}

/** A refund in the period of a deal credited to the payee earlier: what a clawback reverses. */
export interface RefundedDeal {
  dealId: string;
  refundedMinor: number;
  share: number;
  refundedOn: string;
}

/** Everything one payee's evaluation needs; facts follow the incentive fact catalog. */
export interface PayeeContext {
  payeeId: string;
  facts: Record<string, unknown>;
  credited: CreditedDeal[];
  refunds: RefundedDeal[];
  priorState: PayeeCarryState;
}

export interface CreditedPeriod {
  period: IncentivePeriod;
  payees: PayeeContext[];
  paidDeals: Map<string, PaidDeal>;
}

export function paidDealKey(dealId: string, payeeId: string): string {
  return `${dealId}\u0000${payeeId}`;
}

const within = (date: string, period: IncentivePeriod) => date >= period.from && date <= period.to;

/**
 * Credits the period's deal lines to payees (split credit by share) and derives each payee's facts:
 * revenue counts deals closed in the period that are won, or refunded only after the period
 * (a re-run of a past period sees what was true then); a refund inside the period is a clawback.
 */
export function creditPeriod(rawInput: IncentivePeriodInput, currency: string): CreditedPeriod {
  // Deal lines are checked in place (there may be a million); the rest is parsed with its schema.
  const parsed = IncentivePeriodInput.safeParse({ ...rawInput, dealLines: [] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError(
      'RULES_INVALID_INPUT',
      `incentive input ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      { issues: parsed.error.issues },
    );
  }
  const rawLines: unknown = rawInput.dealLines ?? [];
  if (!Array.isArray(rawLines))
    throw new DomainError('RULES_INVALID_INPUT', 'incentive input dealLines: must be a list');
  const knownIds = new Set<string>();
  for (const [i, line] of (rawLines as unknown[]).entries()) {
    const problem = findDealLineProblem(line, knownIds);
    if (problem !== null) {
      const dealId = (line as { dealId?: unknown } | null)?.dealId;
      throw new DomainError('RULES_INVALID_INPUT', `incentive input dealLines.${i}: ${problem}`, {
        index: i,
        ...(typeof dealId === 'string' ? { dealId } : {}),
      });
    }
  }
  const dealLines = rawLines as IncentiveDealLine[];
  const { period, payees, paidDeals } = parsed.data;
  const contexts = new Map<string, PayeeContext & { acc: Accumulator }>();
  for (const payee of payees) {
    if (contexts.has(payee.payeeId))
      throw new DomainError('RULES_INVALID_INPUT', `payee ${payee.payeeId} is listed twice`, {
        payeeId: payee.payeeId,
      });
    const facts: Record<string, unknown> = {
      quota: payee.quotaMinor,
      targetIncentive: payee.targetIncentiveMinor,
      collectionRate: payee.collectionRate,
      salesRole: payee.salesRole,
    };
    if (payee.tenureMonths !== undefined) facts.tenureMonths = payee.tenureMonths;
    contexts.set(payee.payeeId, {
      payeeId: payee.payeeId,
      facts,
      credited: [],
      refunds: [],
      priorState: payee.priorState ?? { drawBalanceMinor: 0 },
      acc: newAccumulator(),
    });
  }
  for (const deal of dealLines) {
    if (deal.currency !== currency)
      throw new DomainError(
        'RULES_CURRENCY_MISMATCH',
        `deal ${deal.dealId} is in ${deal.currency}, the plan pays in ${currency}`,
        { dealId: deal.dealId },
      );
    const shares = deal.credits.reduce((sum, c) => sum + c.share, 0);
    if (Math.abs(shares - 1) > 1e-9)
      throw new DomainError(
        'RULES_INVALID_INPUT',
        `deal ${deal.dealId}: credit shares sum to ${shares}, not 1`,
        {
          dealId: deal.dealId,
        },
      );
    const counts =
      within(deal.closedOn, period) &&
      (deal.status === 'won' || (deal.status === 'refunded' && (deal.refundedOn ?? '') > period.to));
    const refunded =
      deal.status === 'refunded' && deal.refundedOn !== undefined && within(deal.refundedOn, period);
    if (!counts && !refunded) continue;
    for (const credit of deal.credits) {
      const ctx = contexts.get(credit.payeeId);
      if (!ctx)
        throw new DomainError(
          'RULES_INVALID_INPUT',
          `deal ${deal.dealId} credits ${credit.payeeId}, who is not a payee of this run`,
          {
            dealId: deal.dealId,
            payeeId: credit.payeeId,
          },
        );
      if (counts) {
        const creditedMinor = deal.amountMinor * credit.share;
        ctx.credited.push({
          dealId: deal.dealId,
          creditedMinor,
          share: credit.share,
          productLine: deal.productLine,
          newCustomer: deal.newCustomer,
          closedOn: deal.closedOn,
        });
        const acc = ctx.acc;
        acc.revenue += creditedMinor;
        acc.byProductLine[deal.productLine] = (acc.byProductLine[deal.productLine] ?? 0) + creditedMinor;
        if (deal.newCustomer) acc.newCustomers.add(deal.customerId);
        if (deal.discountPct !== undefined) {
          acc.discountWeighted += deal.discountPct * creditedMinor;
          acc.discountBase += creditedMinor;
        }
      } else if (deal.refundedOn !== undefined) {
        ctx.refunds.push({
          dealId: deal.dealId,
          refundedMinor: (deal.refundAmountMinor ?? deal.amountMinor) * credit.share,
          share: credit.share,
          refundedOn: deal.refundedOn,
        });
      }
    }
  }
  const managerOf = new Map(payees.map((p) => [p.payeeId, p.managerId]));
  const teamRevenue = new Map<string, number>();
  for (const ctx of contexts.values()) {
    const manager = managerOf.get(ctx.payeeId);
    if (manager !== undefined) teamRevenue.set(manager, (teamRevenue.get(manager) ?? 0) + ctx.acc.revenue);
  }
  const result: PayeeContext[] = [];
  for (const { acc, ...ctx } of contexts.values()) {
    const quota = ctx.facts.quota as number;
    Object.assign(ctx.facts, {
      revenue: acc.revenue,
      attainment: quota > 0 ? acc.revenue / quota : 0,
      bookingsByProductLine: acc.byProductLine,
      newCustomers: acc.newCustomers.size,
      dealCount: ctx.credited.length,
      averageDiscountPct: acc.discountBase > 0 ? acc.discountWeighted / acc.discountBase : 0,
      teamRevenue: teamRevenue.get(ctx.payeeId) ?? 0,
    });
    result.push(ctx);
  }
  return {
    period,
    payees: result,
    paidDeals: new Map(paidDeals.map((p) => [paidDealKey(p.dealId, p.payeeId), p])),
  };
}

interface Accumulator {
  revenue: number;
  byProductLine: Record<string, number>;
  newCustomers: Set<string>;
  discountWeighted: number;
  discountBase: number;
}

function newAccumulator(): Accumulator {
  // No prototype: a product line named "__proto__" or "constructor" is just a key.
  const byProductLine = Object.create(null) as Record<string, number>;
  return { revenue: 0, byProductLine, newCustomers: new Set(), discountWeighted: 0, discountBase: 0 };
}
