import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { auditWritesOf, noteWritten } from '../audit/auditWrites.ts';
import { aggregateCacheOf } from '../cache/AggregateCache.ts';
import type { RequestAudit } from '../audit/RequestAudit.ts';
import type { Db } from '../database/Db.ts';
import { PERSONAL_FIELDS } from '@linju/access';
import { canonicalJson } from '@linju/contract';
import { idempotencyKey } from './validate.ts';

const PERSONAL = new Set(Object.values(PERSONAL_FIELDS).flat());

/**
 * The first answer as kept for retries, without personal data: the idempotency table has no
 * field guard and no erasure, so a phone or ID-card number must not be copied there. A replay
 * answers those fields as null; the record itself still holds them.
 */
function withoutPersonalData<T>(value: T): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([field]) => !PERSONAL.has(field))) as T;
}

/** A client whose interactive transactions shared write code can run in. */
export interface TransactionalClient {
  // Each generated client has its own transaction-client type; shared code sees it as a Db.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  $transaction(fn: (tx: any) => Promise<unknown>, options?: { timeout?: number; maxWait?: number }): Promise<unknown>;
}

export interface MutationRequest {
  /** Mutation name: the same key sent with another operation is refused. */
  operation: string;
  /** The client's key for this write; a retry with the same key returns the first answer. */
  idempotencyKey?: string | null;
  /** The validated input: a retry must send the same. */
  input: unknown;
  /**
   * Who sends it (the caller's subject and region): a key is its sender's, so another caller
   * replaying it (with a narrower region, say) is refused instead of being answered the first write.
   */
  sender?: string;
  /** The request's audit: the write's entry is appended inside its transaction, as its last statement. */
  audit?: RequestAudit;
  /**
   * Of the records a first answer names, those that no longer stand (withdrawn as registered in
   * error): a retry whose first answer names one is written anew, its key claimed again.
   */
  released?: (tx: Db, ids: readonly string[]) => Promise<ReadonlySet<string>>;
  /**
   * The refusal of a caller who may write nothing here whatever the record (an operator whose region
   * the store does not know), or none. Asked when the key was used before, before what it was used
   * for is read: such a caller is refused as it would be with a fresh key, never told that another
   * sent this very request under it. Only then: with a fresh key the write's own checks refuse it, so
   * an ordinary write costs no statement more.
   */
  refuseCaller?: (tx: Db) => Promise<GraphQLError | undefined>;
  /**
   * The record the write changes (its checked global ID), when it changes one: in the request's
   * entry even if the write is refused (a stale version, a rule), so "who tried to change this
   * record" has an answer.
   */
  target?: string;
}

/** The ID of the record a write answers with (the record it created or changed), if it has one. */
function recordIdOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

const sha256 = (parts: unknown[]): string => createHash('sha256').update(canonicalJson(parts)).digest('hex');

/**
 * The hash a key is kept with: of the write's operation, its checked input and its sender, then
 * (after a colon) of the operation and input alone, so that a key sent again by another caller with
 * the same request is told apart from one sent with other content. A retry must match the first part.
 */
export function requestHashOf(operation: string, input: unknown, sender?: string): string {
  return `${sha256([operation, input, ...(sender === undefined ? [] : [sender])])}:${sha256([operation, input])}`;
}

/** Whether a key's stored hash is this request's (a key kept before the hash had its second part: the first alone). */
export const sameRequest = (stored: string, hash: string): boolean => stored === hash || stored === hash.split(':')[0];

/**
 * A key sent again with another request: by another caller with the same request (`another-sender`:
 * a key is its sender's), or with another operation or input (`other-request`). The Chinese half
 * says which, and names neither the key (a clerk never typed it) nor the operation.
 */
export function keyReusedError(key: string, first: { operation: string; request_hash: string }, request: { operation: string; hash: string }): GraphQLError {
  const content = (hash: string) => hash.split(':')[1];
  const anotherSender = first.operation === request.operation && content(first.request_hash) !== undefined && content(first.request_hash) === content(request.hash);
  const [zh, en] = anotherSender
    ? ['另一位操作员已用此幂等键提交过内容相同的请求，本次未写入；如确需另行登记，请换用新键', `was already used by another caller for the same request (${first.operation}); a key is its sender's`]
    : ['此幂等键已用于另一项内容不同的请求，本次未写入；新的请求请换用新键', `was already used for a different request (${first.operation})`];
  return new GraphQLError(`${zh} / idempotencyKey ${key} ${en}`, {
    extensions: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', rule: anotherSender ? 'another-sender' : 'other-request' },
  });
}

/** A write's answer as kept with its key for retries (`idempotency_record.response`). */
export const storedResponse = (value: unknown): string => canonicalJson(withoutPersonalData(value));

/** What a write transaction's work answers. */
export interface WriteOutcome<T> {
  value: T;
  /** The records the write answers with (written now, or by the first attempt of a replay), for the audit. */
  written: readonly string[];
  /** False to roll everything back and answer `value` even so (a dry run, a refused all-or-nothing import). */
  commit?: boolean;
  /**
   * The write changed the store although its audit entry's outcome is `error` (an import that wrote
   * some rows and refused others), which the store-version trigger passes over: the store's version
   * and 数据截至 are moved after the entry is appended (contract migration 0015), so the version's row
   * is locked after the audit chain, in the order every other write takes them (no deadlock).
   */
  storeChanged?: boolean;
}

