import { JOINT_HOME, JURISDICTIONS, MAX_PAGE } from '@linju/contract';
import { isOutage, subgraphOf, type AnswerPart } from '../answerParts.ts';
import type { GraphQLAnswer } from '../gatewayClient.ts';
import { operationName } from '../operationName.ts';
import { selectionOf, type ExportColumn } from './exportColumns.ts';
import { HIDDEN, UNAVAILABLE, unavailableNote, valueAt, type Cell, type ExportTable } from './ExportTable.ts';
import { SIDE_PATH, type RecordList } from './recordLists.ts';
import { fieldGraphs, fieldOf, namedType } from './schemaTypes.ts';

/** Reads one operation through the gateway under the caller's token; the answer as it came. */
export type Ask = (query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer>;

/** An answer and the parts of it that a read needs. */
export interface PartsRead {
  readonly answer: GraphQLAnswer;
  readonly parts: readonly AnswerPart[];
}

/** Refuses reads that lack parts they need, each part named with its own reason, in Chinese (`what`: the list, for a refusal of the whole). */
export type Refuse = (reads: readonly PartsRead[], what: string) => never;

type Page = {
  totalCount?: number;
  edges: { node: Record<string, unknown> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/** The largest page the gateway gives (the contract's `MAX_PAGE`): every page of an export asks for it. */
export const PAGE_SIZE = MAX_PAGE;

/**
 * The columns of a side's list whose value the joint office's store alone answers: the name of the
 * record the side's record refers to there (所属联盟, `alliance { name }`), with the alias under
 * which the document also reads that reference itself (`allianceKey: alliance { id }`), which the
 * side's store answers: so a row whose 所属联盟 could not be read while the joint office is down is
 * told from one that names no alliance.
 */
function jointColumns(list: RecordList): { column: ExportColumn; reference: string; alias: string }[] {
  if (list.scope !== 'side') return [];
  return list.columns.flatMap((column) => {
    const [reference, leaf, ...deeper] = column.path;
    if (reference === undefined || reference === SIDE_PATH || leaf === undefined || deeper.length > 0) return [];
    const graphs = fieldGraphs(namedType(fieldOf(list.node, reference).type).name, leaf);
    return graphs.length > 0 && graphs.every((graph) => graph === JOINT_HOME.key) ? [{ column, reference, alias: `${reference}Key` }] : [];
  });
}

/**
 * The document that reads a page of a record list, as registered: a joint list's
 * `LedgerExport<List>` (`LedgerExportAlliances`, through its root field, which the joint office's
 * store answers), a side's list's `LedgerExport<List><Side>` (`LedgerExportPeopleSichuan`), one per
 * side, through the side's own root field (`sichuan { people(…) }`), which the side's store alone
 * answers: not `jurisdictions`, which the joint office's store answers, so that a side's export does
 * not stop while the joint office is down (as its import and template do not: `listReadDocument`).
 */
export function recordListDocument(list: RecordList, side?: string): string {
  const references = jointColumns(list).map(({ reference, alias }) => ` ${alias}: ${reference} { id }`);
  const selection = `totalCount @include(if: $counted) edges { node { ${selectionOf(list.columns.filter((c) => c.path[0] !== SIDE_PATH), list.args)}${references.join('')} } } pageInfo { hasNextPage endCursor }`;
  const page = `${list.name}(filter: $filter, first: ${PAGE_SIZE}, after: $after) { ${selection} }`;
  const variables = '($filter: RecordFilter, $after: String, $counted: Boolean!)';
  if (list.scope === 'joint') return `query ${operationName('export', list.name)}${variables} { ${page} }`;
  if (side === undefined) throw new Error(`${list.name} is a side's list: its document names the side`);
  return `query ${operationName('export', list.name, side)}${variables} { ${side} { ${page} } }`;
}

/** Every document a record list is read with: a joint list's one, a side's list's one per side (federation.json's members). */
export function recordListDocuments(list: RecordList): string[] {
  return list.scope === 'joint' ? [recordListDocument(list)] : JURISDICTIONS.map(({ key }) => recordListDocument(list, key));
}

/** Each store an outage error of the answer names, as a part: its records, wherever they lie in the page. */
function storesDown(answer: GraphQLAnswer): AnswerPart[] {
  const named = new Set((answer.errors ?? []).filter(isOutage).map(subgraphOf));
  return [JOINT_HOME, ...JURISDICTIONS].filter((home) => named.has(home.key)).map((home) => ({ what: `${home.name}的数据`, stores: [home.key], path: [], fallback: '其子图不可用' }));
}

/**
 * The cells the gateway refused to this caller (null with FORBIDDEN on their path: personal data
 * of another side, or outside the caller's region), as `<edge index>:<path in the record>`.
 */
function hiddenCells(answer: GraphQLAnswer): Set<string> {
  const hidden = new Set<string>();
  for (const error of answer.errors ?? []) {
    const path = (error as { path?: (string | number)[] }).path;
    const edges = path?.indexOf('edges') ?? -1;
    if (error.extensions?.code !== 'FORBIDDEN' || !path || edges < 0 || path[edges + 2] !== 'node') continue;
    hidden.add(`${path[edges + 1]}:${path.slice(edges + 3).filter((p) => typeof p === 'string').join('.')}`);
  }
  return hidden;
}

/**
 * A record list read page by page through the gateway (`first`/`after`), each page asked for only
 * when the one before has been written; side by side for a side's list. The first page (of each
 * side) is read when the table is opened, so a refused token, a bad filter, a list the caller may
 * not read or a side's store that is down fails before anything is written.
 */
export async function recordTable(
  list: RecordList,
  filter: object,
  sides: readonly { key: string; name: string }[],
  ask: Ask,
  refuse: Refuse,
): Promise<ExportTable> {
  // A list of one side has no 辖区 column: every row would say the same side, which its caption and file name say once.
  const columns = sides.length === 1 ? list.columns.filter((c) => c.path[0] !== SIDE_PATH) : list.columns;
  const joint = jointColumns(list);
  /** Whether a record's cell is the joint office's and could not be read: the record refers to a record there, whose value came back null. */
  const unread = (node: Record<string, unknown>, column: ExportColumn): boolean =>
    joint.some((j) => j.column === column && node[j.alias] != null && valueAt(node, column.path) === null);
  let unavailable = false;
  // Each scope's document, made once: every page of it is the same text (an export of 300 000 people reads 3 000 pages).
  const documents = new Map<string | undefined, string>();
  const documentOf = (side: string | undefined) => documents.get(side) ?? documents.set(side, recordListDocument(list, side)).get(side)!;

  let total = 0;
  const whatOf = (side: { name: string } | undefined) => (side ? `${side.name}的${list.label}` : list.label);
  /** A page; `jointDown`: the joint office's store could not answer for it, so its cells there were not read. */
  type Read = { page: Page; hidden: Set<string>; jointDown: boolean };
  /** A page, or the parts of its answer it lacks. */
  const attempt = async (side: { key: string; name: string } | undefined, after: string | null): Promise<Read | PartsRead> => {
    // Each side's pages by its own document, so the rows' 辖区 is the side whose store answered them.
    const answer = await ask(documentOf(side?.key), { filter, after, counted: after === null });
    const path = side ? [side.key, list.name] : [list.name];
    const page = path.reduce<unknown>((at, step) => (at as Record<string, unknown> | null | undefined)?.[step], answer.data) as Page | null | undefined;
    const what = whatOf(side);
    // A side's page is its own store's; a joint list's, the joint office's.
    if (!page) return { answer, parts: [{ what, stores: [side?.key ?? JOINT_HOME.key], path, fallback: '网关没有返回数据' }] };
    // A store that could not answer for the records a page refers to (an alliance's members, an agreement's signatories)
    // leaves their cells null: never written as blank. The joint office's alone, for a side's page, leaves only its own
    // cells unread (所属联盟): the page is the side's store's and is written, those cells marked UNAVAILABLE.
    const down = storesDown(answer);
    const jointDown = side !== undefined && joint.length > 0 && down.length > 0 && down.every((part) => part.stores[0] === JOINT_HOME.key);
    if (down.length > 0 && !jointDown) return { answer, parts: down };
    if (jointDown && page.edges.some(({ node }) => columns.some((c) => unread(node, c)))) unavailable = true;
    total += page.totalCount ?? 0;
    return { page, hidden: hiddenCells(answer), jointDown };
  };
  const refused = (read: Read | PartsRead): read is PartsRead => 'parts' in read;
  const read = async (side: { key: string; name: string } | undefined, after: string | null): Promise<Read> => {
    const found = await attempt(side, after);
    if (refused(found)) refuse([found], whatOf(side));
    return found;
  };

  const rowsOf = ({ page, hidden, jointDown }: Read, side: string | undefined): Cell[][] =>
    page.edges.flatMap(({ node }, i) => {
      const record = { ...node, [SIDE_PATH]: side };
      const items = list.expand ? (node[list.expand] as unknown[] | null) ?? [] : [undefined];
      return (items.length ? items : [null]).map((item) => {
        const row = list.expand ? { ...record, [list.expand]: item } : record;
        return columns.map((c) => (hidden.has(`${i}:${c.path.join('.')}`) ? HIDDEN : jointDown && unread(node, c) ? UNAVAILABLE : valueAt(row, c.path)));
      });
    });

  const scopes = list.scope === 'side' ? sides : [undefined];
  // Every side's first page before anything is written: a side whose store is down refuses the
  // export, each such side named with its own reason, rather than cut the file after the rows of
  // the sides before it.
  const opened = await Promise.all(scopes.map((side) => attempt(side, null)));
  const refusals = opened.filter(refused);
  if (refusals.length > 0) refuse(refusals, refusals.length === 1 ? whatOf(scopes[opened.indexOf(refusals[0]!)]) : list.label);
  const firsts = opened as (Read | undefined)[];
  return {
    title: list.label,
    columns,
    async *pages() {
      for (const [index, side] of scopes.entries()) {
        let current = firsts[index]!;
        // Written from here on: no longer held.
        firsts[index] = undefined;
        for (;;) {
          yield { rows: rowsOf(current, side?.name), records: current.page.edges.length };
          const { hasNextPage, endCursor } = current.page.pageInfo;
          if (!hasNextPage || !endCursor) break;
          current = await read(side, endCursor);
        }
      }
    },
    totalCount: () => total,
    unavailable: () => (unavailable ? unavailableNote(joint.filter((j) => columns.includes(j.column)).map((j) => `“${j.column.header}”`).join('、') + '列') : null),
  };
}
