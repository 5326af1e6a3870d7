import { runMutation } from '@linju/subgraph-runtime';
import type { Tx } from './allianceRules.ts';
import type { JointContext } from './JointContext.ts';

/** The idempotency key every joint mutation accepts. */
export type Key = { idempotencyKey?: string | null };

/**
 * Runs one write of the joint office as one transaction (claiming the idempotency key in it, so a
 * retry returns the first answer), then lets the request's loaders read what it wrote. `target` is
 * the record it changes (its checked ID), when it changes one: named in the entry even if refused.
 */
export async function write<T>(
  ctx: JointContext,
  operation: string,
  idempotencyKey: string | null | undefined,
  input: unknown,
  work: (tx: Tx) => Promise<T>,
  target?: string,
): Promise<T> {
  const result = await runMutation<T, Tx>(ctx.prisma, { operation, idempotencyKey, input, audit: ctx.audit, ...(target && { target }) }, work);
  ctx.loaders.forgetRecords();
  return result;
}
