import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { JOINT_HOME, parseGlobalId } from '@linju/contract';
import { periodOrderProblem } from '@linju/contract/dateRange';
import { post, type GatewayAdvice, type GraphQLAnswer } from '../gatewayClient.ts';
import { asciiFileName, asciiPeriod } from '../asciiFileName.ts';
import { LedgerError, refusalKind } from '../LedgerError.ts';
import { errorsOfPart, isOutage, isOwnError, missingPartsReason, subgraphOf, type AnswerPart, type GatewayError, type MissingPart } from '../answerParts.ts';
import type { ExportTable } from './ExportTable.ts';
import { FIGURES_TABLE, figuresTable, sideFigureLabel, sideFigureLists, sideFigureTable, type FigureQuery, type Read } from './figureTables.ts';
import { sidesOf } from './exportSides.ts';
import { recordLists } from './recordLists.ts';
import { recordTable, type PartsRead } from './recordTable.ts';
import { CONTENT_TYPES, WRITERS, type ExportFormat, type ExportStats } from './tableWriters.ts';
import { ALLIANCE_REFUSAL, allianceName, filterCaption, filterFileParts, periodWords, regionName, regionRefusal, windowsFileName, type FilterNamed } from './filterNames.ts';
import { gatewayReason } from '../gatewayReason.ts';
import { periodEndProblem } from '../report/briefingPeriod.ts';

/** The API's `RecordFilter`: what a list may be filtered by (a condition a list does not know is refused by the API: BAD_USER_INPUT). */
export interface ExportFilter {
  kinds?: string[];
  period?: { from?: string; to?: string };
  regionId?: string;
  allianceId?: string;
  crossBorder?: boolean;
  search?: string;
}

export interface ExportOptions {
  /** A record list (`activities`, `alliances` …) or a figure table (`figures`, `activitiesByMonth` …): see {@link exportableLists}. */
  list: string;
  format: ExportFormat;
  gatewayUrl: string;
  /** The caller's token; empty reads as anonymous (the figure tables are public). */
  token?: string;
  /** One side's list (`sichuan`); every side, one after the other, when left out. */
  side?: string;
  filter?: ExportFilter;
}

/** An export whose first page has been read: its name and type are known, nothing is written yet. */
export interface PreparedExport {
  fileName: string;
  /** The name in ASCII, for clients that cannot read the Chinese one: linju-figures-2021-01-01_2021-06-30.xlsx. */
  asciiName: string;
  contentType: string;
  /**
   * The note on cells not read in the pages read so far (`unavailableNote`: the joint office's
   * 所属联盟 while it is down), said beside the file (the documents server's X-Linju-Notice); null
   * when none. The whole export's is `ExportStats.unavailable`.
   */
  unavailable: string | null;
  /** Writes the whole export to the output as its pages arrive, and ends the output. */
  writeTo(output: Writable): Promise<ExportStats>;
}

const ADVICE: GatewayAdvice = { unreachable: '未生成导出文件，请确认网关已启动后重试。', refused: '请重新登录获取令牌后再导出。' };

/** Every list an export can name, with its Chinese name. */
export function exportableLists(): { name: string; label: string }[] {
  return [
    ...[...recordLists().values()].map(({ name, label }) => ({ name, label })),
    { name: FIGURES_TABLE, label: '指标' },
    ...sideFigureLists().map((name) => ({ name, label: sideFigureLabel(name) })),
  ];
}

/** What lies at a place of an answer's data (`['jurisdictions', 0, 'figures']`); undefined when anything on the way is missing. */
function dataAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const step of path) value = value === null || value === undefined ? undefined : (value as Record<string | number, unknown>)[step];
  return value;
}

/**
 * The parts of an answer a read needs that it did not get: those missing from its data, or with
 * an error of their own (`isOwnError`: naming their store, or on their place). A part none of whose
 * errors is new (the joint total, left out because a side's figures are, after the sides' own
 * parts said why) is not named again.
 */
function failedParts(answer: GraphQLAnswer, parts: readonly AnswerPart[], before: MissingPart[] = []): MissingPart[] {
  const errors = answer.errors ?? [];
  const quoted = new Set<GatewayError>(before.flatMap((part) => part.errors));
  // The stores already named, by parts before of this or an earlier read of the same table (the sides' own figures, read beside the joint total).
  const named = new Set(before.flatMap((part) => part.errors.map(subgraphOf)).filter((store) => store !== undefined));
  const failed: MissingPart[] = [];
  for (const part of parts) {
    const missing = dataAt(answer.data, part.path) == null || errors.some((error) => isOwnError(error, part));
    if (!missing) continue;
    const own = errorsOfPart(errors, part);
    const told = (error: GatewayError) => quoted.has(error) || named.has(subgraphOf(error) ?? '');
    if (before.length + failed.length > 0 && own.length > 0 && own.every(told)) continue;
    own.forEach((error) => quoted.add(error));
    own.forEach((error) => subgraphOf(error) !== undefined && named.add(subgraphOf(error)!));
    failed.push({ what: part.what, errors: own, fallback: part.fallback });
  }
  return failed;
}

