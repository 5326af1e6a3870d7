import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_FEDERATION_FILE } from '@linju/contract';
import { freePort } from '@linju/subgraph-runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * A third jurisdiction joins, end to end and as its team would do it: the scaffold writes its
 * package from the contract's template and adds it to a membership file; composition gives the
 * supergraph its types; `scripts/start.ts` runs all four subgraphs and the gateway as processes;
 * and the new side answers, writes, and takes part in cross-border queries with the others —
 * while no committed file (no other subgraph's code) changed.
 *
 * Shanxi (山西省, seed 004: 古店镇) joins a copy of the committed membership, so the repository's
 * own federation.json stays as it is. Everything lives in a folder under .data/ (ignored by git),
 * inside the repository so the new package resolves the @linju packages as a workspace would.
 */

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');

let folder: string;
let federationFile: string;
let start: ChildProcess | undefined;
let gatewayUrl: string;
let gatewayPort: number;
let identityPort: number;
let documentsPort: number;
/** Sichuan's port, moved by SICHUAN_PORT from the one its membership records: the launcher tells the gateway where it went. */
let sichuanPort: number;
const tokens: Record<string, string> = {};
let before: Record<string, string>;
let scaffoldOutput: string;
/** What the launcher printed. */
const launcherOutput: string[] = [];

const taken = new Set<number>();

/** A free port not handed out before by this test (four members and the gateway each need one). */
async function uniquePort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

/** What joining could have touched outside its own folder: the membership, the workspaces, the members' code, the committed schema, the launcher. */
const COMMITTED = ['federation.json', 'package.json', 'package-lock.json', 'turbo.json', 'contract', 'jurisdiction-service', 'subgraph-runtime', 'subgraph-sichuan', 'subgraph-chongqing', 'subgraph-shared', 'schema', 'gateway/src', 'scripts', 'dashboard/src'];

/** Every file there (tracked, or new and not ignored) with a digest of its content. */
async function snapshot(): Promise<Record<string, string>> {
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', ...COMMITTED], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const files = [...new Set(stdout.split('\0').filter(Boolean))].sort();
  const digests: Record<string, string> = {};
  for (const file of files) {
    const content = await readFile(join(root, file)).catch(() => Buffer.from('(deleted)'));
    digests[file] = createHash('sha256').update(content).digest('hex');
  }
  return digests;
}

function childEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LINJU_FEDERATION_FILE: federationFile,
    LINJU_DATA_DIR: join(folder, 'data'),
    SUPERGRAPH_PATH: join(folder, 'supergraph.graphql'),
    PORT: String(gatewayPort),
    // The launcher's development identity provider and documents server too, off the default ports a running `npm start` holds.
    LINJU_IDP_PORT: String(identityPort),
    LINJU_DOCUMENTS_PORT: String(documentsPort),
    SICHUAN_PORT: String(sichuanPort),
    // The launcher waits for each server's "ready at" line, logged at info.
    LOG_LEVEL: 'info',
  };
}

/** Runs the launcher and resolves with the gateway's URL once it prints that the federation is up. */
function startFederationProcesses(): Promise<string> {
  start = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts')], { cwd: root, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = launcherOutput;
  return new Promise((done, fail) => {
    for (const stream of [start!.stdout!, start!.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const token = /^gateway\s+\|\s+([a-z]+-operator|viewer)\s+(\S+)$/.exec(line);
        if (token) tokens[token[1]!] = token[2]!;
        const up = /GraphQL endpoint:\s+(\S+)/.exec(line);
        if (up) done(up[1]!);
      });
    }
    start!.once('exit', (code) => fail(new Error(`the launcher exited (${code}) before the federation was up:\n${output.slice(-30).join('\n')}`)));
  });
}

async function query<T = Record<string, any>>(document: string, variables: Record<string, unknown> = {}, role?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(role && { authorization: `Bearer ${tokens[role]}` }) },
    body: JSON.stringify({ query: document, variables }),
  });
  return (await response.json()) as never;
}

/** The answer's data, after checking that it carries no error. */
async function data<T = Record<string, any>>(document: string, variables: Record<string, unknown> = {}, role = 'viewer'): Promise<T> {
  const answer = await query<T>(document, variables, role);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!;
}

