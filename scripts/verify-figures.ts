// `npm run figures:verify -- [jurisdiction …]`: for each jurisdiction's store, recomputes every figure of the catalogue
// per day (per month, and per alliance) from the records and compares it with the rollups the writes keep
// (migration 0008_figure_rollups), listing every day that differs. Sides: every jurisdiction, or those
// named (a host that holds one side's URL names that side).
// Stores: as `withStore` opens them (scripts/openStore.ts).
// Exits 0 when every rollup equals its recomputation, 1 when some differ, 2 when a store could not be read or an argument is wrong.
import { pathToFileURL } from 'node:url';
import { JURISDICTIONS } from '@linju/contract';
import { figureRollupDifferences, formatRollupDifference, type RollupDifference } from '@linju/jurisdiction-service';
import { argumentsOrRefusal, asksForHelp, commandUsage, memberArguments } from './commandLine.ts';
import { withStore } from './openStore.ts';

/** Differences shown per store; the count says how many there are in all. */
const SHOWN = 50;

/** Verifies the rollups of the jurisdictions named in `argv` (all when none is). */
export async function verifyFigures(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const sides = argumentsOrRefusal('figures:verify', USAGE, () => memberArguments(argv, JURISDICTIONS.map((side) => side.key)).members);
  if (!sides) return 2;
  let status = 0;
  for (const side of JURISDICTIONS.filter((jurisdiction) => sides.includes(jurisdiction.key))) {
    let differences: RollupDifference[];
    try {
      differences = await withStore(side.key, env, (pool) => figureRollupDifferences(pool, side));
    } catch (error) {
      console.error(`${side.key}: cannot verify: ${(error as Error).message}`);
      status = 2;
      continue;
    }
    if (differences.length === 0) {
      console.log(`${side.key}: every figure's rollup equals its recomputation from the records`);
      continue;
    }
    status = Math.max(status, 1);
    console.log(`${side.key}: ${differences.length} day(s) differ (records vs rollup):`);
    for (const difference of differences.slice(0, SHOWN)) console.log(`  ${formatRollupDifference(difference)}`);
    if (differences.length > SHOWN) console.log(`  … and ${differences.length - SHOWN} more`);
  }
  return status;
}

export const USAGE = commandUsage('figures:verify', 'figures-verify', '[jurisdiction …]');

/** The command: `npm run figures:verify -- …`, or `node dist/tools/figures-verify.mjs …` from the production build. */
export async function main(argv: string[]): Promise<number> {
  if (asksForHelp(argv)) {
    console.log(USAGE);
    return 0;
  }
  return verifyFigures(argv);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
