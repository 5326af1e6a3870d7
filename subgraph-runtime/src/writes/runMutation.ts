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
}

/** The ID of the record a write answers with (the record it created or changed), if it has one. */
function recordIdOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Runs one write as one database transaction: everything it changes commits together or not at
 * all. With an idempotency key, the key is claimed in the same transaction, so a concurrent retry
 * waits for the first attempt and then returns its answer (stored as JSON), and a failed attempt
 * leaves the key free for the retry.
 *
 * With an audit, the write's audit entry is appended in the same transaction, last: a write never
 * commits without its entry (if the entry cannot be appended, the write is rolled back), and a
 * write that fails leaves no entry of its own here; the audit plugin records its failure instead.
 */
export async function runMutation<T, Tx extends Db = Db>(
  prisma: TransactionalClient,
  request: MutationRequest,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const key = idempotencyKey(request.idempotencyKey);
  const requestHash = createHash('sha256').update(canonicalJson([request.operation, request.input, ...(request.sender === undefined ? [] : [request.sender])])).digest('hex');

  /** The key's first answer if this is a retry, else the write's own (claiming the key for it). */
  const claimAndWrite = async (tx: Tx): Promise<{ replayed: boolean; value: T }> => {
    if (key) {
      const claimed = await tx.$queryRaw<unknown[]>(
        sql`INSERT INTO idempotency_record (key, operation, request_hash) VALUES (${key}, ${request.operation}, ${requestHash}) ON CONFLICT (key) DO NOTHING RETURNING key`,
      );
      if (claimed.length === 0) {
        const [first] = await tx.$queryRaw<{ operation: string; request_hash: string; response: unknown }[]>(
          sql`SELECT operation, request_hash, response FROM idempotency_record WHERE key = ${key}`,
        );
        if (first!.operation !== request.operation || first!.request_hash !== requestHash) {
          throw new GraphQLError(`idempotencyKey ${key} was already used for a different request (${first!.operation})`, {
            extensions: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' },
          });
        }
        return { replayed: true, value: first!.response as T };
      }
    }
    const value = await work(tx);
    if (key) await tx.$queryRaw(sql`UPDATE idempotency_record SET response = ${canonicalJson(withoutPersonalData(value))}::jsonb WHERE key = ${key} RETURNING key`);
    return { replayed: false, value };
  };

  const audit = request.audit;
  audit?.beginWrite();
  let result: { replayed: boolean; value: T };
  try {
    result = (await prisma.$transaction(
      async (tx: Tx) => {
        if (audit) auditWritesOf(tx, audit);
        const answer = await claimAndWrite(tx);
        // The record the write answers with is the one it wrote (a replay: the one the first attempt wrote).
        const written = recordIdOf(answer.value);
        if (written) noteWritten(tx, [written]);
        await audit?.appendWrite(tx);
        return answer;
      },
      { timeout: 30_000, maxWait: 10_000 },
    )) as { replayed: boolean; value: T };
  } catch (error) {
    audit?.abortWrite();
    throw error;
  } finally {
    // Whatever happened: a failed commit may have landed even so (a connection lost after COMMIT),
    // and the retry with the same key is then a replay. Forgetting the aggregates costs next to nothing.
    aggregateCacheOf(prisma).invalidate();
  }
  audit?.commitWrite();
  return result.value;
}
