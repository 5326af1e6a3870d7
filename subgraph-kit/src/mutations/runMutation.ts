import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Db } from '../database/Db.ts';
import { canonicalJson } from '../canonicalJson.ts';
import { userInputError } from '../errors.ts';

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
}

/**
 * Runs one write as one database transaction: everything it changes commits together or not at
 * all. With an idempotency key, the key is claimed in the same transaction, so a concurrent retry
 * waits for the first attempt and then returns its answer (stored as JSON), and a failed attempt
 * leaves the key free for the retry.
 */
export async function runMutation<T, Tx extends Db = Db>(
  prisma: TransactionalClient,
  request: MutationRequest,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const key = request.idempotencyKey?.trim() || null;
  if (key && key.length > 200) throw userInputError('idempotencyKey is longer than 200 characters', 'idempotencyKey', 'too-long');
  const requestHash = createHash('sha256').update(canonicalJson([request.operation, request.input])).digest('hex');
  const result = await prisma.$transaction(
    async (tx: Tx) => {
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
      if (key) await tx.$queryRaw(sql`UPDATE idempotency_record SET response = ${canonicalJson(value)}::jsonb WHERE key = ${key} RETURNING key`);
      return { replayed: false, value };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  return (result as { value: T }).value;
}
