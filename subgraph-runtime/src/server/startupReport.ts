import type pg from 'pg';
import { ConfigError, StartRefusal, type Logger } from '@linju/observability';
import { isDatabaseUnavailable } from '../database/databaseUnavailable.ts';
import { errorChain } from '../database/errorChain.ts';
import { applySeedOnce, seedsLoaded, type SeedableClient } from '../database/applySeedOnce.ts';

/** One line at every start saying which migrations it applied, or that none was pending. */
export function logMigrations(logger: Logger, migrations: { applied: string[]; before: number }): void {
  const { applied, before } = migrations;
  if (applied.length > 0) logger.info({ migrationsApplied: applied }, `migrations applied: ${applied.join(', ')} (${before} applied before)`);
  else logger.info({ migrationsApplied: [] }, `migrations: none pending (${before} applied before)`);
}

/** A subgraph's demonstration seed, as its definition names it. */
interface Seed {
  name: string;
  load(tx: never): Promise<void>;
}

/**
 * Loads the demonstration seed if `wanted` (once per store) and says so; otherwise says that none
 * was loaded, and warns if the store holds one from an earlier start: its records are illustrative,
 * and a figure computed over them is not a real one.
 */
export async function seedOrSay(
  prisma: SeedableClient,
  pool: Pick<pg.Pool, 'query'>,
  seed: Seed,
  options: { wanted: boolean; production: boolean; logger: Logger },
): Promise<void> {
  const { logger } = options;
  if (options.wanted) {
    if (options.production) logger.warn({ seed: seed.name }, `production with LINJU_SEED=demo: the demonstration seed ${seed.name} is illustrative data, not real figures`);
    const loaded = await applySeedOnce(prisma, seed.name, seed.load).catch((error: unknown) => {
      // A runtime role reads `_linju_seeds` only (see grantRuntime): the seed is the owner's to load.
      if (permissionDenied(error)) {
        throw new ConfigError('LINJU_SEED', `LINJU_SEED=demo: the role this subgraph runs as may not load the demonstration seed ${seed.name} (its rights are the runtime's): load it once with the subgraph running as the store's owner, or unset LINJU_SEED`);
      }
      // The stack stays for whoever debugs a seed; the start ends with one line.
      logger.debug({ err: error }, `the demonstration seed ${seed.name} failed`);
      throw seedRefusal(seed.name, error);
    });
    if (loaded) logger.info({ seedsApplied: [seed.name] }, `seed applied: ${seed.name} (demonstration data)`);
    else logger.info({ seedsApplied: [] }, `seeds: none pending (${seed.name} applied before)`);
    return;
  }
  const earlier = await seedsLoaded(pool);
  if (earlier.length > 0) {
    logger.warn({ seedsApplied: [], seedsBefore: earlier }, `seeds: none applied, but this store holds the demonstration seed ${earlier.join(', ')} from an earlier start: illustrative records, not real figures`);
  } else {
    logger.info({ seedsApplied: [] }, `seeds: none (the demonstration seed ${seed.name} loads in development, or with LINJU_SEED=demo)`);
  }
}

/**
 * Warns at every start of a jurisdiction's store that holds no region (migrated, not seeded, as
 * production leaves one): every write that names a region is refused NOT_FOUND until the store's
 * owner loads the region tree, which the runtime role may not (docs/operations.md, "The region
 * tree"). The joint office's store has no region table and is not warned about.
 */
export async function sayEmptyRegionTree(pool: Pick<pg.Pool, 'query'>, member: string, logger: Logger): Promise<void> {
  const [table] = (await pool.query<{ present: boolean }>("SELECT to_regclass('region') IS NOT NULL AS present")).rows;
  if (!table?.present) return;
  const [held] = (await pool.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM region) AS any')).rows;
  if (held?.any) return;
  logger.warn(
    { regions: 0 },
    `the store holds no region: nothing that names one (an organization, a service case, a facility …) can be recorded until the store's owner loads the region tree: npm run regions -- load ${member} <file.csv> (docs/operations.md, "The region tree")`,
  );
}

/**
 * A seed that could not be loaded, as the one line a start ends with (no driver's stack): the seed
 * loads in one transaction, so nothing of it was kept. A store that stopped answering (its
 * PostgreSQL stopped or taken away meanwhile) is named as such; anything else by the last line of
 * the innermost error's message (Prisma's first lines say only which call failed).
 */
export function seedRefusal(seed: string, error: unknown): StartRefusal {
  const head = `The demonstration seed ${seed} could not be loaded, and nothing of it was kept`;
  if (isDatabaseUnavailable(error)) return new StartRefusal(`${head}: the store stopped answering (its PostgreSQL stopped, or another command took it); start again once it answers`);
  const layers = errorChain(error);
  const text = String((layers.at(-1) as { message?: unknown } | undefined)?.message ?? error);
  const last = text.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? 'unknown error';
  return new StartRefusal(`${head}: ${last}`);
}

/** PostgreSQL's "insufficient privilege" (42501), in whichever layer of the error says it. */
function permissionDenied(error: unknown): boolean {
  return errorChain(error).some((layer) => {
    const { code, message, meta } = layer as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown } } } };
    return code === '42501' || meta?.driverAdapterError?.cause?.code === '42501' || (typeof message === 'string' && /\b42501\b|permission denied/.test(message));
  });
}
