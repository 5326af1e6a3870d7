import { chineseNumber } from './chinese.ts';
import { H1_2021 } from './dates.ts';
import { gid, serial } from './ids.ts';
import { townOrgId, townRegionId, villageOrgId, villageRegionId } from './places.ts';
import { seededRandom } from './random.ts';
import type { ProjectRow } from './rows.ts';
import { slots, villageOf, type SideContext } from './slots.ts';
import { splitDecimal, splitVaried } from './splitTotal.ts';

export interface ProjectSpec {
  /** The side's regional brand (潼南绿, 遂宁鲜) on its products. */
  brand: string;
  /** 产业联合社, by name. */
  industryUnions: string[];
  /** 撂荒地复垦: `rows` projects reviving `mu` 亩 in all. */
  landRevival: { rows: number; mu: number };
  /** 初加工基地: how many, and the products they process (taken in turn). */
  processingBases: { count: number; products: string[] };
  /** 集体经济项目: subsidy and expected income (万元) in all, every one at `incomePerHouseholdYuan`. */
  collective: { rows: number; subsidyWan: number; expectedIncomeWan: number; incomePerHouseholdYuan: number };
}

const NO_MONEY = { landMu: 0, subsidyWan: 0, expectedIncomeWan: 0, householdsBenefiting: 0, incomePerHouseholdYuan: 0, investmentWan: 0 };

/** The side's industry and collective-economy projects of the first half of 2021. */
export function projects(ctx: SideContext, spec: ProjectSpec): ProjectRow[] {
  const { side } = ctx;
  const rng = seededRandom(`${side}:projects`);
  const rows: ProjectRow[] = [];

  for (const s of slots(ctx, 'industry-union', spec.industryUnions.length, H1_2021)) {
    rows.push({
      ...NO_MONEY,
      id: gid(side, 'Project', `industry-union-2021-${serial(s.i + 1, 2)}`),
      kind: '产业联合社',
      name: spec.industryUnions[s.i]!,
      regionId: townRegionId(side, s.town.key),
      organizationId: townOrgId(side, s.town.key),
      startedOn: s.on,
      brand: spec.brand,
      allianceId: s.allianceId,
    });
  }

  const mu = splitVaried(spec.landRevival.mu, spec.landRevival.rows, rng, { min: 30, spread: 0.5 });
  for (const s of slots(ctx, 'land-revival', spec.landRevival.rows, H1_2021)) {
    rows.push({
      ...NO_MONEY,
      id: gid(side, 'Project', `land-revival-2021-${serial(s.i + 1, 2)}`),
      kind: '撂荒地复垦',
      name: `${s.town.name}边界撂荒地复垦（${chineseNumber(s.visit + 1)}）`,
      regionId: townRegionId(side, s.town.key),
      organizationId: townOrgId(side, s.town.key),
      startedOn: s.on,
      landMu: mu[s.i]!,
      brand: null,
      allianceId: s.allianceId,
    });
  }

  for (const s of slots(ctx, 'processing-base', spec.processingBases.count, H1_2021)) {
    const product = spec.processingBases.products[s.i % spec.processingBases.products.length]!;
    rows.push({
      ...NO_MONEY,
      id: gid(side, 'Project', `processing-base-2021-${serial(s.i + 1, 2)}`),
      kind: '初加工基地',
      name: `${s.town.name}${product}初加工基地`,
      regionId: townRegionId(side, s.town.key),
      organizationId: townOrgId(side, s.town.key),
      startedOn: s.on,
      brand: spec.brand,
      allianceId: s.allianceId,
    });
  }

  const c = spec.collective;
  const subsidy = splitVaried(c.subsidyWan, c.rows, rng, { min: 5, spread: 0.4 });
  const income = splitDecimal(c.expectedIncomeWan, c.rows, rng, { min: 8, spread: 0.5 });
  for (const s of slots(ctx, 'collective', c.rows, H1_2021)) {
    const village = villageOf(s.town, s.visit);
    rows.push({
      ...NO_MONEY,
      id: gid(side, 'Project', `collective-2021-${serial(s.i + 1, 2)}`),
      kind: '集体经济项目',
      name: `${village.name}“三资”入股村级集体经济项目`,
      regionId: villageRegionId(side, s.town.key, village.key),
      organizationId: villageOrgId(side, s.town.key, village.key),
      startedOn: s.on,
      subsidyWan: subsidy[s.i]!,
      expectedIncomeWan: income[s.i]!,
      householdsBenefiting: rng.int(60, 320),
      incomePerHouseholdYuan: c.incomePerHouseholdYuan,
      brand: spec.brand,
      allianceId: s.allianceId,
    });
  }
  return rows;
}
