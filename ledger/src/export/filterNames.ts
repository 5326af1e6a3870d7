import { JURISDICTIONS, parseGlobalId, REGION_LEVELS, todayInChina } from '@linju/contract';
import { ALLIANCE_READ } from '../checkAlliances.ts';
import { listReadDocument, post, readWholeList, type GatewayAdvice, type GatewayCaller } from '../gatewayClient.ts';
import { LedgerError } from '../LedgerError.ts';
import { namesRead, REGION_PATHS_READ } from '../listReads.ts';
import { readRegions, regionOfPath } from '../resolveReferences.ts';
import { chineseDate, describeBriefingPeriod, reportedPeriod } from '../report/briefingPeriod.ts';

/** What an export is filtered by, as a clerk reads it (the alliance by its name, never its global ID). */
export interface FilterNamed {
  kinds?: readonly string[];
  period?: { from?: string; to?: string };
  /** The alliance filtered by: its ID, and its name when the joint office gave it (a caption never shows the ID). */
  alliance?: { id: string; name?: string };
  /** The region filtered by: its ID, and its name when its side gave it. */
  region?: { id: string; name?: string };
  crossBorder?: boolean;
  search?: string;
}

/**
 * A period in a caption, named as the briefing and the dashboard name it (`describeBriefingPeriod`):
 * 2021年上半年, 2021年3月, 2021年3月15日至2021年5月20日; an open end 2026年3月1日起, 截至2021年6月30日;
 * 全部时期. It said 2021-01-01 至 2021-06-30. A period not yet over `today` (China's) is named up to
 * today: 2026-12-01..2026-12-31 on 8 December is 2026年12月1日至2026年12月8日 (it said 2026年12月).
 */
export function periodWords(period: FilterNamed['period'], today: string = todayInChina()): string {
  const { from, to } = period ?? {};
  // A period not yet over holds records up to today: named by those days, as the briefing names it
  // (reportedPeriod), never 2026年12月 of its first eight days as if the month were over.
  const held = (range: { from: string; to: string }) => (range.from <= today ? reportedPeriod(range, today) : range);
  return from && to ? describeBriefingPeriod(held({ from, to })) : from ? `${chineseDate(from)}起` : to ? `截至${chineseDate(to)}` : '全部时期';
}

const crossBorderWords = (crossBorder: boolean) => (crossBorder ? '仅交叉任职' : '不含交叉任职');

/**
 * The filter in a caption, after what the table is and of which period: 类别：培训、宣讲 联盟：遂潼红薯产业链联合党组织
 * 区划：安居区 交叉任职 名称含“座谈” (a region or an alliance whose side gave no name is （名称暂缺）, never its ID). Empty when
 * nothing but the period filters.
 */
export function filterCaption(filter: FilterNamed): string[] {
  return [
    filter.kinds?.length && `类别：${filter.kinds.join('、')}`,
    filter.alliance && `联盟：${filter.alliance.name ?? UNNAMED}`,
    filter.region && `区划：${filter.region.name ?? UNNAMED}`,
    filter.crossBorder !== undefined && crossBorderWords(filter.crossBorder),
    filter.search && `名称含“${filter.search}”`,
  ].filter((part): part is string => !!part);
}

/**
 * A period in a file name, its dates as typed and its ends as the caption says them (起, 截至):
 * 2021-01-01至2021-06-30, 2026-03-01起, 截至2021-06-30 (an open end was 2026-03-01至, a name cut short).
 */
export function periodFilePart(period: FilterNamed['period']): string {
  const { from, to } = period ?? {};
  return from && to ? `${from}至${to}` : from ? `${from}起` : `截至${to ?? ''}`;
}

/**
 * The filter in a file name, after the table's name (四川省活动): the kinds, the period, the region's
 * and the alliance's names, each after an underscore:
 * 四川省活动_培训、宣讲_2021-01-01至2021-06-30_安居区_遂潼红薯产业链联合党组织. A region without a name to hand
 * is left out (an ID is no name for a file).
 */
