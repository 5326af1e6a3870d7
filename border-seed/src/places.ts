import { day } from './dates.ts';
import { gid, type Side } from './ids.ts';
import { hashString } from './random.ts';
import type { OrganizationRow, RegionLevel, RegionRow } from './rows.ts';

// Key conventions shared by the three seeds: a town's region and its 党委 are both keyed
// `<town>-town` (e.g. `moxi-town`), a village's region and its 党支部 `<town>-<village>`
// (e.g. `moxi-shiqiao`). The joint office names members by these keys.

export const townKey = (town: string): string => `${town}-town`;
export const villageKey = (town: string, village: string): string => `${town}-${village}`;

export const townRegionId = (side: Side, town: string): string => gid(side, 'Region', townKey(town));
export const townOrgId = (side: Side, town: string): string => gid(side, 'Organization', townKey(town));
export const villageRegionId = (side: Side, town: string, village: string): string => gid(side, 'Region', villageKey(town, village));
export const villageOrgId = (side: Side, town: string, village: string): string => gid(side, 'Organization', villageKey(town, village));

/** An administrative region above the towns (province, city, district, county). */
export interface AreaSpec {
  key: string;
  name: string;
  code: string;
  level: Exclude<RegionLevel, 'town' | 'village'>;
  parent: string | null;
}

/** A village or community of a town; `community` ones are 社区 (codes 001…, villages 201…). */
export interface VillageSpec {
  key: string;
  name: string;
  community?: boolean;
}

/** A border town (real name, illustrative 9-digit code) with its villages (illustrative names). */
export interface TownSpec {
  key: string;
  name: string;
  code: string;
  /** Key of the district or county region it belongs to. */
  area: string;
  villages: VillageSpec[];
}

export function areaRegions(side: Side, areas: readonly AreaSpec[]): RegionRow[] {
  return areas.map((a) => ({
    id: gid(side, 'Region', a.key),
    code: a.code,
    name: a.name,
    level: a.level,
    parentId: a.parent === null ? null : gid(side, 'Region', a.parent),
  }));
}

/** 12-digit illustrative code of a town's i-th village (201, 202, …) or community (001, …). */
function villageCode(town: TownSpec, v: VillageSpec): string {
  const sameKind = town.villages.filter((x) => Boolean(x.community) === Boolean(v.community));
  const n = sameKind.indexOf(v) + 1;
  return `${town.code}${String((v.community ? 0 : 200) + n).padStart(3, '0')}`;
}

/** Regions of the towns, then of their villages (parents first). */
export function townRegions(side: Side, towns: readonly TownSpec[]): RegionRow[] {
  const townRows: RegionRow[] = towns.map((t) => ({
    id: townRegionId(side, t.key),
    code: t.code,
    name: t.name,
    level: 'town',
    parentId: gid(side, 'Region', t.area),
  }));
  const villageRows: RegionRow[] = towns.flatMap((t) =>
    t.villages.map((v) => ({
      id: villageRegionId(side, t.key, v.key),
      code: villageCode(t, v),
      name: v.name,
      level: 'village' as const,
      parentId: townRegionId(side, t.key),
    })),
  );
  return [...townRows, ...villageRows];
}

/** An illustrative founding date, stable per key, between `fromYear` and `fromYear + years - 1`. */
export function foundingDate(key: string, fromYear: number, years: number): Date {
  const h = hashString(key);
  const year = fromYear + (h % years);
  const month = 1 + ((h >>> 8) % 12);
  const dayOfMonth = 1 + ((h >>> 16) % 28);
  return day(`${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`);
}

/**
 * Each town's 党委 (a real institution of a real town) and, under it, a 党支部 for each of its
 * villages and communities (illustrative names). Town committees first, so parents come first.
 */
export function townOrganizations(side: Side, towns: readonly TownSpec[]): OrganizationRow[] {
  const committees: OrganizationRow[] = towns.map((t) => ({
    id: townOrgId(side, t.key),
    name: `${t.name}党委`,
    kind: '党委',
    level: '乡镇',
    parentId: null,
    regionId: townRegionId(side, t.key),
    foundedOn: foundingDate(`${side}:${t.key}`, 1984, 12),
    dissolvedOn: null,
    mergedIntoId: null,
    illustrative: false,
  }));
  const branches: OrganizationRow[] = towns.flatMap((t) =>
    t.villages.map((v) => ({
      id: villageOrgId(side, t.key, v.key),
      name: `${v.name}党支部`,
      kind: '党支部' as const,
      level: v.community ? ('社区' as const) : ('村' as const),
      parentId: townOrgId(side, t.key),
      regionId: villageRegionId(side, t.key, v.key),
      foundedOn: foundingDate(`${side}:${t.key}:${v.key}`, 1996, 12),
      dissolvedOn: null,
      mergedIntoId: null,
      illustrative: true,
    })),
  );
  return [...committees, ...branches];
}
