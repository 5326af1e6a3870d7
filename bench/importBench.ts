/**
 * `npm run bench:import -- [--rows 10000] [--baseline 1000] [--base-port 4600] [--log-level warn]`
 *
 * A district's year of activities imported as its clerk would (issue 14): the whole federation as
 * `npm start` runs it (each member's process with its embedded PostgreSQL, seeded, on the bench's
 * own ports and a fresh temporary data folder), a 安居区 (510904) operator's token minted with the
 * gateway's development key, a ledger of `--rows` activities written with the template, then
 * imported end to end (read, parse, names resolved, written through the gateway by the bulk
 * write, row by row). The baseline in the same run: `--baseline` other rows imported by the
 * single-record path (one mutation per row), extrapolated to `--rows`. Prints wall time, rows/s
 * and the ratio; the goal is ≤ 60 s for 10 000 rows. Checks the list grew by exactly the rows sent,
 * and that a second import of the file writes nothing. Writes `bench/results/import-<stamp>.json`.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOrCreateDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { installOwnPackage } from '../scripts/installOwnPackage.ts';
import { parseFlags, usageError } from './parseFlags.ts';
import { SoakFederation } from './soak/SoakFederation.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'npm run bench:import -- [--rows 10000] [--baseline 1000] [--base-port 4600] [--log-level warn]';
const flags = parseFlags(process.argv.slice(2), { rows: '10000', baseline: '1000', 'base-port': '4600', 'log-level': 'warn' }, USAGE);
const rows = Number(flags.rows);
const baselineRows = Number(flags.baseline);
if (!(rows >= 1 && baselineRows >= 1 && Number(flags['base-port']) >= 1024)) usageError('Bad options.', USAGE);

/**
 * What the bench uses of `@linju/ledger`. The ledger is imported by a path known at run time, so
 * the root's typecheck (`npm test`, before the ledger's own packages are installed) does not
 * follow it into exceljs; `cd ledger && npx tsc` checks the ledger itself.
 */
interface Ledger {
  ledgerKind(kind: string): { sheet: string; columns: readonly { vocabulary?: readonly string[] }[] };
  ledgerTemplate(kind: unknown): { getWorksheet(name: string): { addRow(row: unknown[]): unknown } | undefined; xlsx: { writeFile(path: string): Promise<void> } };
  importLedger(options: Record<string, unknown>): Promise<{ status: string; line: number; problems: unknown[] }[]>;
}

// The ledger's own packages (exceljs), as `npm run import` installs them.
installOwnPackage(join(root, 'ledger'), 'exceljs');
const ledgerEntry = join(root, 'ledger', 'src', 'index.ts');
const { importLedger, ledgerKind, ledgerTemplate } = (await import(ledgerEntry)) as Ledger;
const ACTIVITIES = ledgerKind('activities');

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const log = createWriteStream(join(resultsDir, `import-${stamp}.log`), { mode: 0o600 });
const federation = await SoakFederation.open({ root, basePort: Number(flags['base-port']), dataDir: undefined, logLevel: flags['log-level'], log });

