import { canonicalJson, comparedName, parseGlobalId } from '@linju/contract';
import { readWholeList, type GatewayCaller } from './gatewayClient.ts';
import { namesRead } from './listReads.ts';
import type { ImportMode } from './importBatches.ts';
import { optionFor, ROW_BY_ROW, type Reader } from './importOptions.ts';
import type { RowOutcome } from './importLedger.ts';
import type { LedgerColumn, LedgerKind } from './kinds/index.ts';
import { LedgerError } from './LedgerError.ts';
import type { ParsedRow } from './parseLedgerRows.ts';
import { readCell } from './readCell.ts';
import { linesText } from './monthDayDates.ts';

/**
 * A clerk's 党组织台账 lists a town's committee and then its branches, each branch's 上级党组织 the
 * committee's name: a reference column whose list is the kind's own (`reference.sameFile`) may name a
 * row of the same file. Such a row cannot be sent with the row it names (its parent has no ID until
 * written), so the rows are written in waves: first every row whose references the store already
 * holds, then the rows whose parent was written by the wave before (its record ID put in), and so on.
 */

/** A row's reference to another row of the file: the column, the name typed, the row it names (its index). */
export interface SameFileReference {
  column: LedgerColumn;
  name: string;
  on: number;
}

/** The rows (names in the file taken out of their inputs, to be put in as IDs once written) and each waiting row's reference, by index. */
export interface SameFileRows {
  rows: ParsedRow[];
  waiting: ReadonlyMap<number, SameFileReference>;
}

const lineList = (rows: readonly ParsedRow[]) => rows.map((r) => r.line).join('、');

/**
 * Finds, before any name is looked up in the store, the references that name a row of the file (by
 * the row's `sameFile` field, compared as the store compares namesakes: full-width as half-width,
 * spaces left out): the file's row
 * wins over a namesake in the store, since the clerk listed it to be the parent (imported again, it is
 * 已存在 and its record ID the store's). Rows of identical content are one record. A name that two rows
 * of different content have is not guessed (the row is refused asking for the ID), nor a row naming
 * itself; a cycle of rows (A under B, B under A) is refused on each of its rows, by name; a row its row
 * of the file cannot lead (`reference.fitsUnder`: a 党支部 under a 党支部) in the rule's words, naming the line.
 */
