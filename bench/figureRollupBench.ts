/**
 * `npm run bench:figures -- [--scale 1] [--runs 200] [--seed 1]`
 *
 * What the figures' rollups (contract migration 0008_figure_rollups) cost and save, one side's store
 * alone: Sichuan's store in a throwaway embedded PostgreSQL, migrated as the subgraph migrates it and
 * loaded with the bench's data at `--scale` (the same generator as `npm run bench:data`), then, one
 * statement at a time, `--runs` times each:
 *
 * - the side's figures of a year (2024) as an uncached overview asks them (`loadFigures` without
 *   alliances: the whole side's rollup), with one alliance's (the drill-down's), and with every
 *   alliance's;
 * - a write: one activity recorded (INSERT, commit), which now also moves its day's rollup rows.
 *
 * Prints p50 / p95 / max in ms, and the rollups' rows. The store is deleted at the end. Nothing
 * else runs: the figures here are the statements' own, without the gateway, the audit or the
 * network (see docs/benchmarks.md, "Figures from rollups").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURE_ALLIANCE_DAY_TABLE, FIGURE_DAY_TABLE, FIGURE_MONTH_TABLE } from '@linju/contract';
import { loadFigures } from '@linju/jurisdiction-service';
import { openDatabase } from '@linju/subgraph-runtime';
import { datasetSize, jurisdictionLoads, STORE_TABLES } from './data/benchDataset.ts';
import { DEFINITIONS } from './data/benchStores.ts';
import { loadStore } from './data/loadStore.ts';
import { latencySummary } from './measure/latencySummary.ts';
import { poolDb } from './monolith/monolithResolvers.ts';
import { parseFlags } from './parseFlags.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.CHECKPOINT_DISABLE = '1';

const flags = parseFlags(process.argv.slice(2), { scale: '1', runs: '200', seed: '1' }, 'npm run bench:figures -- [--scale 1] [--runs 200] [--seed 1]');
const scale = Number(flags.scale);
const runs = Number(flags.runs);
if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be a number above 0 and at most 10, got ${flags.scale}`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number above 0, got ${flags.runs}`);

const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const dataDir = mkdtempSync(join(tmpdir(), 'linju-figures-bench-'));
const store = await openDatabase({ dataDir, durable: false, migrations: DEFINITIONS.sichuan.migrations });
try {
  const size = datasetSize(scale);
  console.log(`Scale ${scale}: ${size.activities} activities, ${size.serviceCases} service cases, ${size.posts} posts, ${size.alliances} alliances; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  const loaded = await loadStore(store.pool, jurisdictionLoads('sichuan', size, Number(flags.seed)), STORE_TABLES.jurisdiction);
  await store.pool.query(`VACUUM (ANALYZE) ${FIGURE_DAY_TABLE}, ${FIGURE_MONTH_TABLE}, ${FIGURE_ALLIANCE_DAY_TABLE}`);
  const counts = (
    await store.pool.query<{ side: string; months: string; alliance: string }>(
      `SELECT (SELECT count(*) FROM ${FIGURE_DAY_TABLE}) AS side, (SELECT count(*) FROM ${FIGURE_MONTH_TABLE}) AS months, (SELECT count(*) FROM ${FIGURE_ALLIANCE_DAY_TABLE}) AS alliance`,
    )
  ).rows[0]!;
  console.log(`Loaded in ${(loaded.totalMs / 1000).toFixed(1)} s (triggers included); rollups: ${counts.side} side rows by day, ${counts.months} by month, ${counts.alliance} alliance rows`);

  const db = poolDb(store.pool);
  const time = async (what: string, work: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < Math.min(10, runs); i++) await work(-1 - i);
    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await work(i);
      latencies.push(performance.now() - started);
    }
    const { p50, p95, max } = latencySummary(latencies.sort((a, b) => a - b));
    console.log(`  ${what.padEnd(44)} p50 ${p50} ms  p95 ${p95} ms  max ${max} ms`);
  };
  await time('year 2024, whole side (uncached overview)', () => loadFigures(db, YEAR, { alliances: [] }));
  await time('year 2024, one alliance (its drill-down)', () => loadFigures(db, YEAR, { alliances: ['joint:Alliance:b1'] }));
  await time('year 2024, every alliance', () => loadFigures(db, YEAR));
  const organizer = (await store.pool.query<{ id: string }>('SELECT id FROM organization LIMIT 1')).rows[0]!.id;
  await time('record one activity (INSERT + commit)', (i) =>
    store.pool.query(
      `INSERT INTO activity (id, kind, title, held_on, organizer_id, sessions, person_times, talents_recruited, alliance_id) VALUES ($1, '引才活动', '示例', '2024-06-01', $2, 1, 20, 2, 'joint:Alliance:b1')`,
      [`sichuan:Activity:figures-bench-${i}`, organizer],
    ));
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
