import type { BudgetLine, Deal, MarketSizeInput, OrgUnit, Person, PositionHolder } from '@opscycle/domain';
import { DEMO_AS_OF, DEMO_PRODUCT_LINES, DEMO_YEARS, generateDeals } from './deals';
import { DEMO_COMPANY_ID, DEMO_REGIONS, buildDemoOrg, demoPositionHolders, regionUnitId } from './org';
import { seededRandom, type Random } from './random';

export const DEMO_SEED = 20_270_101;

export interface DemoCompany {
  companyId: string;
  asOf: string;
  units: OrgUnit[];
  people: Person[];
  /** Org positions (CFO, marketing head, …) the demo's routing rules name. */
  positions: PositionHolder[];
  productLines: { id: string; name: string }[];
  deals: Deal[];
  markets: MarketSizeInput[];
  budgets: BudgetLine[];
}

const YUAN = 100;
const round100Yuan = (yuan: number) => Math.round(yuan / 100) * 100 * YUAN;

/** Market sizes (all customer sizes) per region x product line: CRM and ERP grow steadily, analytics fast. */
function markets(random: Random): MarketSizeInput[] {
  const base = { crm: 600_000_000, erp: 900_000_000, analytics: 300_000_000 } as const;
  const growth = { crm: 0.08, erp: 0.05, analytics: 0.25 } as const;
  return DEMO_REGIONS.flatMap((region) =>
    DEMO_PRODUCT_LINES.flatMap((product) => {
      const size2025 = base[product.id] * region.marketScale * random.between(0.95, 1.05);
      const size2026 = size2025 * (1 + growth[product.id] + random.between(-0.02, 0.02));
      return [size2025, size2026].map((yuan, i) => ({
        fiscalYear: DEMO_YEARS[i] ?? 2025,
        regionId: regionUnitId(region),
        productLine: product.id,
        customerSize: null,
        marketSizeMinor: round100Yuan(yuan),
        currency: 'CNY',
      }));
    }),
  );
}

/**
 * Last years' actual spend per region x category x quarter, derived from the region's own
 * revenue and headcount (salaries ~45k a rep a quarter, travel 2.5% of revenue, channel commission
 * 8% of channel revenue, marketing 3.5% of the year's revenue front-loaded), so ROIs are realistic.
 */
function budgets(
  random: Random,
  units: readonly OrgUnit[],
  people: readonly Person[],
  deals: readonly Deal[],
): BudgetLine[] {
  const regionOf = new Map(units.filter((u) => u.kind === 'team').map((u) => [u.id, u.parentId ?? '']));
  const lines: BudgetLine[] = [];
  for (const region of DEMO_REGIONS) {
    const regionId = regionUnitId(region);
    const reps = people.filter((p) => p.role === 'rep' && regionOf.get(p.orgUnitId) === regionId).length;
    for (const fiscalYear of DEMO_YEARS) {
      const won = deals.filter(
        (d) =>
          d.status === 'won' &&
          d.wonOn?.startsWith(String(fiscalYear)) &&
          regionOf.get(d.teamId) === regionId,
      );
      const quarterOf = (d: Deal) => Math.ceil(Number(d.wonOn?.slice(5, 7)) / 3);
      const revenue = (q: number, channelOnly = false) =>
        won
          .filter((d) => quarterOf(d) === q && (!channelOnly || d.channel === 'channel'))
          .reduce((s, d) => s + d.amountMinor, 0) / YUAN;
      const annual = [1, 2, 3, 4].reduce((s, q) => s + revenue(q), 0);
      for (const quarter of [1, 2, 3, 4]) {
        const amounts = {
          salaries: reps * 45_000 * random.between(0.97, 1.03),
          travel: revenue(quarter) * 0.025,
          channelCommission: revenue(quarter, true) * 0.08,
          marketing: annual * 0.035 * ([0.3, 0.2, 0.25, 0.25][quarter - 1] ?? 0.25),
        };
        for (const [category, yuan] of Object.entries(amounts) as [BudgetLine['category'], number][])
          lines.push({
            fiscalYear,
            unitId: regionId,
            category,
            quarter,
            basis: 'actual',
            amountMinor: round100Yuan(yuan),
            currency: 'CNY',
          });
      }
    }
  }
  return lines;
}

/** The demo company for a seed: same seed, same company, to the last deal. */
export function generateDemoCompany(seed: number = DEMO_SEED): DemoCompany {
  const random = seededRandom(seed);
  const org = buildDemoOrg(random);
  const deals = generateDeals(random, org.teams, org.people);
  return {
    companyId: DEMO_COMPANY_ID,
    asOf: DEMO_AS_OF,
    units: org.units,
    people: org.people,
    positions: demoPositionHolders(org.people),
    productLines: DEMO_PRODUCT_LINES.map(({ id, name }) => ({ id, name })),
    deals,
    markets: markets(random),
    budgets: budgets(random, org.units, org.people, deals),
  };
}