export function sameFileReferences(kind: LedgerKind, rows: readonly ParsedRow[]): SameFileRows {
  const columns = kind.columns.filter((c) => c.reference?.sameFile);
  if (!columns.length) return { rows: [...rows], waiting: new Map() };
  // Rows of one content are one record; a refused row is a record of its own.
  const content = rows.map((r, i) => (r.input ? canonicalJson(r.input) : `#${i}`));
  const out = [...rows];
  const waiting = new Map<number, SameFileReference>();
  for (const column of columns) {
    const by = column.reference!.sameFile!;
    const header = kind.columns.find((c) => c.field === by)!.header;
    const named = new Map<string, number[]>();
    rows.forEach((row, index) => {
      // A row refused on another cell still names itself: a row naming it is refused with it, not sent to look for it in the store.
      const cell = row.input ? { value: row.input[by] } : readCell(row.cells[header], 'text');
      const own = 'value' in cell ? cell.value : null;
      if (typeof own === 'string' && own) named.set(comparedName(own), [...(named.get(comparedName(own)) ?? []), index]);
    });
    rows.forEach((row, index) => {
      const name = row.input?.[column.field];
      if (typeof name !== 'string' || !name || parseGlobalId(name)) return;
      const all = named.get(comparedName(name));
      if (!all) return;
      // Rows of one content are one record: the first stands for them.
      const others = [...new Map(all.filter((i) => content[i] !== content[index]).map((i) => [content[i], i])).values()];
      if (!others.length) {
        out[index] = { ...row, input: null, problems: [{ column: column.header, reason: `${column.header}“${name}”就是本行的组织自身；请填写其上级党组织（顶级组织留空）` }] };
        return;
      }
      if (others.length > 1) {
        const lines = lineList(others.map((i) => rows[i]!));
        out[index] = { ...row, input: null, problems: [{ column: column.header, reason: `本文件中有 ${others.length} 行名为“${name}”（第 ${lines} 行），无法确定${column.header}是哪一个；请改填其全局 ID，或先导入上级、再导入本行` }] };
        return;
      }
      const input = { ...row.input! };
      delete input[column.field];
      out[index] = { ...row, input };
      waiting.set(index, { column, name, on: others[0]! });
    });
  }
  // A cycle within the file (A under B, B under A): each of its rows refused, the cycle named.
  for (const start of waiting.keys()) {
    const path: number[] = [];
    let at: number | undefined = start;
    while (at !== undefined && !path.includes(at)) {
      path.push(at);
      at = waiting.get(at)?.on;
    }
    if (at !== start) continue;
    const names = path.map((i) => `“${String(rows[i]!.input![waiting.get(i)!.column.reference!.sameFile!])}”`);
    const { column } = waiting.get(start)!;
    out[start] = {
      ...rows[start]!,
      input: null,
      problems: [{ column: column.header, reason: `${column.header}在本文件中构成循环：${[...names, names[0]].join('→')}（第 ${lineList(path.map((i) => rows[i]!))} 行互为上级），请改正其中一行的${column.header}` }],
    };
  }
  // A row its row of the file cannot lead (a 党支部 under a 党支部): refused before anything is sent, the preview included, in the store's words and naming the line.
  for (const [index, { column, on }] of waiting) {
    const [row, parent] = [out[index]!, out[on]!];
    const reason = row.input && parent.input ? column.reference!.fitsUnder?.(row.input, parent.input) : null;
    if (reason) out[index] = { ...row, input: null, problems: [{ column: column.header, reason: `${reason}（${column.header}在本文件第 ${parent.line} 行）` }] };
  }
  for (const index of [...waiting.keys()]) if (!out[index]!.input) waiting.delete(index);
  return { rows: out, waiting };
}

/**
 * A row the file names as a parent (its branches' 上级党组织), whose name a live organization of the
 * side already has in another place (the town's committee listed with its region written as the
 * district and no parent), is refused before anything is written: written, it would be a second
 * organization of that name, its branches put under it, and every later ledger naming the name
 * refused as ambiguous. Such a row is found by the names read (`namesRead`, compared as namesakes are),
 * then checked by the store in a dry run (`probe`): the store refuses it `duplicate` with the
 * registered one's ID when it is in the same place (the row is that organization, `sendBatch`), and
 * would write it only when the namesake is elsewhere. Only rows whose own parent is not in the file are
 * checked (a row waiting for its parent has none to be placed by yet).
 */
export async function refuseParentsRegisteredElsewhere(
  caller: GatewayCaller,
  kind: LedgerKind,
  side: string,
  { rows, waiting }: SameFileRows,
  probe: (rows: readonly ParsedRow[]) => Promise<{ status: string }[]>,
): Promise<ParsedRow[]> {
  const column = kind.columns.find((c) => c.reference?.sameFile);
  if (!column) return [...rows];
  const by = column.reference!.sameFile!;
  const header = kind.columns.find((c) => c.field === by)!.header;
  const parents = [...new Set([...waiting.values()].map((r) => r.on))].filter((i) => rows[i]!.input && !waiting.has(i) && typeof rows[i]!.input![by] === 'string');
  const named: number[] = [];
  for (const index of parents) {
    const name = String(rows[index]!.input![by]);
    const records = await readWholeList<{ name: string; dissolvedOn?: string | null }>(caller, side, namesRead(column.reference!), { search: comparedName(name) }, `${header}“${name}”`);
    if (records.some((r) => !r.dissolvedOn && comparedName(r.name) === comparedName(name))) named.push(index);
  }
  if (!named.length) return [...rows];
  const out = [...rows];
  (await probe(named.map((i) => rows[i]!))).forEach((outcome, at) => {
    if (outcome.status !== '已导入') return;
    const row = rows[named[at]!]!;
    const name = String(row.input![by]);
    out[named[at]!] = {
      ...row,
      input: null,
      problems: [{ column: header, reason: `${kind.label}“${name}”已经登记，但不在本行填写的所在行政区划和上级之下；导入本行会另建一个同名的${kind.label}，本文件中以它为上级的行和以后台账中的“${name}”都将无法确定是哪一个，所以本行未导入。如是同一组织，请按已登记的填写所在行政区划和${column.header}；如确是另一组织，请填写能与之区分的全称` }],
    };
  });
  return out;
}