/**
 * The gateway's refusal of reads, in one Chinese line (the API's messages are Chinese first): each
 * part a read needs and did not get named with its own store's reason, never an answer's first
 * error; 503 (an outage to retry) when any of them is an outage, whatever error comes first.
 */
function refuse(reads: readonly PartsRead[], what: string): never {
  const failed = reads.reduce<MissingPart[]>((before, { answer, parts }) => [...before, ...failedParts(answer, parts, before)], []);
  const missing = failed.length > 0 ? failed : [{ what, errors: reads.flatMap(({ answer }) => answer.errors ?? []), fallback: '网关没有返回数据' }];
  const { reasons, outage } = missingPartsReason(missing);
  if (outage) throw new LedgerError(`${reasons}，未生成导出文件；请稍后重试。`, 'store-unavailable');
  const own = missing.flatMap((part) => part.errors);
  const badInput = own.find((error) => error.extensions?.code === 'BAD_USER_INPUT');
  if (badInput) throw new LedgerError(`筛选条件有误：${gatewayReason(badInput, '请检查时间段、辖区和筛选项')}`);
  const forbidden = own.find((error) => error.extensions?.code === 'FORBIDDEN');
  if (forbidden) throw new LedgerError(`无权读取${what}：${gatewayReason(forbidden, '当前账号没有此权限（未登录时只能读取公开的汇总数字），请以有权限的账号登录')}`, refusalKind(forbidden));
  throw new LedgerError(`无法读取${what}：${gatewayReason(own[0], '网关没有返回数据')}`);
}

function checkFilter(filter: ExportFilter): void {
  for (const end of ['from', 'to'] as const) {
    const value = filter.period?.[end];
    const problem = value === undefined ? undefined : periodEndProblem(value, end);
    if (problem) throw new LedgerError(`${problem}。`);
  }
  const { from, to } = filter.period ?? {};
  if (from && to && from > to) throw new LedgerError(`${periodOrderProblem(from, to)}。`);
}

/**
 * The filter as a clerk reads it: the alliance and the region by their names. A region the sides
 * exported do not have is refused (`regionRefusal`): the list would be an empty file.
 */
async function filterNamed(filter: ExportFilter, caller: { gatewayUrl: string; token: string }, sides: readonly { key: string; name: string }[]): Promise<FilterNamed> {
  const { allianceId, regionId, ...rest } = filter;
  const region = regionId ? { id: regionId, name: await regionName(caller, regionId, ADVICE) } : undefined;
  const refusal = region && regionRefusal(region.id, region.name, sides);
  if (refusal) throw new LedgerError(refusal);
  const alliance = allianceId ? { id: allianceId, name: await allianceName(caller, allianceId, ADVICE) } : undefined;
  if (alliance?.name === null) throw new LedgerError(ALLIANCE_REFUSAL);
  return {
    ...rest,
    ...(alliance ? { alliance: { id: alliance.id, name: alliance.name ?? undefined } } : {}),
    ...(region ? { region: { id: region.id, name: region.name ?? undefined } } : {}),
  };
}

/**
 * The table an export writes and its filter as named in its file name and caption. A record list
 * filtered by anything gets a caption (四川省活动 2021年上半年 类别：培训 联盟：…), so a
 * printed sheet says which records it holds; unfiltered, it has none (its file name says whose it is).
 */
