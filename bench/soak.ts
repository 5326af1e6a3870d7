/**
 * Soak: `npm run soak -- --seconds 60 --rate 50 --kill sichuan`
 *
 * Runs the whole federation as `npm start` does (every member `federation.json` lists, then the
 * gateway: the same entry points, each its own process, embedded PostgreSQL), but on its own ports
 * (the gateway on 4400, the subgraphs on the next ones, by default) and its own data folder (a
 * fresh temporary one by default), so it never disturbs a federation you are running and can kill
 * one of its subgraphs: `npm start` stops everything when one of its processes dies. Then, for the
 * time asked, it sends a mixed load at a fixed rate, open loop (requests are sent on schedule
 * whether or not earlier ones have answered): 90 % reads (the joint overview, alliances with their
 * members from every side, each side's lists), 10 % writes (`sichuanRecordActivity`,
 * `chongqingRecordActivity` …, each with its own idempotency key). Midway it kills one subgraph with
 * SIGKILL and starts it again on the same port and data folder.
 *
 * It reports errors by kind (code and subgraph), latency percentiles per operation, the memory (RSS)
 * of every process over time, and finally checks that every write the gateway acknowledged is in
 * its store, once; then it sends again, with the same keys, the writes that were not acknowledged,
 * and checks that each record now exists exactly once. It stops every process it started and checks
 * that none is left. The report goes to stdout and to `bench/results/soak-<timestamp>.json`; the
 * processes' own log lines to `bench/results/soak-<timestamp>.log`.
 *
 * Exit 0: no acknowledged write lost, no duplicate, no unexplained error, a clean stop. Exit 1
 * otherwise. An error is explained when it names the killed subgraph (`extensions.subgraph`) and
 * its request overlapped the outage: from the kill until the subgraph is ready again, plus a grace
 * period (`--grace-seconds`).
 *
 * Options (all optional):
 *   --seconds N         how long the load runs (default 60)
 *   --rate N            requests per second (default 50)
 *   --kill NAME|none    the subgraph to kill midway: a member of federation.json (sichuan, chongqing …),
 *                       joint, or none (default the first jurisdiction)
 *   --kill-at N         seconds into the load when it is killed (default 40 % of --seconds)
 *   --down-seconds N    how long it stays down before it is started again (default 3)
 *   --grace-seconds N   how long after its restart its errors are still explained (default 5)
 *   --write-share F     the share of writes, 0–1 (default 0.1)
 *   --max-in-flight N   requests waiting for an answer at most; one due beyond that is not sent but
 *                       counted as shed (default 64), so an overloaded machine shows as a lower
 *                       achieved rate, not as requests queued until they time out
 *   --base-port N       the gateway's port; the subgraphs take the next ones (default 4400)
 *   --data-dir PATH     keep the clusters there (reused by the next run) instead of a temporary folder
 *   --sample-seconds N  how often memory is sampled (default 5)
 *   --log-level LEVEL   the processes' LOG_LEVEL, written to the .log file (default warn)
 *   --bundles yes       run the production bundles under node with the production flags (built first), as production runs them; default: the sources through tsx
 * Tokens are minted with the development key the soak's own gateway generates in its data folder;
 * LINJU_TOKEN_VIEWER and LINJU_TOKEN_<KEY>_OPERATOR (e.g. LINJU_TOKEN_SICHUAN_OPERATOR) override them.
 *
 * The parts, in bench/soak/: the flags (soakOptions.ts), the processes (SoakFederation.ts), the
 * requests (soakOperations.ts, postGraphQL.ts, soakTokens.ts), the load (runOpenLoop.ts), the kill
 * and restart (killAndRestart.ts), the writes and their checks (WriteLedger.ts), the verdict
 * (soakReport.ts) and the printed summary (formatSoakSummary.ts).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSoakSummary } from './soak/formatSoakSummary.ts';
import { killAndRestart, type Outage } from './soak/killAndRestart.ts';
import { postGraphQL } from './soak/postGraphQL.ts';
import { runOpenLoop } from './soak/runOpenLoop.ts';
import { SoakFederation } from './soak/SoakFederation.ts';
import { serverEntries } from './process/serverEntries.ts';
import { readQuery } from './soak/soakOperations.ts';
import { parseSoakOptions } from './soak/soakOptions.ts';
import { soakReport, type MemorySample, type SoakReport } from './soak/soakReport.ts';
import { soakTokens } from './soak/soakTokens.ts';
import { WriteLedger } from './soak/WriteLedger.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<number> {
  const options = parseSoakOptions(process.argv.slice(2));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const resultFile = join(resultsDir, `soak-${stamp}.json`);
  const logFile = join(resultsDir, `soak-${stamp}.log`);
  const log = createWriteStream(logFile, { mode: 0o600 });

  let federation: SoakFederation;
  try {
    federation = await SoakFederation.open({ root, basePort: options.basePort, dataDir: options.dataDir, logLevel: options.logLevel, log, servers: await serverEntries(options.bundles) });
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    console.error('Interrupted: stopping the soak federation');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopped = () => interrupted;

  const phases: SoakReport['phasesMs'] = {};
  let since = Date.now();
  try {
    const { ports } = federation;
    console.log(`Soak: ${options.seconds} s at ${options.rate} req/s, ${Math.round(options.writeShare * 100)} % writes, kill ${options.kill ?? 'nothing'}${options.kill ? ` at ${options.killAt} s for ${options.downSeconds} s` : ''}`);
    console.log(`Federation on 127.0.0.1:${Math.min(...Object.values(ports))}–${Math.max(...Object.values(ports))}, data in ${federation.dataDir}${federation.temporary ? ' (temporary)' : ''}; process logs in ${logFile}`);
    await federation.start();
    phases.startMs = Date.now() - since;
    console.log(`Up in ${(phases.startMs / 1000).toFixed(1)} s`);
    if (interrupted) throw new Error('interrupted');

    const tokens = await soakTokens(federation.dataDir);
    const ledger = await WriteLedger.open(federation.gatewayUrl, tokens, `soak-${stamp.slice(0, 19)}-${randomUUID().slice(0, 6)}`);

    // --- Load, with the outage midway and memory sampled throughout -----------------------------
    console.log(`Load: tag ${ledger.tag}`);
    const loadStart = Date.now();
    since = loadStart;
    const memory: MemorySample[] = [];
    const sampleMemory = () => memory.push({ t: Math.round((Date.now() - loadStart) / 100) / 10, rssMb: federation.memory() });
    sampleMemory();
    const sampler = setInterval(sampleMemory, options.sampleSeconds * 1000);
    const killing: Promise<Outage | undefined> = options.kill
      ? killAndRestart(federation.services[options.kill]!, federation.dataDir, { loadStart, killAt: options.killAt, downSeconds: options.downSeconds }, stopped)
      : Promise.resolve(undefined);
    const { outcomes, shed } = await runOpenLoop({
      ...options,
      startAt: loadStart,
      stopped,
      send: (kind) => (kind.startsWith('write:') ? ledger.write(kind.slice('write:'.length)) : postGraphQL(federation.gatewayUrl, tokens.viewer, readQuery(kind))),
    });
    const outage = await killing;
    clearInterval(sampler);
    sampleMemory();
    phases.loadMs = Date.now() - loadStart;
    if (interrupted) throw new Error('interrupted');

    // --- Checks, once every subgraph is back ----------------------------------------------------
    since = Date.now();
    await federation.ready();
    const writes = await ledger.check();
    phases.checkMs = Date.now() - since;

    since = Date.now();
    const stop = await federation.stop();
    phases.stopMs = Date.now() - since;

    const report = soakReport({ options, tag: ledger.tag, dataDir: federation.dataDir, phasesMs: phases, loadStart, outcomes, shed, outage, writes, memory, stopped: stop, interrupted });
    writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatSoakSummary(report, resultFile));
    return report.passed ? 0 : 1;
  } catch (error) {
    console.error(`Soak failed: ${(error as Error).message}`);
    await federation.stop();
    return 2;
  } finally {
    await new Promise((done) => log.end(done));
    await federation.dispose();
  }
}

process.exitCode = await main();
