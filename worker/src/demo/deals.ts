import {
  FUNNEL_STAGES,
  type CustomerSize,
  type Deal,
  type FunnelStage,
  type LeadSource,
  type Person,
} from '@opscycle/domain';
import type { DemoTeam } from './org';
import type { Random } from './random';

export const DEMO_YEARS = [2025, 2026] as const;
/** The demo's "now": deals closing or paying later are still open or unpaid. */
export const DEMO_AS_OF = '2026-12-31';

export const DEMO_PRODUCT_LINES = [
  { id: 'crm', name: 'CRM 云', smbPrice: [30_000, 120_000], conversion: 1 },
  { id: 'erp', name: 'ERP 套件', smbPrice: [60_000, 200_000], conversion: 0.9 },
  { id: 'analytics', name: '数据分析', smbPrice: [40_000, 150_000], conversion: 0.8 },
] as const;

/** Spring Festival dip in February, year-end push in December. */
const MONTH_WEIGHTS = [0.8, 0.5, 1.0, 1.0, 1.0, 1.1, 0.9, 0.8, 1.0, 1.1, 1.2, 1.6];

interface Customer {
  id: string;
  size: CustomerSize;
  value: 'high' | 'normal';
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (a < b ? a : b);
const pad = (n: number) => String(n).padStart(2, '0');

function customersOf(random: Random, regionKey: string): Customer[] {
  return Array.from({ length: 240 }, (_, i) => {
    const size: CustomerSize = i % 6 === 0 ? 'key' : 'smb';
    return {
      id: `cust-${regionKey}-${String(i + 1).padStart(4, '0')}`,
      size,
      value: size === 'key' || random.chance(0.15) ? 'high' : 'normal',
    };
  });
}

/** Which products a region sells in a year: analytics launches in FY2026; 华南 gets ERP only in FY2026. */
function productWeights(regionId: string, year: number): number[] {
  const erp = regionId.endsWith('south') && year <= 2025 ? 0 : 0.35;
  const analytics = year >= 2026 ? 0.15 : 0;
  return [0.5, erp, analytics];
}

function discount(random: Random, size: CustomerSize): number {
  const roll = random.next();
  if (size === 'smb')
    return roll < 0.7 ? random.int(0, 5) : roll < 0.95 ? random.int(6, 10) : random.int(11, 15);
  return roll < 0.4 ? random.int(0, 5) : roll < 0.8 ? random.int(6, 15) : random.int(16, 25);
}

function lostStage(random: Random): FunnelStage {
  return FUNNEL_STAGES[random.weighted([35, 30, 20, 15])] ?? 'leadScreening';
}

/**
 * Two years of leads per rep with seasonality, discounts, refunds, late and partial collections,
 * and qualification facts consistent with the stage reached. New reps start selling after their
 * hire date at a lower volume. Customers are drawn from the region's pool, which opens up over
 * time (60% of it in FY2025), so FY2026 has new logos too.
 */
export function generateDeals(random: Random, teams: readonly DemoTeam[], people: readonly Person[]): Deal[] {
  const deals: Deal[] = [];
  const customersByRegion = new Map<string, Customer[]>();
  for (const team of teams) {
    const pool =
      customersByRegion.get(team.regionId) ?? customersOf(random, team.regionId.split('-')[1] ?? 'x');
    customersByRegion.set(team.regionId, pool);
    const reps = people.filter((p) => p.role === 'rep' && p.orgUnitId === team.id);
    for (const rep of reps) {
      // The quarter before FY2025 is generated too, so early FY2025 wins have their pipeline.
      for (const year of [DEMO_YEARS[0] - 1, ...DEMO_YEARS]) {
        const leadIn = year < DEMO_YEARS[0];
        const yearly = random.between(20, 32) * team.leadFactor * (team.salesRole === 'channel' ? 0.8 : 1);
        const leads = Math.round(leadIn ? yearly / 4 : yearly);
        for (let n = 0; n < leads; n++) {
          const month = leadIn ? random.int(10, 12) : random.weighted(MONTH_WEIGHTS) + 1;
          const createdOn = `${year}-${pad(month)}-${pad(random.int(1, 28))}`;
          if (rep.hiredOn !== undefined && createdOn < rep.hiredOn) continue;
          const poolSize = year <= 2025 ? Math.floor(pool.length * 0.6) : pool.length;
          const customer = random.pick(pool.slice(0, poolSize));
          const product =
            DEMO_PRODUCT_LINES[random.weighted(productWeights(team.regionId, year))] ?? DEMO_PRODUCT_LINES[0];
          const keyAccount = customer.size === 'key';
          const listYuan =
            random.between(product.smbPrice[0], product.smbPrice[1]) *
            (keyAccount ? 6 : 1) *
            (year === 2026 ? 1.05 : 1);
          const discountPct = discount(random, customer.size);
          const amountMinor = Math.round((listYuan * (1 - discountPct / 100)) / 100) * 100 * 100;
          const cycleDays = keyAccount ? random.int(45, 160) : random.int(15, 70);
          const winChance =
            (keyAccount ? 0.24 : 0.34) *
            team.conversionFactor *
            product.conversion *
            (team.salesRole === 'channel' ? 1.1 : 1);
          const closesOn = addDays(createdOn, cycleDays);
          const decided = closesOn <= DEMO_AS_OF;
          const won = decided && random.chance(winChance);
          const stage: FunnelStage = won
            ? 'paymentFollowUp'
            : decided
              ? lostStage(random)
              : (FUNNEL_STAGES[random.int(0, 3)] ?? 'leadScreening');
          const reached = FUNNEL_STAGES.indexOf(stage);
          const leadSource: LeadSource =
            team.salesRole === 'channel'
              ? 'partner'
              : ((['inbound', 'outbound', 'event'] as const)[random.weighted([45, 35, 20])] ?? 'inbound');

          let collectedMinor = 0;
          let collectedOn: string | null = null;
          let refundedOn: string | null = null;
          if (won) {
            const roll = random.next();
            const late = roll < team.lateCollectionRate;
            const share = !late && roll > 0.9 ? (roll > 0.95 ? 0 : 0.5) : 1;
            const paidOn = addDays(closesOn, late ? random.int(60, 150) : random.int(10, 45));
            if (share > 0 && paidOn <= DEMO_AS_OF)
              [collectedMinor, collectedOn] = [Math.round(amountMinor * share), paidOn];
            const refundOn = addDays(closesOn, random.int(20, 90));
            if (random.chance(0.02) && refundOn <= DEMO_AS_OF)
              [refundedOn, collectedMinor, collectedOn] = [refundOn, 0, null];
          }
          deals.push({
            dealId: `deal-${year}-${rep.id}-${pad(n + 1)}`,
            repId: rep.id,
            teamId: team.id,
            customerId: customer.id,
            customerSize: customer.size,
            customerValue: customer.value,
            isNewCustomer: false,
            productLine: product.id,
            channel: team.salesRole,
            stage,
            status: won ? (refundedOn ? 'refunded' : 'won') : decided ? 'lost' : 'open',
            amountMinor,
            currency: 'CNY',
            discountPct,
            createdOn,
            wonOn: won ? closesOn : null,
            invoicedMinor: won ? amountMinor : 0,
            collectedMinor,
            collectedOn,
            refundedOn,
            leadSource,
            budgetConfirmed: reached >= 1,
            needIdentified: reached >= 1,
            decisionMakerMet: reached >= 2 || (keyAccount && reached >= 1),
            proposalSubmittedOn:
              reached >= 2 ? minDate(addDays(createdOn, Math.floor(cycleDays * 0.5)), DEMO_AS_OF) : null,
            proposalAccepted: reached >= 3,
          });
        }
      }
    }
  }
  return flagNewCustomers(deals);
}

/** The CRM's "new customer" flag: set on a customer's first won (and kept) deal in time. */
function flagNewCustomers(deals: Deal[]): Deal[] {
  const first = new Map<string, Deal>();
  for (const deal of deals) {
    if (deal.status !== 'won' || deal.wonOn === null) continue;
    const seen = first.get(deal.customerId);
    if (!seen?.wonOn || deal.wonOn < seen.wonOn || (deal.wonOn === seen.wonOn && deal.dealId < seen.dealId))
      first.set(deal.customerId, deal);
  }
  const firstIds = new Set([...first.values()].map((d) => d.dealId));
  return deals.map((deal) => (firstIds.has(deal.dealId) ? { ...deal, isNewCustomer: true } : deal));
}