beforeAll(async () => {
  await mkdir(join(root, '.data'), { recursive: true });
  folder = await mkdtemp(join(root, '.data', 'joining-'));
  // mkdtemp's folder is private; embedded PostgreSQL runs as its own account and must reach its data.
  await chmod(folder, 0o755);
  // The committed membership, pointing at the committed packages, on ports free right now.
  const committed = JSON.parse(await readFile(DEFAULT_FEDERATION_FILE, 'utf8')) as { jurisdictions: { directory: string; port: number }[]; joint: { directory: string; port: number } };
  for (const member of [...committed.jurisdictions, committed.joint]) {
    member.directory = resolve(root, member.directory);
    member.port = await uniquePort();
  }
  gatewayPort = await uniquePort();
  identityPort = await uniquePort();
  documentsPort = await uniquePort();
  sichuanPort = await uniquePort();
  federationFile = join(folder, 'federation.json');
  await writeFile(federationFile, JSON.stringify(committed, null, 2));

  before = await snapshot();
  const scaffold = await run(
    tsx,
    ['scripts/addJurisdiction.ts', '--key', 'shanxi', '--code', '140000', '--name', '山西省', '--name-en', 'Shanxi Province', '--federation', federationFile, '--directory', join(folder, 'subgraph-shanxi'), '--port', String(await uniquePort())],
    { cwd: root, env: childEnv() },
  );
  scaffoldOutput = scaffold.stdout;
  await run(tsx, ['schema/src/compose.ts', '--out', join(folder, 'supergraph.graphql')], { cwd: root, env: childEnv() });
  gatewayUrl = await startFederationProcesses();
}, 240_000);

