import { GraphQLError } from 'graphql';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { asRowRefusal } from '@linju/access';
import { ALREADY_RECORDED, type ImportMode, type ImportResult, type ImportRowResult } from '@linju/contract';
import type { RequestAudit } from '../audit/RequestAudit.ts';
import type { Db } from '../database/Db.ts';
import type { Row } from '../database/rows.ts';
import { keyReusedError, requestHashOf, runWriteTransaction, sameRequest, storedResponse, type TransactionalClient } from './runMutation.ts';
import { idempotencyKey, idempotencyKeyRequired } from './validate.ts';

/** A row after the single write's checks without the store: its clean input and its key, or why it was refused. */
export type CleanRow<Input> = { input: Input; key: unknown } | { refusal: GraphQLError };

export interface ImportRequest {
  /**
   * The single write's operation (`sichuanRecordActivity`): each row's key is claimed under it with
   * the hash the single write would keep, so a key is one key whichever way its record was sent.
   */
  operation: string;
  /** Who sends it, as the single write names its sender. */
  sender: string;
  mode: ImportMode;
  dryRun: boolean;
  audit?: RequestAudit;
}

/** What an import does with the store: the kind's checks and its insert, each one or a few statements for all rows. */
export interface ImportSteps<Input> {
  /** Checks rows against the store as the single write would, all at once: each refused row's error, by position in `rows`. */
  check(tx: Db, rows: readonly Input[]): Promise<ReadonlyMap<number, GraphQLError>>;
  /** Writes the rows with one statement; answers the written records in the order of `rows`. */
  insert(tx: Db, rows: readonly Input[]): Promise<Row[]>;
  /**
   * Of the records earlier answers name, those that no longer stand (withdrawn as registered in
   * error): their keys are free again, and their rows written anew. One statement, only when a key was used before.
   */
  released?(tx: Db, ids: readonly string[]): Promise<ReadonlySet<string>>;
  /**
   * The refusal of a caller who may write nothing here whatever the row, or none: asked only when a
   * key was used before, before what it was used for is read (runMutation's `refuseCaller`); the rows
   * under such keys are refused with it, the others by `check` as ever.
   */
  refuseCaller?(tx: Db): Promise<GraphQLError | undefined>;
}

/** A row with a usable key, and the hash of what it asks. */
interface Keyed<Input> {
  index: number;
  key: string;
  hash: string;
  input: Input;
}

const refusedRow = (index: number, error: GraphQLError): ImportRowResult => ({
  index,
  status: 'REFUSED',
  // The record a refusal names, when it names one (an organization's live namesake, `duplicate`).
  id: typeof error.extensions.id === 'string' ? error.extensions.id : null,
  code: typeof error.extensions.code === 'string' ? error.extensions.code : 'BAD_USER_INPUT',
  field: typeof error.extensions.field === 'string' ? error.extensions.field : null,
  rule: typeof error.extensions.rule === 'string' ? error.extensions.rule : null,
  // Other rows of the call may have been written: the row's refusal says that this row was not.
  message: asRowRefusal(error.message),
});

/**
 * A row the single write would refuse as a live record's, with that record's values (ALREADY_RECORDED,
 * `same-record`: the dashboard's 登记 of the same activity, another import's row under another key):
 * the row is that record, EXISTING with its ID, its rule and the store's words said beside it; its key
 * is freed as a refused row's (it wrote nothing, and the record withdrawn, the row is written anew).
 */
const sameRecordOf = (index: number, error: GraphQLError): ImportRowResult | undefined =>
  error.extensions.code === ALREADY_RECORDED && error.extensions.rule === 'same-record' && typeof error.extensions.id === 'string'
    ? { index, status: 'EXISTING', id: error.extensions.id, code: null, field: null, rule: 'same-record', message: error.message }
    : undefined;

const row = (index: number, status: 'CREATED' | 'EXISTING' | 'NOT_WRITTEN', id: string | null = null): ImportRowResult => ({
  index,
  status,
  id,
  code: null,
  field: null,
  rule: null,
  message: null,
});