/** One operation through the gateway. */
async function query<T>(token: string, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: document, variables }) });
  const answer = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!answer.data) throw new Error(`The gateway refused ${document.slice(0, 60)}: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

const activityCount = async (token: string) =>
  (await query<{ jurisdictions: { activities: { totalCount: number } }[] }>(token, '{ jurisdictions(keys: ["sichuan"]) { activities { totalCount } } }')).jurisdictions[0]!.activities.totalCount;

/** A ledger of `count` activities of 安居区's organizations (by ID, every tenth by name), titles tagged so the runs' rows differ. */
async function ledger(name: string, count: number, tag: string, orgs: readonly { id: string; name: string }[], dir: string): Promise<string> {
  const workbook = ledgerTemplate(ACTIVITIES);
  const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
  const kinds = ACTIVITIES.columns[0]!.vocabulary!;
  for (let i = 0; i < count; i++) {
    const org = orgs[i % orgs.length]!;
    const kind = kinds[i % kinds.length]!;
    // 引进人才 counts on a 引才活动 only (the store refuses it on any other kind).
    const talents = kind === '引才活动' ? 1 + (i % 3) : 0;
    sheet.addRow([kind, `${tag}-${i}`, new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000), i % 10 ? org.id : org.name, 1 + (i % 3), 10 + (i % 90), talents, null]);
  }
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;
try {
  const started = Date.now();
  await federation.start();
  await federation.ready();
  console.log(`federation up in ${seconds(Date.now() - started)} s (${federation.gatewayUrl})`);
  const keys = await loadOrCreateDevKeys(join(federation.dataDir, 'gateway', 'dev-keys.json'));
  const token = await mintDevToken(keys, 'sichuan-operator', 'bench-anju-clerk', '2h', { name: '导入基准', region: '510904' });

  const anju = (
    await query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(token, '{ jurisdictions(keys: ["sichuan"]) { regions(filter: { search: "安居区" }) { edges { node { id name } } } } }')
  ).jurisdictions[0]!.regions.edges.find((e) => e.node.name === '安居区')!.node;
  const orgs = (
    await query<{ jurisdictions: { organizations: { edges: { node: { id: string; name: string; foundedOn: string; dissolvedOn: string | null } }[] } }[] }>(
      token, 'query ($r: ID) { jurisdictions(keys: ["sichuan"]) { organizations(filter: { regionId: $r }, first: 100) { edges { node { id name foundedOn dissolvedOn } } } } }', { r: anju.id },
    )
  ).jurisdictions[0]!.organizations.edges.map((e) => e.node).filter((o) => !o.dissolvedOn && o.foundedOn < '2024-01-01');
  // Names two organizations share would be refused (an ID is asked for): the bench's rows name unique ones.
  const unique = orgs.filter((o) => orgs.filter((p) => p.name === o.name).length === 1);

  const options = (file: string) => ({ file, kind: ACTIVITIES, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
  const timed = async (file: string, via: 'bulk' | 'single', expected: number) => {
    const before = await activityCount(token);
    const t0 = Date.now();
    const outcomes = await importLedger({ ...options(file), via });
    const ms = Date.now() - t0;
    const refused = outcomes.filter((o) => o.status !== '已导入');
    if (refused.length) throw new Error(`${refused.length} rows not imported, e.g. line ${refused[0]!.line}: ${JSON.stringify(refused[0]!.problems)}`);
    const added = (await activityCount(token)) - before;
    if (added !== expected) throw new Error(`The list grew by ${added}, not ${expected}`);
    return ms;
  };

  const dir = federation.dataDir;
  const bulkFile = await ledger('bulk.xlsx', rows, 'bulk', unique, dir);
  const singleFile = await ledger('single.xlsx', baselineRows, 'single', unique, dir);
  const bulkMs = await timed(bulkFile, 'bulk', rows);
  console.log(`bulk:   ${rows} rows in ${seconds(bulkMs)} s, ${Math.round(rows / (bulkMs / 1000))} rows/s`);
  const singleMs = await timed(singleFile, 'single', baselineRows);
  const singlePerRow = singleMs / baselineRows;
  console.log(`single: ${baselineRows} rows in ${seconds(singleMs)} s, ${Math.round(baselineRows / (singleMs / 1000))} rows/s (${rows} rows ≈ ${seconds(singlePerRow * rows)} s)`);
  const againStart = Date.now();
  const again = await importLedger(options(bulkFile));
  const againMs = Date.now() - againStart;
  if (again.some((o) => o.status !== '已存在')) throw new Error('A second import of the same file was not all 已存在');
  console.log(`again:  ${rows} rows, all 已存在, in ${seconds(againMs)} s`);
  const ratio = Math.round(((singlePerRow * rows) / bulkMs) * 10) / 10;
  console.log(`bulk is ${ratio}× the single-mutation path; goal ≤ 60 s for 10 000 rows: ${bulkMs / 1000 <= (60 * rows) / 10_000 ? 'met' : 'NOT met'}`);
  const report = {
    stamp, rows, baselineRows, bulkMs, singleMs, singleExtrapolatedMs: Math.round(singlePerRow * rows), ratio, againMs,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
  };
  writeFileSync(join(resultsDir, `import-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await federation.stop();
  await federation.dispose();
}
