import type { OrgUnit, Person, PositionHolder } from '@opscycle/domain';
import type { Random } from './random';

export const DEMO_COMPANY_ID = 'acme';

/** How a demo team sells and performs; the named profiles give the performance review something to find. */
export interface DemoTeam {
  id: string;
  regionId: string;
  salesRole: 'direct' | 'channel';
  leadFactor: number;
  conversionFactor: number;
  lateCollectionRate: number;
}

const REGIONS = [
  { key: 'east', name: '华东', direct: 4, marketScale: 1 },
  { key: 'north', name: '华北', direct: 3, marketScale: 0.8 },
  { key: 'south', name: '华南', direct: 2, marketScale: 0.7 },
] as const;
export type DemoRegion = (typeof REGIONS)[number];
export const DEMO_REGIONS: readonly DemoRegion[] = REGIONS;
export const regionUnitId = (region: DemoRegion) => `${DEMO_COMPANY_ID}-${region.key}`;

/** Deliberate weak spots (by team id): a lead shortfall, a conversion problem, slow payers. */
const PROFILES: Record<string, Partial<DemoTeam>> = {
  'acme-north-2': { leadFactor: 0.55 },
  'acme-south-1': { conversionFactor: 0.5 },
  'acme-east-3': { lateCollectionRate: 0.6 },
};

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '华',
  '晨',
  '宇',
  '浩',
  '欣',
  '婷',
  '思远',
  '子涵',
  '雨桐',
  '俊杰',
];
const NUMERALS = ['一', '二', '三', '四', '五'];

export interface DemoOrg {
  units: OrgUnit[];
  people: Person[];
  teams: DemoTeam[];
}

function isoDay(random: Random, fromYear: number, toYear: number): string {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  return `${year}-${String(month).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

/**
 * 华东 5 teams, 华北 4, 华南 3 (one channel team each), 9-12 reps per team, a manager per team and
 * region, a sales VP, and the ops admin, finance and HR people. About one rep in six joined in
 * 2025-2026, so the staffing step has ramping reps to account for.
 */
export function buildDemoOrg(random: Random): DemoOrg {
  const units: OrgUnit[] = [{ id: DEMO_COMPANY_ID, name: 'Acme 销售公司', kind: 'company', parentId: null }];
  const name = () => random.pick(SURNAMES) + random.pick(GIVEN);
  const person = (
    id: string,
    role: Person['role'],
    orgUnitId: string,
    extra: Partial<Person> = {},
  ): Person => ({
    id,
    name: name(),
    email: `${id}@acme.example`,
    role,
    orgUnitId,
    ...extra,
  });
  const people: Person[] = [
    person('vp-sales', 'manager', DEMO_COMPANY_ID),
    person('ops-admin', 'opsAdmin', DEMO_COMPANY_ID),
    person('finance-1', 'finance', DEMO_COMPANY_ID),
    person('hr-1', 'hr', DEMO_COMPANY_ID),
  ];
  const teams: DemoTeam[] = [];
  let repNumber = 0;
  for (const region of REGIONS) {
    const regionId = regionUnitId(region);
    units.push({ id: regionId, name: region.name, kind: 'region', parentId: DEMO_COMPANY_ID });
    people.push(person(`mgr-${regionId}`, 'manager', regionId));
    for (let t = 1; t <= region.direct + 1; t++) {
      const id = `${regionId}-${t}`;
      const salesRole = t > region.direct ? 'channel' : 'direct';
      units.push({
        id,
        name: `${region.name}${salesRole === 'channel' ? '渠道组' : `直销${NUMERALS[t - 1] ?? t}组`}`,
        kind: 'team',
        parentId: regionId,
      });
      teams.push({
        id,
        regionId,
        salesRole,
        leadFactor: random.between(0.9, 1.15),
        conversionFactor: random.between(0.9, 1.15),
        lateCollectionRate: 0.2,
        ...PROFILES[id],
      });
      people.push(person(`mgr-${id}`, 'manager', id));
      const reps = random.int(9, 12);
      for (let r = 0; r < reps; r++) {
        repNumber += 1;
        const recent = random.chance(1 / 6);
        people.push(
          person(`rep-${String(repNumber).padStart(3, '0')}`, 'rep', id, {
            salesRole,
            hiredOn: recent ? isoDay(random, 2025, 2026) : isoDay(random, 2016, 2024),
          }),
        );
      }
    }
  }
  return { units, people, teams };
}

/**
 * Who holds the demo's org positions: the CFO is the finance lead, the VP of sales the company's
 * manager, each region's manager its regional director, and the sales ops admin also heads
 * marketing (so the `opsadmin` login receives the marketing step of budget routing, as before).
 */
export function demoPositionHolders(people: readonly Person[]): PositionHolder[] {
  const at = (orgUnitId: string, position: PositionHolder['position'], personId: string) => {
    if (!people.some((p) => p.id === personId))
      throw new Error(`demo position holder ${personId} is missing`);
    return { orgUnitId, position, personId };
  };
  return [
    at(DEMO_COMPANY_ID, 'cfo', 'finance-1'),
    at(DEMO_COMPANY_ID, 'vpSales', 'vp-sales'),
    at(DEMO_COMPANY_ID, 'marketingHead', 'ops-admin'),
    at(DEMO_COMPANY_ID, 'hrbp', 'hr-1'),
    ...REGIONS.map((region) => at(regionUnitId(region), 'regionalDirector', `mgr-${regionUnitId(region)}`)),
  ];
}