/**
 * Writes a batch of records of one kind in one transaction, with a fixed number of statements
 * whatever the number of rows: the keys are claimed together, the rows checked together
 * (`steps.check`), the valid ones inserted together and their answers kept together.
 *
 * Each row is its own write as far as its key goes: a key used before with the same request is
 * EXISTING (the first record), with another REFUSED (IDEMPOTENCY_KEY_REUSED); a key given twice in
 * one batch is one write (the later row answers as the first, EXISTING once the first is written).
 * Under ROW_BY_ROW the valid rows are written and the refused rows' keys stay free; under
 * ALL_OR_NOTHING one refused row rolls everything back. A dry run does everything and rolls back.
 * The audit entry, appended in the transaction, names every record written (and every existing one).
 */
export async function runImport<Input>(
  prisma: TransactionalClient,
  request: ImportRequest,
  rows: readonly CleanRow<Input>[],
  steps: ImportSteps<Input>,
): Promise<ImportResult> {
  const results: (ImportRowResult | undefined)[] = new Array(rows.length);
  const firsts: Keyed<Input>[] = [];
  /** Later rows with the key of an earlier one and the same request: they answer as that row. */
  const twins = new Map<number, number>();
  const byKey = new Map<string, Keyed<Input>>();
  rows.forEach((clean, index) => {
    if ('refusal' in clean) return void (results[index] = refusedRow(index, clean.refusal));
    let key: string | null;
    try {
      key = idempotencyKey(clean.key);
    } catch (error) {
      if (error instanceof GraphQLError) return void (results[index] = refusedRow(index, error));
      throw error;
    }
    if (!key) return void (results[index] = refusedRow(index, idempotencyKeyRequired()));
    const keyed = { index, key, hash: requestHashOf(request.operation, clean.input, request.sender), input: clean.input };
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, keyed);
      firsts.push(keyed);
    } else if (first.hash === keyed.hash) {
      twins.set(index, first.index);
    } else {
      results[index] = refusedRow(index, keyReusedError(key, { operation: request.operation, request_hash: first.hash }, { operation: request.operation, hash: keyed.hash }));
    }
  });

  return runWriteTransaction(prisma, request.audit, async (tx) => {
    const claimed = new Set(
      (
        await tx.$queryRaw<{ key: string }[]>(sql`
          INSERT INTO idempotency_record (key, operation, request_hash)
          SELECT k.key, ${request.operation}, k.request_hash FROM unnest(${firsts.map((r) => r.key)}::text[], ${firsts.map((r) => r.hash)}::text[]) AS k (key, request_hash)
          -- In key order, so two batches claiming overlapping keys wait for each other instead of deadlocking.
          ORDER BY k.key
          ON CONFLICT (key) DO NOTHING RETURNING key`)
      ).map((r) => r.key),
    );
    const unclaimed = firsts.filter((r) => !claimed.has(r.key));
    // A caller who may write nothing is refused under a key used before, before what it was used for is read.
    const callerRefusal = unclaimed.length ? await steps.refuseCaller?.(tx) : undefined;
    if (callerRefusal) for (const keyed of unclaimed) results[keyed.index] = refusedRow(keyed.index, callerRefusal);
    // Keys taken before: a statement of its own, so it sees what a concurrent claimant committed while the claim waited.
    const taken = new Map(
      callerRefusal
        ? []
        : (
            await tx.$queryRaw<{ key: string; operation: string; request_hash: string; response: { id?: unknown } | null }[]>(
              sql`SELECT key, operation, request_hash, response FROM idempotency_record WHERE key = ANY(${unclaimed.map((r) => r.key)}::text[])`,
            )
          ).map((r) => [r.key, r]),
    );
    const answeredIds = [...taken.values()].flatMap((first) => (typeof first.response?.id === 'string' ? [first.response.id] : []));
    const released = steps.released && answeredIds.length ? await steps.released(tx, answeredIds) : new Set<string>();
    // A key whose record was withdrawn is free again for this operation, whoever sends it and with whatever input.
    const candidates = [...taken.values()].filter((first) => typeof first.response?.id === 'string' && released.has(first.response.id) && first.operation === request.operation);
    // Held, then read again: a concurrent import may have written the row anew meanwhile, and its answer stands.
    const held = candidates.length
      ? await tx.$queryRaw<{ key: string; operation: string; request_hash: string; response: { id?: unknown } | null }[]>(
          sql`SELECT key, operation, request_hash, response FROM idempotency_record WHERE key = ANY(${candidates.map((c) => c.key)}::text[]) ORDER BY key FOR UPDATE`,
        )
      : [];
    const reclaimed = new Set<string>();
    for (const claim of held) {
      if (claim.response?.id === taken.get(claim.key)!.response?.id) reclaimed.add(claim.key);
      else taken.set(claim.key, claim);
    }
    // The rows that take a key: their hash is kept with it (their answer below), as a first write's; refused, the key is freed like any refused row's.
    const takers = firsts.filter((keyed) => reclaimed.has(keyed.key) && taken.get(keyed.key)!.request_hash !== keyed.hash);
    if (takers.length) {
      await tx.$queryRaw(sql`
        UPDATE idempotency_record r SET request_hash = k.request_hash
        FROM unnest(${takers.map((r) => r.key)}::text[], ${takers.map((r) => r.hash)}::text[]) AS k (key, request_hash)
        WHERE r.key = k.key RETURNING r.key`);
    }
    const fresh: Keyed<Input>[] = [];
    for (const keyed of firsts) {
      if (results[keyed.index]) continue;
      const first = taken.get(keyed.key);
      if (!first || reclaimed.has(keyed.key)) fresh.push(keyed);
      else if (first.operation !== request.operation || !sameRequest(first.request_hash, keyed.hash)) results[keyed.index] = refusedRow(keyed.index, keyReusedError(keyed.key, first, { operation: request.operation, hash: keyed.hash }));
      else results[keyed.index] = row(keyed.index, 'EXISTING', typeof first.response?.id === 'string' ? first.response.id : null);
    }

    const refusals = await steps.check(tx, fresh.map((r) => r.input));
    const valid = fresh.filter((_, i) => !refusals.has(i));
    fresh.forEach((keyed, i) => {
      const refusal = refusals.get(i);
      if (refusal) results[keyed.index] = sameRecordOf(keyed.index, refusal) ?? refusedRow(keyed.index, refusal);
    });
    const anyRefused = results.some((r) => r?.status === 'REFUSED');
    const write = !(request.mode === 'ALL_OR_NOTHING' && anyRefused);
    const written = new Map<number, Row>();
    if (write) {
      // Refused rows leave their keys free for the corrected row.
      await tx.$queryRaw(sql`DELETE FROM idempotency_record WHERE key = ANY(${fresh.filter((_, i) => refusals.has(i)).map((r) => r.key)}::text[]) RETURNING key`);
      const records = await steps.insert(tx, valid.map((r) => r.input));
      valid.forEach((keyed, i) => written.set(keyed.index, records[i]!));
      await tx.$queryRaw(sql`
        UPDATE idempotency_record r SET response = k.response::jsonb
        FROM unnest(${valid.map((r) => r.key)}::text[], ${records.map(storedResponse)}::text[]) AS k (key, response)
        WHERE r.key = k.key RETURNING r.key`);
    }
    const committed = write && !request.dryRun;
    for (const keyed of valid) {
      const record = written.get(keyed.index);
      results[keyed.index] = committed && record ? row(keyed.index, 'CREATED', record.id) : row(keyed.index, 'NOT_WRITTEN');
    }
    for (const [index, of] of twins) {
      const first = results[of]!;
      results[index] = first.status === 'REFUSED' || first.rule === 'same-record' ? { ...first, index } : row(index, first.status === 'NOT_WRITTEN' ? 'NOT_WRITTEN' : 'EXISTING', first.id);
    }
    const answered = results as ImportRowResult[];
    // Appended with the write (or, for a dry run or a rolled-back import, when the answer leaves).
    request.audit?.refused(answered.flatMap((r) => (r.status === 'REFUSED' && r.code ? [r.code] : [])));
    const count = (status: ImportRowResult['status']) => answered.filter((r) => r.status === status).length;
    const value: ImportResult = { committed, created: count('CREATED'), existing: count('EXISTING'), refused: count('REFUSED'), rows: answered };
    return {
      value,
      written: answered.filter((r) => r.id && (r.status === 'CREATED' || r.status === 'EXISTING')).map((r) => r.id!),
      commit: committed,
      // Its entry's outcome is 'error' (the refused rows), which the store-version trigger passes over (contract migration 0015).
      storeChanged: committed && value.created > 0 && value.refused > 0,
    };
  });
}