/** How the store says a row's namesake is an earlier row of the same call (it knows no line of the file). */
const EARLIER_ROW = '已由本次导入的前面一行登记';

/**
 * The line of the earlier row a row refused as its namesake names (已由本次导入的前面一行（第 2 行）登记): the
 * first row before it, among the rows sent together, of the same name compared as namesakes are, in
 * the same place (the same parent, or without one the same region).
 */
export function namingEarlierLines<R extends ParsedRow & { problems: readonly { column: string | null; reason: string }[] }>(kind: LedgerKind, rows: readonly R[]): R[] {
  const column = kind.columns.find((c) => c.reference?.sameFile);
  if (!column) return [...rows];
  const by = column.reference!.sameFile!;
  const placeOf = (input: Record<string, unknown>) => `${comparedName(String(input[by] ?? ''))}\u0000${String(input[column.field] ?? '') || `top:${String(input[kind.regionField] ?? '')}`}`;
  return rows.map((row, index) => {
    const problem = row.problems.find((p) => p.reason.includes(EARLIER_ROW));
    if (!problem || !row.input) return row;
    const earlier = rows.slice(0, index).find((r) => r.input && placeOf(r.input) === placeOf(row.input!));
    if (!earlier) return row;
    const reason = problem.reason.replace(EARLIER_ROW, `已由本次导入的前面一行（第 ${earlier.line} 行）登记`);
    return { ...row, problems: row.problems.map((p) => (p === problem ? { ...p, reason } : p)) };
  });
}

/**
 * All-or-nothing writes the whole file in one call, where no row can name a row not yet written: a
 * file with such rows is refused up front, saying how to import it, rather than refused row by row
 * (every branch 找不到 its committee) or half-checked.
 */
export function refuseWavesAllOrNothing(kind: LedgerKind, rows: readonly ParsedRow[], waiting: ReadonlyMap<number, SameFileReference>, mode: ImportMode, reader: Reader): void {
  if (mode !== 'all-or-nothing' || !waiting.size) return;
  const [index, first] = [...waiting][0]!;
  const row = rows[index]!;
  const own = kind.columns.find((c) => c.reference?.sameFile === undefined && c.field === first.column.reference!.sameFile);
  throw new LedgerError(
    `本文件中有 ${waiting.size} 行的${first.column.header}是本文件中的另一行（如第 ${row.line} 行${own ? `“${String(row.cells[own.header] ?? '').trim()}”` : ''}的${first.column.header}“${first.name}”在第 ${rows[first.on]!.line} 行）。` +
      `“全部或不导入”在一个事务中写入全部行，无法先写入上级、再写入其下级，因此不按此方式导入这个文件。请改用${optionFor(reader, ROW_BY_ROW)}，它先导入上级，再导入其下级；或先导入上级${kind.label}，再导入其下级。未导入任何内容。`,
  );
}

/** Why a preview leaves a row below a row of the file unchecked (its reason, and how {@link uncheckedSentence} finds it). */
const UNCHECKED = '预检不写入，无法由系统检查本行';

/**
 * A preview's rows left unchecked below rows of the file, said once ('' when none): a new tree of
 * hundreds of branches is hundreds of 未导入 rows, each with its own reason, and the counts alone read
 * as hundreds of rows not to be imported. 第3–500行（共 498 行）的上级在本文件中，预检不写入，无法由系统检查；导入时先写入其上级，再写入并检查这些行.
 */