export function filterFileParts(filter: FilterNamed): string[] {
  const { from, to } = filter.period ?? {};
  return [
    filter.kinds?.length ? filter.kinds.join('、') : undefined,
    filter.period && (from || to) ? periodFilePart(filter.period) : undefined,
    filter.region?.name,
    filter.alliance?.name,
    filter.crossBorder === undefined ? undefined : crossBorderWords(filter.crossBorder),
    filter.search ? `含${filter.search}` : undefined,
  ].filter((part): part is string => !!part);
}

/** Longer names are cut (Windows takes 255 characters a name; a folder's path takes its share of 260). */
const MOST_CHARACTERS = 120;

/**
 * A file name Windows takes: the characters it refuses (< > : " / \ | ? * and control characters)
 * made `-`, no trailing dot or space, at most {@link MOST_CHARACTERS} characters before the extension.
 */
export function windowsFileName(stem: string, extension: string): string {
  // Cut by characters (code points), never inside one: half an emoji is no text, and the download's
  // Content-Disposition (encodeURIComponent) would throw on it.
  const safe = Array.from(stem.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')).slice(0, MOST_CHARACTERS).join('').replace(/[. ]+$/, '');
  return `${safe}.${extension}`;
}

/**
 * An alliance's name, read through the gateway by the import's registered read of an alliance
 * (`ALLIANCE_READ`): null when the joint office answers that it has none (the export refuses it, as
 * it would otherwise write an empty file); undefined when it cannot say now (its store down: a side's
 * export is still written, the caption marking the name 暂缺, never showing the ID).
 */
export async function allianceName(caller: GatewayCaller, id: string, advice: GatewayAdvice): Promise<string | null | undefined> {
  const answer = await post(caller, ALLIANCE_READ, { id }, advice);
  const alliance = answer.data?.alliance as { name?: string } | null | undefined;
  if (alliance?.name) return alliance.name;
  return alliance === null && !answer.errors?.length ? null : undefined;
}

/** An alliance in a caption whose name could not be read (the joint office down, or a caller who may not read it): never its ID. */
export const UNNAMED = '（名称暂缺）';

/** Why an alliance filter is refused: the joint office has no such alliance (the export would be empty). */
export const ALLIANCE_REFUSAL = '筛选条件有误：遂潼联合办公室没有所选的联盟（联盟 ID 有误，或该联盟已不存在），未生成导出文件。请从联盟列表中选取联盟。';

/** The side's regions by name, the read the import looks 办理地 up with (`LedgerRegionsNames`). */
const REGION_NAMES = namesRead({ list: 'regions' });

/**
 * A region's name, read through the gateway from its side's regions under the caller's token:
 * of the region and those below it, only the region itself is of its own level, so the levels are
 * asked from the top (`REGION_LEVELS`) until one answers it (at most one call a level, one record
 * each). Null when its side answered every level and none is the region (no such region: the
 * export refuses it, as it would otherwise write an empty file); undefined when there is no side to
 * ask (another type's ID, which the API refuses) or the side does not answer now (the export's own
 * read then says why).
 */
export async function regionName(caller: GatewayCaller, id: string, advice: GatewayAdvice): Promise<string | null | undefined> {
  const global = parseGlobalId(id);
  if (global?.type !== 'Region' || !JURISDICTIONS.some((side) => side.key === global.home)) return undefined;
  type Page = { edges: { node: { id: string; name: string } }[] };
  for (const level of Object.keys(REGION_LEVELS)) {
    const answer = await post(caller, listReadDocument(REGION_NAMES, global.home), { filter: { regionId: id, kinds: [level] }, after: null }, advice);
    // The side has no such region: it says so of an empty first page (`unknown-region`).
    if (answer.errors?.some((error) => error.extensions?.rule === 'unknown-region')) return null;
    const page = (answer.data?.[global.home] as Record<string, Page> | null | undefined)?.regions;
    if (!page || answer.errors?.length) return undefined;
    const region = page.edges.find((edge) => edge.node.id === id);
    if (region) return region.node.name;
  }
  return null;
}

/**
 * Why a region filter is refused, when the sides exported do not have it (undefined when they do,
 * or when that is not known now): no side has it (an ID mistyped, or of a region no longer kept),
 * or it is the other side's, whose records a list of one side never holds. Either way the export
 * would be an empty file that says 已导出 0 行.
 */
export function regionRefusal(id: string, name: string | null | undefined, sides: readonly { key: string; name: string }[]): string | undefined {
  const home = JURISDICTIONS.find((side) => side.key === parseGlobalId(id)?.home);
  const whose = sides.length === 1 ? sides[0]!.name : '各辖区';
  if (name === null) return `筛选条件有误：${whose}${sides.length === 1 ? '' : '都'}没有所选的区划（区划 ID 有误，或该区划已不存在），未生成导出文件。请从区划列表中选取区划。`;
  if (name !== undefined && home && !sides.some((side) => side.key === home.key)) {
    return `筛选条件有误：区划“${name}”属于${home.name}，${whose}没有这个区划，未生成导出文件。请选取${whose}的区划，或导出${home.name}的列表。`;
  }
  return undefined;
}

/** A region found by its name, with its parents' names (`REGION_PATHS_READ`). */
interface RegionWithParents {
  id: string;
  name: string;
  parent: { name: string; parent: { name: string } | null } | null;
  side: string;
}

/**
 * Regions that share a name, named as a clerk reads them: by the parent (安居区永兴镇, 船山区永兴镇),
 * and by the grandparent too where parents share a name as well.
 */
function pathsOf(found: readonly RegionWithParents[]): string[] {
  const byParent = found.map((r) => `${r.parent?.name ?? ''}${r.name}`);
  return found.map((r, at) => (byParent.filter((p) => p === byParent[at]).length > 1 ? `${r.parent?.parent?.name ?? ''}${byParent[at]}` : byParent[at]!));
}

/**
 * The region `--region` names: a region's ID as it is, its name as a clerk types it (磨溪镇), or its
 * path (安居区磨溪镇, read as the import reads one: `regionOfPath`), read from the exported sides'
 * regions with the caller's token (the import takes names too). A name no side has, or that several
 * regions have, is refused, naming those by their parents (安居区永兴镇, 船山区永兴镇, never by ID) and
 * suggesting --side only when they lie on different sides.
 */
export async function regionIdOf(caller: GatewayCaller, typed: string, sides: readonly { key: string; name: string }[]): Promise<string> {
  const name = typed.trim();
  if (parseGlobalId(name)) return name;
  const found: RegionWithParents[] = [];
  for (const side of sides) {
    const regions = await readWholeList<Omit<RegionWithParents, 'side'>>(caller, side.key, REGION_PATHS_READ, { search: name }, `${side.name}的行政区划`);
    found.push(...regions.filter((region) => region.name === name).map((region) => ({ ...region, side: side.name })));
  }
  if (found.length === 1) return found[0]!.id;
  const where = sides.map((side) => side.name).join('、');
  if (found.length === 0) {
    for (const side of sides) {
      const byPath = await regionOfPath(name, readRegions(caller, side.key, { list: 'regions' }));
      if (byPath) return byPath.id;
    }
    throw new LedgerError(`筛选条件有误：${where}没有名为“${name}”的区划，未生成导出文件。请写区划的全称（如“磨溪镇”），或写区划 ID。`);
  }
  const paths = pathsOf(found);
  const ways = [`连同上级区划写出（如“${paths[0]}”）`, ...(new Set(found.map((r) => r.side)).size > 1 ? ['用 --side 指明辖区'] : [])];
  throw new LedgerError(`筛选条件有误：名为“${name}”的区划有 ${found.length} 个（${paths.join('、')}），未生成导出文件。请${ways.join('、')}，或写区划 ID。`);
}
