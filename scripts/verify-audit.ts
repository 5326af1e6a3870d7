// `npm run audit:verify -- [member …] [--stretch N]`: recomputes each member's audit chain in its
// store, from entry 1 to the last, a stretch at a time (each continuing from the one before, as
// `auditChain(from, count)` does through the API), with no time limit: the check a backup or a
// restore needs however long the log has grown. Prints the number of entries and the head hash
// to note (docs/deployment.md, Backup and restore). Members: every subgraph, or those named.
// Stores: as `withStore` opens them (scripts/openStore.ts); the runtime role may read the log.
// Exits 0 when every chain is intact, 1 when one is broken, 2 when a store could not be read or an argument is wrong.
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import type { Sql } from '@prisma/client/runtime/client';
import { AUDIT_CHAIN_STRETCH, auditChainStretch, queryRawOnPool, type AuditChainView } from '@linju/subgraph-runtime';
import { argumentsOrRefusal, commandUsage, memberArguments, overMembers } from './commandLine.ts';
import { withStore } from './openStore.ts';

/** The verdict on one store's whole chain. */
export interface ChainVerdict {
  entries: number;
  stretches: number;
  /** Sequence number of the first entry that does not follow; null when the chain is intact. */
  brokenAt: string | null;
  head: string | null;
}

/** Walks the chain of the store behind `pool` from entry 1, `stretch` entries at a time, stopping at the first break. */
export async function verifyChain(pool: pg.Pool, stretch: number, progress: (view: AuditChainView) => void = () => {}): Promise<ChainVerdict> {
  const db = { $queryRaw: <T>(query: Sql) => queryRawOnPool<T>(pool, query) };
  let from = 1n;
  for (let stretches = 1; ; stretches++) {
    const view = await auditChainStretch(db, from, stretch);
    progress(view);
    if (!view.verified || view.next === null) return { entries: view.entries, stretches, brokenAt: view.brokenAt, head: view.head };
    from = BigInt(view.next);
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function parseArguments(argv: string[], members: string[]): { stores: string[]; stretch: number } {
  const { members: stores, options } = memberArguments(argv, members, { stretch: 'N' });
  const given = options.stretch?.at(-1);
  if (given === undefined) return { stores, stretch: AUDIT_CHAIN_STRETCH };
  const stretch = /^\d{1,9}$/.test(given) ? Number(given) : NaN;
  if (!(stretch >= 1 && stretch <= AUDIT_CHAIN_STRETCH)) throw new Error(`--stretch must be a whole number from 1 to ${AUDIT_CHAIN_STRETCH}, got ${JSON.stringify(given)}`);
  return { stores, stretch };
}

export async function verifyAudit(argv: string[], members: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = argumentsOrRefusal('audit:verify', USAGE, () => parseArguments(argv, members));
  if (!options) return 2;
  let status = 0;
  for (const store of options.stores) {
    let verdict: ChainVerdict;
    try {
      verdict = await withStore(store, env, (pool) =>
        verifyChain(pool, options.stretch, (view) => {
          if (view.next !== null && view.verified) console.error(`${store}: entries ${view.from}–${view.through} follow; ${view.entries} in all`);
        }),
      );
    } catch (error) {
      console.error(`${store}: cannot verify: ${(error as Error).message}`);
      status = 2;
      continue;
    }
    if (verdict.brokenAt === null) {
      console.log(verdict.head === null ? `${store}: the audit log is empty` : `${store}: the chain of ${count(verdict.entries, 'entry', 'entries')} is intact (${count(verdict.stretches, 'stretch', 'stretches')}); head ${verdict.head}`);
    } else {
      status = Math.max(status, 1);
      console.log(`${store}: the chain is broken at entry ${verdict.brokenAt} (edited, inserted or following a removed entry); ${verdict.entries} entries; head ${verdict.head}`);
    }
  }
  return status;
}

export const USAGE = commandUsage('audit:verify', 'audit-verify', '[member …] [--stretch N]');

/** The command: `npm run audit:verify -- …`, or `node dist/tools/audit-verify.mjs …` from the production build. */
export function main(argv: string[]): Promise<number> {
  return overMembers(argv, USAGE, (args, members) => verifyAudit(args, members));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