afterAll(async () => {
  if (start && start.exitCode === null) {
    const exited = new Promise((done) => start!.once('exit', done));
    start.kill('SIGTERM');
    await exited;
  }
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

describe('a third jurisdiction joins from the contract', () => {
  test('the scaffold and composition changed no committed file, so no other subgraph\'s code', async () => {
    expect(scaffoldOutput).toContain('山西省 has joined');
    expect(await snapshot()).toEqual(before);
    const supergraph = await readFile(join(folder, 'supergraph.graphql'), 'utf8');
    expect(supergraph).toMatch(/SHANXI @join__graph\(name: "shanxi"/);
    for (const type of ['ShanxiJurisdiction', 'ShanxiOrganization', 'ShanxiPerson', 'ShanxiPost']) expect(supergraph).toContain(`type ${type} implements`);
  });

  test('the launcher says where the data stays: the LINJU_DATA_DIR it was given, not .data/', async () => {
    await expect.poll(() => launcherOutput.find((line) => line.startsWith('Ctrl-C stops everything'))).toBe(
      `Ctrl-C stops everything; the data stays in ${relative(root, join(folder, 'data'))}/ for the next start.`,
    );
  });

  test('it is listed with the others, and answers its contract through the gateway', async () => {
    const { jurisdictions } = await data<{ jurisdictions: { key: string; name: string; code: string }[] }>('{ jurisdictions { key name code } }', {}, undefined);
    expect(jurisdictions.map((j) => j.key)).toEqual(['sichuan', 'chongqing', 'shanxi']);
    expect(jurisdictions[2]).toEqual({ key: 'shanxi', name: '山西省', code: '140000' });
    const { shanxi } = await data('{ shanxi { __typename code name regions { totalCount edges { node { __typename id name } } } } }');
    expect(shanxi).toEqual({
      __typename: 'ShanxiJurisdiction',
      code: '140000',
      name: '山西省',
      regions: { totalCount: 1, edges: [{ node: { __typename: 'ShanxiRegion', id: 'shanxi:Region:province', name: '山西省' } }] },
    });
  });

  describe('its records, and the others\' references to them', () => {
    let branchId: string;
    let personId: string;
    let sichuanOrganization: { id: string; name: string };

    test('its operator writes its records; the others\' operators cannot', async () => {
      const created = await data<{ shanxiCreateOrganization: { id: string; name: string } }>(
        'mutation ($input: OrganizationInput!) { shanxiCreateOrganization(input: $input) { id name } }',
        { input: { name: '古店镇山底村党支部', kind: '党支部', level: '村', regionId: 'shanxi:Region:province', foundedOn: '2020-03-01' } },
        'shanxi-operator',
      );
      branchId = created.shanxiCreateOrganization.id;
      expect(branchId).toMatch(/^shanxi:Organization:/);
      const person = await data<{ shanxiCreatePerson: { id: string } }>(
        'mutation ($input: PersonInput!) { shanxiCreatePerson(input: $input) { id } }',
        { input: { name: '王建国', gender: '男', organizationId: branchId } },
        'shanxi-operator',
      );
      personId = person.shanxiCreatePerson.id;
      const refused = await query('mutation ($input: OrganizationInput!) { shanxiCreateOrganization(input: $input) { id } }', { input: { name: '越权写入', kind: '党支部', level: '村', regionId: 'shanxi:Region:province', foundedOn: '2020-03-01' } }, 'sichuan-operator');
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    test('a Sichuan post held by a Shanxi person: Sichuan stores the reference, Shanxi answers the name', async () => {
      const { sichuan } = await data<{ sichuan: { organizations: { edges: { node: { id: string; name: string } }[] } } }>('{ sichuan { organizations(first: 1) { edges { node { id name } } } } }');
      sichuanOrganization = sichuan.organizations.edges[0]!.node;
      const appointed = await data<{ sichuanAppointToPost: { id: string; crossBorder: boolean; holder: { __typename: string; id: string; name: string } } }>(
        'mutation ($input: PostInput!) { sichuanAppointToPost(input: $input) { id crossBorder holder { __typename id name } } }',
        { input: { organizationId: sichuanOrganization.id, title: '挂职副书记', holderId: personId, startedOn: '2025-04-01' } },
        'sichuan-operator',
      );
      expect(appointed.sichuanAppointToPost).toMatchObject({ crossBorder: true, holder: { __typename: 'ShanxiPerson', id: personId, name: '王建国' } });
    });

    test('an alliance with members on both sides: the joint office holds IDs, each home answers for its own', async () => {
      const created = await data<{ createAlliance: { id: string; members: { organization: { __typename: string; name: string }; jurisdiction: { name: string } }[] } }>(
        'mutation ($input: AllianceInput!) { createAlliance(input: $input) { id members { organization { __typename name } jurisdiction { name } } } }',
        { input: { kind: '人才联盟', name: '川晋人才联盟', foundedOn: '2021-05-01', memberIds: [sichuanOrganization.id, branchId] } },
        'joint-operator',
      );
      const members = created.createAlliance.members.map((m) => [m.organization.__typename, m.organization.name, m.jurisdiction.name]);
      expect(members).toEqual(expect.arrayContaining([
        ['ShanxiOrganization', '古店镇山底村党支部', '山西省'],
        [expect.stringMatching(/^SichuanOrganization$/), sichuanOrganization.name, '四川省'],
      ]));
      expect(members).toHaveLength(2);
    });

    test('the joint overview has Shanxi\'s part, and its total is the sum of all three', async () => {
      const fields = 'crossAppointments activityRoomAreaSqm majorProjects';
      const { overview } = await data<{ overview: Record<'sichuan' | 'chongqing' | 'shanxi' | 'total', Record<string, number>> }>(
        `{ overview(period: { from: "2021-01-01", to: "2021-12-31" }) { sichuan { ${fields} } chongqing { ${fields} } shanxi { ${fields} } total { ${fields} } } }`,
        {},
        undefined,
      );
      expect(overview.shanxi).toEqual({ crossAppointments: 0, activityRoomAreaSqm: 0, majorProjects: 0 });
      for (const field of fields.split(' ')) expect(overview.total[field]).toBe(overview.sichuan[field]! + overview.chongqing[field]! + overview.shanxi[field]!);
    });

    test('reconciliation asks Shanxi too, and finds its records', async () => {
      const { jurisdictions } = await data<{ jurisdictions: { key: string; crossBorderReferences: { target: { id: string; exists: boolean } }[] }[] }>(
        '{ jurisdictions { key crossBorderReferences { target { id exists } } } }',
        {},
        'joint-operator',
      );
      const sichuan = jurisdictions.find((j) => j.key === 'sichuan')!;
      expect(sichuan.crossBorderReferences).toContainEqual({ target: { id: personId, exists: true } });
    });
  });

  test('a member that dies once the federation is up is started again, the others answering meanwhile', async () => {
    // The new member's subgraph, a child of the launcher: killed as a crash would (its PostgreSQL left running).
    const { stdout } = await run('ps', ['-o', 'pid=,args=', '--ppid', String(start!.pid)]);
    const line = stdout.split('\n').find((l) => l.includes('subgraph-shanxi'));
    expect(line, stdout).toBeDefined();
    process.kill(Number(line!.trim().split(/\s+/)[0]), 'SIGKILL');
    const shanxi = '{ shanxi { name } sichuan { name } }';
    // Down: Sichuan answers, 山西 is named unavailable; the launcher did not stop the federation.
    let answer = await query<{ shanxi: { name: string } | null; sichuan: { name: string } }>(shanxi);
    for (let i = 0; i < 50 && answer.data?.shanxi; i++) answer = await query(shanxi);
    expect(answer.data?.sichuan).toEqual({ name: '四川省' });
    expect(answer.data?.shanxi ?? null).toBeNull();
    expect(start!.exitCode).toBeNull();
    // Back within the launcher's first pause and its start.
    for (let i = 0; i < 120 && !answer.data?.shanxi; i++) {
      await new Promise((r) => setTimeout(r, 500));
      answer = await query(shanxi);
    }
    expect(answer.data).toEqual({ shanxi: { name: '山西省' }, sichuan: { name: '四川省' } });
    expect(launcherOutput.join('\n')).toMatch(/shanxi\s+exited \(SIGKILL\); the others keep running: starting shanxi again in 1 s/);
  }, 90_000);

  test('the launcher stops the four subgraphs, their PostgreSQL and the gateway', async () => {
    const exited = new Promise<number | null>((done) => start!.once('exit', done));
    start!.kill('SIGTERM');
    expect(await exited).toBe(0);
    const { stdout } = await run('ps', ['-eo', 'args']);
    expect(stdout.split('\n').filter((line) => line.includes(folder))).toEqual([]);
  }, 60_000);
});
