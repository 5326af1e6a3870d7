import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, expect, test } from 'vitest';
import { categoryOf, GC, IDLE, OTHER } from '../profile/profileCategories.ts';
import { formatScenarioProfiles, pidOfProfile, readScenarioProfiles, WINDOWS_FILE } from '../profile/profileReport.ts';
import { cpuByCategory, type CpuProfile } from '../profile/profileWindows.ts';

const frame = (url: string, functionName = 'f') => ({ url, functionName });
const ROOT = 'file:///repo';

test('a sample is charged to what its stack is for before how it does it', () => {
  const pg = frame(`${ROOT}/node_modules/pg/lib/client.js`, 'query');
  const execution = frame(`${ROOT}/node_modules/graphql/execution/execute.js`, 'executeField');
  // The audit's INSERT goes through pg: it is the audit's.
  expect(categoryOf([pg, frame(`${ROOT}/subgraph-runtime/src/audit/AuditAppender.ts`, 'flush')])).toBe('audit append');
  // A resolver's statement through pg is SQL through pg, not the resolver's.
  expect(categoryOf([pg, frame(`${ROOT}/jurisdiction-service/src/records/listRecords.ts`), execution])).toBe('SQL through pg');
  expect(categoryOf([frame(`${ROOT}/node_modules/@apollo/server/dist/esm/runHttpQuery.js`, 'prettyJSONStringify')])).toBe('JSON');
  expect(categoryOf([frame(`${ROOT}/node_modules/@apollo/query-planner/dist/buildPlan.js`), frame(`${ROOT}/node_modules/graphql/language/visitor.js`)])).toBe('query planning');
  expect(categoryOf([frame(`${ROOT}/node_modules/pino/lib/proto.js`), frame('node:_http_server')])).toBe('logging');
  // A tracing context around the rest of the request is charged only for its own frames.
  const tracing = frame(`${ROOT}/node_modules/@opentelemetry/context-async-hooks/build/src/AsyncLocalStorageContextManager.js`, 'with');
  expect(categoryOf([frame(`${ROOT}/node_modules/raw-body/index.js`), frame(`${ROOT}/node_modules/body-parser/lib/read.js`), tracing])).toBe('HTTP server (node:http, Express)');
  expect(categoryOf([frame('node:async_hooks', 'run'), tracing])).toBe('tracing hooks');
  // A middleware that owns its work (the registered operations) does not own the middlewares it calls on.
  const registered = frame(`${ROOT}/gateway/src/operations/registeredOperations.ts`);
  expect(categoryOf([frame(`${ROOT}/node_modules/graphql/language/parser.js`), registered])).toBe('registered operations');
  expect(categoryOf([frame(`${ROOT}/node_modules/graphql/language/parser.js`), frame(`${ROOT}/node_modules/router/index.js`, 'next'), registered])).toBe('GraphQL parsing');
  expect(categoryOf([frame('', '(garbage collector)')])).toBe(GC);
  expect(categoryOf([frame('', '(idle)')])).toBe(IDLE);
  expect(categoryOf([frame(`${ROOT}/somewhere/else.js`)])).toBe(OTHER);
});

test('samples are charged to the window they fall in, for the time until the next sample', () => {
  // root → a (JSON.parse) and root → b (garbage collection); samples at 1000, 1010, 1030, 1060, 1100 µs.
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 3] },
      { id: 2, callFrame: { functionName: 'parse', url: '' } },
      { id: 3, callFrame: { functionName: '(garbage collector)', url: '' } },
    ],
    startTime: 990,
    endTime: 1100,
    samples: [2, 2, 3, 2, 3],
    timeDeltas: [10, 10, 20, 30, 40],
  };
  const [first, second] = cpuByCategory(profile, [
    { fromUs: 1000, toUs: 1030 },
    { fromUs: 1030, toUs: 2000 },
  ]);
  expect(Object.fromEntries(first!)).toEqual({ JSON: 30 });
  expect(Object.fromEntries(second!)).toEqual({ [GC]: 30, JSON: 40 });
});

test('a real profile of a process: the work inside the window the clock marked is counted, the rest is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linju-profile-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  // The child reads the monotonic clock (as the bench does) around a stretch of JSON work, after an idle pause.
  const script = `
    const now = () => Number(process.hrtime.bigint() / 1000n);
    let outside = 0; const wait = Date.now() + 300; while (Date.now() < wait) outside++;
    const fromUs = now();
    const data = Array.from({ length: 2000 }, (_, i) => ({ i, name: '示例' + i, list: [i, i + 1] }));
    let n = 0; const end = Date.now() + 400;
    while (Date.now() < end) n += JSON.parse(JSON.stringify(data)).length;
    console.log(JSON.stringify({ fromUs, toUs: now() }));`;
  const child = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '-e', script], { encoding: 'utf8' });
  expect(child.status).toBe(0);
  const window = JSON.parse(child.stdout.trim()) as { fromUs: number; toUs: number };
  const file = readdirSync(dir).find((name) => pidOfProfile(name) !== undefined)!;
  const pid = pidOfProfile(file)!;
  writeFileSync(join(dir, WINDOWS_FILE), JSON.stringify({ windows: [{ scenario: 'json', system: 'node', round: 0, ...window, requests: 4, processes: { child: pid } }] }));
  const [run] = readScenarioProfiles(dir);
  const perRequest = run!.perRequestMs.child!;
  const total = Object.values(perRequest).reduce((a, b) => a + b, 0);
  // 400 ms of work over 4 "requests": about 100 ms each (the 300 ms before the window is not counted).
  expect(total).toBeGreaterThan(60);
  expect(total).toBeLessThan(140);
  expect(perRequest[OTHER]! + (perRequest[GC] ?? 0)).toBeGreaterThan(total * 0.8);
  expect(formatScenarioProfiles([run!])).toMatch(/\| \*\*total\*\* \| \*\*\d+\.\d\d\*\* \| \*\*\d+\.\d\d\*\* \|/);
  // With the CPU /proc measured in the window, the samples give the shares and /proc the amount:
  // here half the busy time (as when the process waited for a core half the time), and its cluster's.
  writeFileSync(join(dir, WINDOWS_FILE), JSON.stringify({ windows: [{ scenario: 'json', system: 'node', round: 0, ...window, requests: 4, processes: { child: pid }, cpuMs: { child: Math.round((total * 4) / 2), 'store:postgres': 40 } }] }));
  const [scaled] = readScenarioProfiles(dir);
  const scaledTotal = Object.values(scaled!.perRequestMs.child!).reduce((a, b) => a + b, 0);
  expect(scaledTotal).toBeCloseTo(total / 2, 0);
  expect(scaled!.busyOverCpu.child).toBeCloseTo(2, 1);
  expect(scaled!.postgresMs).toEqual({ store: 10 });
  expect(formatScenarioProfiles([scaled!])).toMatch(/PostgreSQL, CPU ms per request: store 10\.00; with the processes above, \d+\.\d\d ms/);
  // The profile covers the whole process: its start-up is outside the window and not counted.
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  expect(profile.startTime).toBeLessThan(window.fromUs);
});
