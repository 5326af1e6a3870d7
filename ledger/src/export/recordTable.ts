import { JOINT_HOME, JURISDICTIONS, MAX_PAGE } from '@linju/contract';
import { isOutage, subgraphOf, type AnswerPart } from '../answerParts.ts';
import type { GraphQLAnswer } from '../gatewayClient.ts';
import { operationName } from '../operationName.ts';
import { selectionOf } from './exportColumns.ts';
import { HIDDEN, valueAt, type Cell, type ExportTable } from './ExportTable.ts';
import { SIDE_PATH, type RecordList } from './recordLists.ts';

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
 * The document that reads a page of a record list (of the side `$keys` names, for a side's list),
 * as registered: `LedgerExport<List>`, e.g. `LedgerExportActivities`.
 */
export function recordListDocument(list: RecordList): string {
  const name = operationName('export', list.name);
  const selection = `totalCount @include(if: $counted) edges { node { ${selectionOf(list.columns.filter((c) => c.path[0] !== SIDE_PATH), list.args)} } } pageInfo { hasNextPage endCursor }`;
  const args = `(filter: $filter, first: ${PAGE_SIZE}, after: $after)`;
  return list.scope === 'joint'
    ? `query ${name}($filter: RecordFilter, $after: String, $counted: Boolean!) { ${list.name}${args} { ${selection} } }`
    : `query ${name}($keys: [String!], $filter: RecordFilter, $after: String, $counted: Boolean!) { jurisdictions(keys: $keys) { ${list.name}${args} { ${selection} } } }`;
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
  const query = recordListDocument(list);
  // A list of one side has no 辖区 column: every row would say the same side, which its caption and file name say once.
  const columns = sides.length === 1 ? list.columns.filter((c) => c.path[0] !== SIDE_PATH) : list.columns;

  let total = 0;
  const whatOf = (side: { name: string } | undefined) => (side ? `${side.name}的${list.label}` : list.label);
  type Read = { page: Page; hidden: Set<string> };
  /** A page, or the parts of its answer it lacks. */
  const attempt = async (side: { key: string; name: string } | undefined, after: string | null): Promise<Read | PartsRead> => {
    const answer = await ask(query, { filter, after, counted: after === null, ...(side ? { keys: [side.key] } : {}) });
    const data = answer.data as Record<string, unknown> | null | undefined;
    const page = (side ? (data?.jurisdictions as Record<string, Page | null>[] | null)?.[0]?.[list.name] : data?.[list.name]) as Page | null | undefined;
    const what = whatOf(side);
    // A side's page is reached through `jurisdictions`, which the joint office's store answers.
    const stores = side ? [side.key, JOINT_HOME.key] : [JOINT_HOME.key];
    if (!page) return { answer, parts: [{ what, stores, path: side ? ['jurisdictions', 0, list.name] : [list.name], fallback: '网关没有返回数据' }] };
    // A store that could not answer for the records a page refers to (an alliance's members, an agreement's signatories) leaves their cells null: never written as blank.
    const down = storesDown(answer);
    if (down.length > 0) return { answer, parts: down };
    total += page.totalCount ?? 0;
    return { page, hidden: hiddenCells(answer) };
  };
  const refused = (read: Read | PartsRead): read is PartsRead => 'parts' in read;
  const read = async (side: { key: string; name: string } | undefined, after: string | null): Promise<Read> => {
    const found = await attempt(side, after);
    if (refused(found)) refuse([found], whatOf(side));
    return found;
  };

  const rowsOf = ({ page, hidden }: Read, side: string | undefined): Cell[][] =>
    page.edges.flatMap(({ node }, i) => {
      const record = { ...node, [SIDE_PATH]: side };
      const items = list.expand ? (node[list.expand] as unknown[] | null) ?? [] : [undefined];
      return (items.length ? items : [null]).map((item) => {
        const row = list.expand ? { ...record, [list.expand]: item } : record;
        return columns.map((c) => (hidden.has(`${i}:${c.path.join('.')}`) ? HIDDEN : valueAt(row, c.path)));
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
  };
}
