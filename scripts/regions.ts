// `npm run regions -- load <jurisdiction> <file.csv>`: loads a jurisdiction's region tree (行政区划) into its
// store as the store's owner, from a CSV in the shape the regions export writes (`loadRegions` in
// subgraph-runtime/src/database/loadRegions.ts; docs/operations.md, "The region tree"). A production
// store is migrated without the demonstration seed, and `region` is reference data no write of the API
// changes: until this runs, every organization and record is refused for want of its region.
// Stores: as `withStore` opens them (scripts/openStore.ts): `<KEY>_MIGRATION_DATABASE_URL`, the owner's.
// Exits 0 when the file is loaded (or was already), 1 when it is refused (nothing written), 2 when the store
// could not be read or written or an argument is wrong.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { JURISDICTIONS } from '@linju/contract';
import { loadRegions, type RegionLoad } from '@linju/subgraph-runtime';
import { argumentsOrRefusal, asksForHelp, commandUsage } from './commandLine.ts';
import { withStore } from './openStore.ts';

export const USAGE = commandUsage('regions', 'regions', 'load <jurisdiction> <file.csv>');

/** `load <jurisdiction> <file>`, or a throw saying what is wrong with the command line. */
function readArguments(argv: readonly string[]): { jurisdiction: string; file: string } {
  const [verb, jurisdiction, file, ...rest] = argv;
  const keys = JURISDICTIONS.map((side) => side.key);
  if (verb !== 'load') throw new Error(verb === undefined ? 'say what to do: load' : `unknown command ${verb} (load)`);
  if (jurisdiction === undefined || !keys.includes(jurisdiction)) throw new Error(`${jurisdiction === undefined ? 'name the jurisdiction' : `${jurisdiction} is not a jurisdiction`} (jurisdictions: ${keys.join(', ')})`);
  if (file === undefined) throw new Error('name the file to load (a CSV, as npm run export -- --list regions --side <jurisdiction> --format csv writes)');
  if (rest.length) throw new Error(`one file at a time: ${rest.join(' ')}`);
  return { jurisdiction, file };
}

/** Why a store refused the load, in the operator's terms: the runtime role's URL, or a store not migrated. */
function storeRefusal(error: unknown, jurisdiction: string): string {
  const { code, message } = error as { code?: string; message?: string };
  const prefix = jurisdiction.toUpperCase();
  if (code === '42501') {
    return `the role connected may only read region (the runtime's rights): the region tree is the store owner's to load; set ${prefix}_MIGRATION_DATABASE_URL (the owner's URL, as for npm run migrate) (${message})`;
  }
  if (code === '42P01') return `the store has no region table: migrate it first (npm run migrate -- ${jurisdiction}) (${message})`;
  return message ?? String(error);
}

export async function runRegions(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = argumentsOrRefusal('regions', USAGE, () => readArguments(argv));
  if (!command) return 2;
  const { jurisdiction, file } = command;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    console.error(`${jurisdiction}: cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  let load: RegionLoad;
  try {
    load = await withStore(jurisdiction, env, (pool) => loadRegions(pool, jurisdiction, bytes));
  } catch (error) {
    console.error(`${jurisdiction}: cannot load the regions: ${storeRefusal(error, jurisdiction)}`);
    return 2;
  }
  if (load.outcome === 'refused') {
    console.error(`${jurisdiction}: ${file} refused, no region loaded:`);
    for (const problem of load.problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log(`${jurisdiction}: ${load.loaded} region(s) loaded, ${load.unchanged} already there as the file says; the store holds ${load.total}`);
  return 0;
}

/** The command: `npm run regions -- …`, or `node dist/tools/regions.mjs …` from the production build. */
export async function main(argv: string[]): Promise<number> {
  if (!asksForHelp(argv)) return runRegions(argv);
  console.log(USAGE);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
