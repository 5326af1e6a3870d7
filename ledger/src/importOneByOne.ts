import { post, readWholeList, sideName } from './gatewayClient.ts';
import { problemOf, refusalOf } from './importProblem.ts';
import { bulkWriteOf, type ImportTarget, type RowWrite, type WriteResult } from './importBatches.ts';
import type { LedgerKind } from './kinds/index.ts';
import { idsRead } from './listReads.ts';
import { operationName } from './operationName.ts';

/**
 * The IDs of the side's records of this kind dated within the rows' dates: a replayed key answers
 * the record its first write made, so a row whose answer is among them was written before (the
 * single write's answer does not say whether it was a replay).
 */
async function existingIds(target: ImportTarget, writes: readonly RowWrite[]): Promise<Set<string>> {
  const { kind, side } = target;
  const what = `${sideName(side)}现有的${kind.label}记录`;
  const read = idsRead(kind.list);
  if (!writes.length) return new Set();
  if (!kind.dateField) return new Set((await readWholeList<{ id: string }>(target, side, read, {}, what)).map((r) => r.id));
  const dates = writes.map((w) => String(w.input[kind.dateField!])).sort();
  const records = await readWholeList<{ id: string }>(target, side, read, { period: { from: dates[0], to: dates[dates.length - 1] } }, what)
    // A period the list refuses (a row dated in the year 1000, say; its write will be refused): read them all.
    .catch(() => readWholeList<{ id: string }>(target, side, read, {}, what));
  return new Set(records.map((r) => r.id));
}

/** The single write of a kind on a side, `<side><write>` (e.g. `sichuanRecordActivity`), as registered: `LedgerSichuanRecordActivity`. */
export function singleWriteDocument(kind: LedgerKind, side: string): string {
  const write = `${side}${kind.write}`;
  return `mutation ${operationName(write)}($input: ${bulkWriteOf(kind).inputType}!, $key: String) { ${write}(input: $input, idempotencyKey: $key) { id } }`;
}

/**
 * The single-record path: one `<side><write>` per row, each its own transaction on the owner's
 * side, with the row's idempotency key. Kept as the bulk path's baseline (`npm run bench:import`).
 */
export async function writeOneByOne(target: ImportTarget, writes: readonly RowWrite[]): Promise<WriteResult[]> {
  const { kind, side } = target;
  const before = await existingIds(target, writes);
  const mutation = singleWriteDocument(kind, side);
  const results: WriteResult[] = [];
  for (const write of writes) {
    const answer = await post(target, mutation, { input: write.input, key: write.key });
    const id = (answer.data?.[`${side}${kind.write}`] as { id?: string } | null | undefined)?.id;
    if (id) results.push({ status: before.has(id) ? '已存在' : '已导入', recordId: id, problems: [] });
    else results.push({ status: '错误', recordId: null, problems: [problemOf(refusalOf(answer.errors?.[0] ?? { message: '网关没有返回结果' }), kind, write.input)] });
  }
  return results;
}
