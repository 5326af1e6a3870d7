import { describe, expect, test } from 'vitest';
import { createLogger, StartRefusal } from '@linju/observability';
import { seedOrSay } from '../src/server/startupReport.ts';

/**
 * A demonstration seed that cannot be loaded ends the start with one line, as every refusal of a
 * start does (docs/operations.md), never Prisma's message and stack: its store stopped answering
 * (its PostgreSQL stopped, or another command took it), or anything else by its last line.
 */

/** Prisma's error for a store it cannot reach, as `applySeedOnce`'s first read meets it. */
function unreachable(): Error {
  return Object.assign(new Error("\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nCan't reach database server at `127.0.0.1:41721`\n\nPlease make sure your database server is running at `127.0.0.1:41721`."), { name: 'PrismaClientKnownRequestError', code: 'P1001' });
}

const failing = (error: Error) => ({
  $queryRawUnsafe: () => Promise.reject(error),
  $executeRawUnsafe: () => Promise.reject(error),
  $transaction: () => Promise.reject(error),
});
const seed = { name: 'sichuan-demo', load: async () => {} };
const logger = createLogger('sichuan', { level: 'fatal' });
const pool = { query: () => Promise.reject(new Error('not asked')) };

async function refusal(error: Error): Promise<unknown> {
  return seedOrSay(failing(error), pool as never, seed, { wanted: true, production: false, logger }).then(() => undefined, (thrown: unknown) => thrown);
}

describe('a seed that cannot be loaded', () => {
  test('a store that stopped answering: one line saying so, no driver text', async () => {
    const thrown = await refusal(unreachable());
    expect(thrown).toBeInstanceOf(StartRefusal);
    expect((thrown as Error).message).toBe('The demonstration seed sichuan-demo could not be loaded, and nothing of it was kept: the store stopped answering (its PostgreSQL stopped, or another command took it); start again once it answers');
  });

  test('anything else: one line, the last of the innermost message', async () => {
    const cause = new Error('duplicate key value violates unique constraint "organization_pkey"');
    const thrown = await refusal(new Error('\nInvalid `prisma.$executeRawUnsafe()` invocation:\n\n\nRaw query failed.', { cause }));
    expect(thrown).toBeInstanceOf(StartRefusal);
    expect((thrown as Error).message).toBe('The demonstration seed sichuan-demo could not be loaded, and nothing of it was kept: duplicate key value violates unique constraint "organization_pkey"');
    expect((thrown as Error).message).not.toContain('\n');
  });
});
