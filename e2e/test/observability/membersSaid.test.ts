import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MEMBER_RECOVERY_QUIET_MS } from '@linju/gateway';
import { startFederation, type Federation } from '@linju/testing';

/**
 * What the gateway says of its members as an operator reads it (docs/operations.md#health): one
 * warning when a subgraph becomes unavailable, with the reason, however many requests meet it, and
 * one line when it is back; which build every server runs, on `/health` and in `/metrics`; and
 * Apollo's own messages as structured lines. The quiet a member needs before it is said to be back
 * is measured by a clock the test moves (`memberClock`): nothing here waits for it, and nothing
 * depends on how fast PostgreSQL or a subgraph restarts.
 */

interface LogLine {
  name: string;
  level: string;
  msg: string;
  member?: string;
  reason?: string;
  component?: string;
  mode?: string;
}

const lines: LogLine[] = [];
const destination = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    callback();
  },
});
const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
/** The gateway's member lines: warnings that one is unavailable, and the lines that it is back. */
const memberLines = (member: string) => lines.filter((line) => line.name === 'gateway' && line.member === member);
const metrics = async (graphqlUrl: string) => (await fetch(new URL('metrics', graphqlUrl))).text();
/** The gateway's member states' clock, in milliseconds: it moves only when the test moves it. */
let clock = 0;
/** The quiet a member needs before it is said to be back (MEMBER_RECOVERY_QUIET_MS), passed at once. */
const pastQuiet = () => {
  clock += MEMBER_RECOVERY_QUIET_MS;
};

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation({ logDestination: destination, memberClock: () => clock });
});
afterAll(() => federation?.stop());

describe('which build each server runs', () => {
  test('/health says the version and the commit (unknown: not built by npm run build), and /metrics has linju_build_info', async () => {
    const servers = [federation.gatewayUrl, ...Object.values(federation.subgraphs).map((subgraph) => subgraph.url)];
    for (const url of servers) {
      const health = (await (await fetch(new URL('health', url))).json()) as Record<string, unknown>;
      expect(health, url).toMatchObject({ status: 'ok', version, commit: 'unknown' });
      expect(await metrics(url), url).toMatch(new RegExp(`^linju_build_info\\{version="${version.replace(/\./g, '\\.')}",commit="unknown"(,subgraph="\\w+")?\\} 1$`, 'm'));
    }
  });

  test("Apollo's message that the schema loaded is one structured line", () => {
    const loaded = lines.find((line) => line.name === 'gateway' && /successfully loaded schema/.test(line.msg));
    expect(loaded).toMatchObject({ component: 'apollo', mode: 'unmanaged', msg: 'Gateway successfully loaded schema.' });
    expect(lines.filter((line) => /\n/.test(line.msg))).toEqual([]);
  });
});

describe('a member that becomes unavailable is said once, with the reason, and once when it is back', () => {
  test("Sichuan's PostgreSQL stopped: one warning (database-down) over several requests, linju_gateway_member_up 0; one line once it answers again", async () => {
    const sichuan = federation.subgraphs['sichuan']!;
    await federation.query(`{ sichuan { name } }`);
    await sichuan.database.stopDatabase();
    try {
      for (let i = 0; i < 3; i++) expect((await federation.query(`{ sichuan { name } }`)).errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(memberLines('sichuan')).toEqual([expect.objectContaining({ level: 'warn', reason: 'database-down', msg: expect.stringMatching(/^the sichuan subgraph \(四川省\) is unavailable: .*database/) })]);
      expect(await metrics(federation.gatewayUrl)).toMatch(/^linju_gateway_member_up\{member="sichuan"\} 0$/m);
    } finally {
      await sichuan.database.startDatabase();
    }
    // Answering again within the quiet after its last failure (the clock has not moved): not said yet (a replica of two failing stays one warning).
    expect((await federation.query(`{ sichuan { name } }`)).errors).toBeUndefined();
    expect(memberLines('sichuan')).toHaveLength(1);
    pastQuiet();
    expect((await federation.query(`{ sichuan { name } }`)).errors).toBeUndefined();
    await federation.query(`{ sichuan { name } }`);
    const said = memberLines('sichuan');
    expect(said).toHaveLength(2);
    expect(said[1]).toMatchObject({ level: 'info', reason: 'database-down', msg: expect.stringMatching(/^the sichuan subgraph \(四川省\) is available again/) });
    expect(await metrics(federation.gatewayUrl)).toMatch(/^linju_gateway_member_up\{member="sichuan"\} 1$/m);
  });

  test("Chongqing's subgraph stopped: requests and /ready checks say it once (unreachable); /ready brings the line that it is back", async () => {
    await federation.stopSubgraph('chongqing');
    try {
      for (let i = 0; i < 2; i++) await federation.query(`{ chongqing { name } }`);
      const ready = await fetch(new URL('ready', federation.gatewayUrl));
      expect(ready.status).toBe(503);
      expect(memberLines('chongqing')).toEqual([expect.objectContaining({ level: 'warn', reason: 'unreachable' })]);
    } finally {
      await federation.startSubgraph('chongqing');
    }
    pastQuiet();
    expect((await fetch(new URL('ready', federation.gatewayUrl))).status).toBe(200);
    expect(memberLines('chongqing').map((line) => line.level)).toEqual(['warn', 'info']);
    expect(lines.filter((line) => line.name === 'gateway' && (line.level === 'warn' || line.level === 'error') && line.member === undefined && /unavailable/.test(line.msg))).toEqual([]);
  });
});