/** Thrown out of a transaction to roll it back; carries the answer. */
class RolledBack<T> {
  constructor(readonly value: T) {}
}

/**
 * Runs a write's work as one database transaction: everything it changes commits together or not
 * at all. With an audit, the write's audit entry is appended in the same transaction, last: a
 * write never commits without its entry (if the entry cannot be appended, the write is rolled
 * back), and a write that fails leaves no entry of its own here; the audit plugin records its
 * failure instead. The aggregate cache is emptied whatever happens.
 */
export async function runWriteTransaction<T, Tx extends Db = Db>(
  prisma: TransactionalClient,
  audit: RequestAudit | undefined,
  work: (tx: Tx) => Promise<WriteOutcome<T>>,
): Promise<T> {
  audit?.beginWrite();
  let value: T;
  try {
    value = (await prisma.$transaction(
      async (tx: Tx) => {
        if (audit) auditWritesOf(tx, audit);
        const outcome = await work(tx);
        if (outcome.written.length) noteWritten(tx, outcome.written);
        await audit?.appendWrite(tx);
        if (outcome.commit === false) throw new RolledBack(outcome.value);
        if (outcome.storeChanged) await tx.$queryRaw(sql`SELECT linju_store_changed()`);
        return outcome.value;
      },
      { timeout: 30_000, maxWait: 10_000 },
    )) as T;
  } catch (error) {
    audit?.abortWrite();
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  } finally {
    // Whatever happened: a failed commit may have landed even so (a connection lost after COMMIT),
    // and the retry with the same key is then a replay. Forgetting the aggregates costs next to nothing.
    aggregateCacheOf(prisma).invalidate();
  }
  audit?.commitWrite();
  return value;
}

/**
 * Runs one write as one database transaction (`runWriteTransaction`). With an idempotency key,
 * the key is claimed in the same transaction, so a concurrent retry waits for the first attempt
 * and then returns its answer (stored as JSON), and a failed attempt leaves the key free for the retry.
 */
export async function runMutation<T, Tx extends Db = Db>(
  prisma: TransactionalClient,
  request: MutationRequest,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (request.target) request.audit?.readIds([request.target]);
  const key = idempotencyKey(request.idempotencyKey);
  const requestHash = requestHashOf(request.operation, request.input, request.sender);

  /** The key's first answer if this is a retry, else the write's own (claiming the key for it). */
  const claimAndWrite = async (tx: Tx): Promise<T> => {
    if (key) {
      const claimed = await tx.$queryRaw<unknown[]>(
        sql`INSERT INTO idempotency_record (key, operation, request_hash) VALUES (${key}, ${request.operation}, ${requestHash}) ON CONFLICT (key) DO NOTHING RETURNING key`,
      );
      if (claimed.length === 0) {
        const refusal = await request.refuseCaller?.(tx);
        if (refusal) throw refusal;
        type Claim = { operation: string; request_hash: string; response: unknown };
        const [first] = await tx.$queryRaw<Claim[]>(sql`SELECT operation, request_hash, response FROM idempotency_record WHERE key = ${key}`);
        /** A key whose record was withdrawn is free again, for this write whoever sent it and with whatever input. */
        const isReleased = async (claim: Claim) => {
          const answered = recordIdOf(claim.response);
          return claim.operation === request.operation && answered !== undefined && request.released !== undefined && (await request.released(tx, [answered])).has(answered);
        };
        let claim = first!;
        let free = await isReleased(claim);
        if (free) {
          // Held, and read again: of concurrent writes under the key, one writes anew and the others answer its record.
          const [held] = await tx.$queryRaw<Claim[]>(sql`SELECT operation, request_hash, response FROM idempotency_record WHERE key = ${key} FOR UPDATE`);
          claim = held!;
          free = recordIdOf(claim.response) === recordIdOf(first!.response) || (await isReleased(claim));
        }
        if (!free) {
          if (claim.operation !== request.operation || !sameRequest(claim.request_hash, requestHash)) throw keyReusedError(key, claim, { operation: request.operation, hash: requestHash });
          return claim.response as T;
        }
        // This write takes the key: its answer is kept under it below, as a first write's.
        if (claim.request_hash !== requestHash) await tx.$queryRaw(sql`UPDATE idempotency_record SET request_hash = ${requestHash} WHERE key = ${key} RETURNING key`);
      }
    }
    const value = await work(tx);
    if (key) await tx.$queryRaw(sql`UPDATE idempotency_record SET response = ${storedResponse(value)}::jsonb WHERE key = ${key} RETURNING key`);
    return value;
  };

  return runWriteTransaction<T, Tx>(prisma, request.audit, async (tx) => {
    const value = await claimAndWrite(tx);
    // The record the write answers with is the one it wrote (a replay: the one the first attempt wrote).
    const written = recordIdOf(value);
    return { value, written: written ? [written] : [] };
  });
}
