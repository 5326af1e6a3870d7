import { ALLIANCE_READ } from '../checkAlliances.ts';
import { post, type GatewayAdvice, type GatewayCaller } from '../gatewayClient.ts';

/** What an export is filtered by, as a clerk reads it (the alliance by its name, never its global ID). */
export interface FilterNamed {
  kinds?: readonly string[];
  period?: { from?: string; to?: string };
  /** The alliance's name, or its ID when the joint office did not give the name. */
  alliance?: string;
  regionId?: string;
  crossBorder?: boolean;
  search?: string;
}

/** A period in a caption: 2021-01-01 至 2021-06-30, 2021-01-01 起, 截至 2021-06-30, 全部时期. */
export function periodWords(period: FilterNamed['period']): string {
  const { from, to } = period ?? {};
  return from && to ? `${from} 至 ${to}` : from ? `${from} 起` : to ? `截至 ${to}` : '全部时期';
}

const crossBorderWords = (crossBorder: boolean) => (crossBorder ? '仅交叉任职' : '不含交叉任职');

/**
 * The filter in a caption, after what the table is and of which period: 类别：培训、宣讲 联盟：遂潼红薯产业链联合党组织
 * 区划：sichuan:Region:510904 交叉任职 名称含“座谈”. Empty when nothing but the period filters.
 */
export function filterCaption(filter: FilterNamed): string[] {
  return [
    filter.kinds?.length && `类别：${filter.kinds.join('、')}`,
    filter.alliance && `联盟：${filter.alliance}`,
    filter.regionId && `区划：${filter.regionId}`,
    filter.crossBorder !== undefined && crossBorderWords(filter.crossBorder),
    filter.search && `名称含“${filter.search}”`,
  ].filter((part): part is string => !!part);
}

/**
 * The filter in a file name, after the table's name (四川省活动): the kinds, the period and the alliance's
 * name, each after an underscore: 四川省活动_培训、宣讲_2021-01-01至2021-06-30_遂潼红薯产业链联合党组织. A region
 * is named by its ID only in the caption (an ID is no name for a file).
 */
export function filterFileParts(filter: FilterNamed): string[] {
  const { from, to } = filter.period ?? {};
  return [
    filter.kinds?.length ? filter.kinds.join('、') : undefined,
    filter.period ? `${from ?? ''}至${to ?? ''}` : undefined,
    filter.alliance,
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
 * (`ALLIANCE_READ`); its ID when the joint office gives no name (no such alliance, or not readable
 * now: the export's own read then says why, or finds no rows).
 */
export async function allianceName(caller: GatewayCaller, id: string, advice: GatewayAdvice): Promise<string> {
  const answer = await post(caller, ALLIANCE_READ, { id }, advice);
  const name = (answer.data?.alliance as { name?: string } | null | undefined)?.name;
  return name || id;
}