async function openTable(options: ExportOptions): Promise<{ table: ExportTable; named: FilterNamed }> {
  const caller = { gatewayUrl: options.gatewayUrl, token: options.token ?? '' };
  const ask = (query: string, variables: Record<string, unknown>) => post(caller, query, variables, ADVICE);
  const filter = options.filter ?? {};
  checkFilter(filter);
  const keys = options.side === undefined ? undefined : [options.side];
  const sides = sidesOf(keys);
  const records = recordLists().get(options.list);
  if (records) {
    if (records.scope === 'joint' && options.side) throw new LedgerError(`${records.label}属于联合办公室，不分辖区，请去掉 --side。`);
    // The filter's region and alliance are named first: a region the sides exported do not have is
    // refused in the clerk's words (regionRefusal) before the list is read; then the first page, so a
    // refused filter, token or list is refused as it always was.
    const named = await filterNamed(filter, caller, sides);
    const table = await recordTable(records, filter, sides, ask, refuse);
    const filters = filterCaption(named);
    // One side's list says whose it is in its caption (it has no 辖区 column); every side's, unfiltered, has none (its 辖区 column says).
    if (!options.side && !named.period && filters.length === 0) return { table, named };
    const whose = options.side ? sides[0]!.name : '';
    return { table: { ...table, caption: [`${whose}${table.title}`, named.period && periodWords(named.period), ...filters].filter(Boolean).join(' ') }, named };
  }
  const figures = options.list === FIGURES_TABLE || sideFigureLists().includes(options.list);
  if (!figures) throw new LedgerError(`没有名为“${options.list}”的列表；可导出：${exportableLists().map((l) => l.name).join('、')}`);
  const { period, allianceId, ...others } = filter;
  const unused = Object.keys(others).filter((k) => others[k as keyof typeof others] !== undefined);
  if (unused.length) throw new LedgerError(`指标表只能按时间段和联盟筛选（不支持 ${unused.join('、')}）。`);
  const named = await filterNamed(filter, caller, sides);
  const query: FigureQuery = { period, allianceId, allianceName: named.alliance?.name, sides: keys };
  const read: Read = async (reads, what) => {
    const answers = await Promise.all(reads.map(({ query, variables, parts }) => ask(query, variables).then((answer) => ({ answer, parts }))));
    // Any error of a part the table needs refuses it (a figure left out is never written as blank); another side's, for a table of one side, does not.
    const failed = answers.filter(({ answer, parts }) => !answer.data || answer.errors?.some((error) => subgraphOf(error) === undefined && !error.path) || failedParts(answer, parts).length > 0);
    // The joint office's own read (its overview) while its store is down, the sides' reads answered: left out, its cells marked by the table.
    const jointDown = (i: number) => {
      const errors = answers[i]!.answer.errors ?? [];
      return reads[i]!.jointOwn === true && errors.length > 0 && errors.every((error) => isOutage(error) && subgraphOf(error) === JOINT_HOME.key);
    };
    if (failed.some((found) => !jointDown(answers.indexOf(found)))) refuse(failed, what);
    return answers.map(({ answer }, i) => (failed.includes(answers[i]!) ? null : answer.data!));
  };
  return { table: await (options.list === FIGURES_TABLE ? figuresTable(read, query) : sideFigureTable(read, options.list, query)), named };
}

/**
 * Opens an export: checks the list and the filter and reads the first page through the gateway
 * under the caller's token, so a refusal (unknown list, bad filter, refused token, unreachable
 * gateway: a `LedgerError` with one Chinese line) comes before a byte is written. An HTTP server
 * sends its headers after this and then calls `writeTo(response)`.
 */
export async function openExport(options: ExportOptions): Promise<PreparedExport> {
  if (!Object.hasOwn(WRITERS, options.format)) throw new LedgerError(`不支持的导出格式“${options.format}”；可用：xlsx、csv`);
  const { table, named } = await openTable(options);
  const side = options.side ? sidesOf([options.side])[0]!.name : '';
  const alliance = options.filter?.allianceId && parseGlobalId(options.filter.allianceId)?.key;
  const region = options.filter?.regionId && parseGlobalId(options.filter.regionId)?.key;
  return {
    // Named by its filter, so three files of one list filtered three ways are told apart: 四川省活动_培训_2021-01-01至2021-06-30.xlsx.
    fileName: windowsFileName([`${side}${table.title}`, ...filterFileParts(named)].join('_'), options.format),
    asciiName: asciiFileName([options.list, options.side, options.filter?.period && asciiPeriod(options.filter.period), region || undefined, alliance || undefined], options.format),
    contentType: CONTENT_TYPES[options.format],
    unavailable: table.unavailable?.() ?? null,
    writeTo: (output) => WRITERS[options.format](table, output),
  };
}

/** Streams an export to the output (a file, an HTTP response …) and ends it. */
export async function exportList(options: ExportOptions, output: Writable): Promise<ExportStats> {
  return (await openExport(options)).writeTo(output);
}

/**
 * Writes an export to a file (named by `pathFor` from the export's own name, e.g. 四川省活动.xlsx):
 * into a temporary file beside it, renamed into place when complete,
 * so a refused or interrupted export leaves no partial file (and an earlier file of that name stays).
 */
export async function exportToFile(options: ExportOptions, pathFor: (fileName: string) => string): Promise<ExportStats & { path: string }> {
  const prepared = await openExport(options);
  const path = pathFor(prepared.fileName);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.part`);
  const handle = await open(temporary, 'w').catch(() => {
    throw new LedgerError(`无法写入 ${path}：请检查目录是否存在、是否有写权限。`);
  });
  const output = handle.createWriteStream();
  const failed = new Promise<never>((_, reject) => output.once('error', () => reject(new LedgerError(`写入 ${path} 时出错（磁盘已满或无写权限），未生成导出文件。`))));
  failed.catch(() => undefined);
  try {
    const stats = await Promise.race([prepared.writeTo(output), failed]);
    await rename(temporary, path);
    return { ...stats, path };
  } catch (error) {
    output.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
