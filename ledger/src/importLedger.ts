import type { Rule } from '@linju/contract';
import { post, readWholeList, type GatewayCaller } from './gatewayClient.ts';
import { RULE_REASONS } from './ruleReasons.ts';
import { parseLedgerRows, rowKey, type ParsedRow, type RowProblem } from './parseLedgerRows.ts';
import { resolveReferences } from './resolveReferences.ts';
import { readLedgerFile } from './readLedgerFile.ts';
import type { LedgerKind } from './kinds/index.ts';

/** What became of a row: written now, written before (a replay of its key), or refused. */
export type RowStatus = '已导入' | '已存在' | '错误';

export interface RowOutcome extends ParsedRow {
  status: RowStatus;
  /** The record written (or written before), when there is one. */
  recordId: string | null;
}

export interface ImportOptions extends GatewayCaller {
  file: string;
  kind: LedgerKind;
  /** The side whose store owns the records (`sichuan`, `chongqing`). */
  side: string;
}

const CJK = /[\u4e00-\u9fff]/;
const BY_CODE: Readonly<Record<string, string>> = {
  BAD_USER_INPUT: '取值不符合登记规则',
  NOT_FOUND: '引用的记录不存在',
  FORBIDDEN: '无权写入该记录',
  CONFLICT: '与现有记录冲突',
};

/** The store's refusal as the clerk reads it: the column of the field it names, and the Chinese part of its message. */
export function problemOf(error: { message: string; extensions?: Record<string, unknown> }, kind: LedgerKind): RowProblem {
  const ext = error.extensions ?? {};
  // An outside-region refusal names no field: the record that places the row is the kind's region field.
  const field = ext.rule === 'outside-region' ? kind.regionField : typeof ext.field === 'string' ? ext.field.split('.').pop() : undefined;
  const column = kind.columns.find((c) => c.field === field)?.header ?? null;
  const chinese = error.message.split(' / ')[0]!;
  if (ext.code === 'IDEMPOTENCY_KEY_REUSED') return { column: null, reason: '该行已由另一位操作员导入（或以不同内容导入过），未重复写入' };
  if (CJK.test(chinese)) return { column, reason: chinese };
  const reason = RULE_REASONS[ext.rule as Rule] ?? BY_CODE[String(ext.code)] ?? '写入失败';
  return { column, reason: `${reason}（${error.message}）` };
}

/**
 * The IDs of the side's records of this kind dated within the rows' dates: a replayed key answers
 * the record its first write made, so a row whose answer is among them was written before.
 * (The write's answer does not say whether it was a replay; this read does, without a change to the API.)
 */
async function existingIds(options: ImportOptions, rows: readonly ParsedRow[]): Promise<Set<string>> {
  const { kind, side } = options;
  const dates = rows.flatMap((r) => (r.input ? [String(r.input[kind.dateField])] : [])).sort();
  if (!dates.length) return new Set();
  const what = `${side}现有的${kind.label}记录`;
  const records = await readWholeList<{ id: string }>(options, side, kind.list, { period: { from: dates[0], to: dates[dates.length - 1] } }, 'id', what)
    // A period the list refuses (a row dated in the year 1000, say; its write will be refused): read them all.
    .catch(() => readWholeList<{ id: string }>(options, side, kind.list, {}, 'id', what));
  return new Set(records.map((r) => r.id));
}

/**
 * Imports a filled ledger row by row: each valid row is one write through the gateway, under the
 * caller's token, with its row's idempotency key; a refused row does not stop the others. A file
 * that is not a ledger of the kind is refused as a whole before anything is sent.
 */
export async function importLedger(options: ImportOptions): Promise<RowOutcome[]> {
  const { kind, side } = options;
  const rows = await resolveReferences(options, kind, side, parseLedgerRows((await readLedgerFile(options.file, kind)).rows, kind));
  const before = await existingIds(options, rows);
  const mutation = `mutation LedgerImport($input: ${kind.inputType}!, $key: String) { ${side}${kind.write}(input: $input, idempotencyKey: $key) { id } }`;
  const seen = new Set<string>();
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    if (!row.input) {
      outcomes.push({ ...row, status: '错误', recordId: null });
      continue;
    }
    const answer = await post(options, mutation, { input: row.input, key: rowKey(kind, side, row.input) });
    const id = (answer.data?.[`${side}${kind.write}`] as { id?: string } | null | undefined)?.id;
    if (!id) {
      outcomes.push({ ...row, status: '错误', recordId: null, problems: [problemOf(answer.errors?.[0] ?? { message: '网关没有返回结果' }, kind)] });
      continue;
    }
    // A row repeated within the file is the same write: the second is answered with the first's record.
    outcomes.push({ ...row, status: before.has(id) || seen.has(id) ? '已存在' : '已导入', recordId: id });
    seen.add(id);
  }
  return outcomes;
}