export function uncheckedSentence(outcomes: readonly { line: number; status: string; problems: readonly { reason: string }[] }[]): string {
  const lines = outcomes.filter((o) => o.status === '未导入' && o.problems.some((p) => p.reason.includes(UNCHECKED))).map((o) => o.line);
  return lines.length ? `第${linesText(lines)}行（共 ${lines.length} 行）的上级在本文件中，预检不写入，无法由系统检查；导入时先写入其上级，再写入并检查这些行` : '';
}

/**
 * Sends the rows in waves (`send` writes one wave, or checks it in a dry run) and answers every row's
 * outcome in the file's order. A wave is every row not yet sent whose row named in the file has its
 * record (已导入 or 已存在: its ID is put in the row's input). A row whose row named in the file was
 * refused (or not written) is refused saying so, and so, in turn, are the rows below it. In a dry run
 * nothing is written, so a row whose parent would be written first is not checked by the store: it is
 * 未导入, saying why and that the import checks it once its parent is written.
 */
export async function sendInWaves(
  rows: readonly ParsedRow[],
  waiting: ReadonlyMap<number, SameFileReference>,
  dryRun: boolean,
  send: (rows: readonly ParsedRow[]) => Promise<RowOutcome[]>,
): Promise<RowOutcome[]> {
  const outcomes: (RowOutcome | undefined)[] = new Array(rows.length);
  /** Rows a dry run could not check: their parent (or its parent …) would be written first. */
  const unchecked = new Set<number>();
  let pending = rows.map((_, i) => i);
  while (pending.length) {
    const ready: number[] = [];
    const later: number[] = [];
    for (const index of pending) {
      const reference = waiting.get(index);
      const parent = reference && outcomes[reference.on];
      // A row refused already (a reference the store has not, a date that does not read) is reported as it is.
      if (!reference || !rows[index]!.input) ready.push(index);
      else if (!parent) later.push(index);
      else if (parent.recordId) ready.push(index);
      else {
        const { column, name } = reference;
        const on = rows[reference.on]!.line;
        const problem = (reason: string) => [{ column: column.header, reason }];
        if (dryRun && (parent.status === '已导入' || unchecked.has(reference.on))) {
          unchecked.add(index);
          outcomes[index] = { ...rows[index]!, input: null, status: '未导入', recordId: null, problems: problem(`${column.header}“${name}”在本文件中（第 ${on} 行），${UNCHECKED}；导入时先写入第 ${on} 行，再写入并检查本行`) };
        } else if (!dryRun && parent.status === '未导入') {
          // Its parent not written because a store went down (the import stopped): not sent either, for the same reason.
          outcomes[index] = { ...rows[index]!, input: null, status: '未导入', recordId: null, problems: problem(`${column.header}“${name}”（第 ${on} 行）因服务中断未导入，本行未发送、未写入；请稍后重新导入同一文件`) };
        } else {
          outcomes[index] = { ...rows[index]!, input: null, status: '错误', recordId: null, problems: problem(`${column.header}“${name}”在本文件中未能导入（见第 ${on} 行），本行未导入`) };
        }
      }
    }
    if (!ready.length) {
      // Refused or left unchecked in this pass, their rows below are answered in the next; none at all would be a cycle sameFileReferences missed.
      if (later.length === pending.length) throw new Error('rows wait for each other: a cycle left in the file');
      pending = later;
      continue;
    }
    const sent = ready.map((index) => {
      const reference = waiting.get(index);
      const row = rows[index]!;
      return reference && row.input ? { ...row, input: { ...row.input, [reference.column.field]: outcomes[reference.on]!.recordId! } } : row;
    });
    (await send(sent)).forEach((outcome, i) => (outcomes[ready[i]!] = outcome));
    pending = later;
  }
  return outcomes as RowOutcome[];
}
