// One supergraph, any engine: every registered operation (the explorer's examples, the joint
// dashboard's operations, schema/operations/, the ledger's reads) sent over HTTP to Linju's gateway (@apollo/gateway)
// and to Hive Gateway (bench/hive/index.ts, the benchmark's baseline), both serving the committed
// supergraph in front of the same real subgraphs, must get the same answer. Hive Gateway is bench/'s
// own package: `npx tsx bench/installBench.ts` installs it (.ci/run does, before this file runs).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewaySecretVariable, type Role } from '@linju/access';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { composeSupergraph, loadRegisteredOperations, readCommittedSupergraph, subgraphs, toSupergraphFileText, type RegisteredOperation } from '@linju/schema';
import { freePort, ServiceProcess, startFederation, type Federation, type GraphQLResponse } from '@linju/testing';

type Variables = Record<string, unknown>;
type Answer = GraphQLResponse<Record<string, unknown>>;
type Engine = 'linju' | 'hive';

/** One way a registered operation is sent: as whom, with which variables. */
interface Case {
  readonly as: Exclude<Role, 'anonymous'> | 'anonymous';
  readonly variables: Variables;
}

const PERIOD_2021_H1 = { from: '2021-01-01', to: '2021-06-30' };
const ALLIANCE = 'joint:Alliance:moxi-shuangjiang';

/**
 * How each registered read is sent. A registered operation missing here fails the test below, so a
 * new one is compared as soon as it is registered. The writes are compared separately (a write
 * answers with a new record's ID).
 */
const READS: Readonly<Record<string, readonly Case[]>> = {
  AllianceWithMembers: [{ as: 'viewer', variables: { id: ALLIANCE } }],
  CrossAppointments: [
    { as: 'viewer', variables: { first: 5 } },
    { as: 'sichuan-operator', variables: { first: 100 } },
  ],
  JointOverview2021H1: [
    { as: 'anonymous', variables: { period: PERIOD_2021_H1 } },
    { as: 'viewer', variables: {} },
  ],
  JointSeminarsPage: [{ as: 'viewer', variables: { first: 10, after: null } }],
  Reconciliation: [{ as: 'joint-operator', variables: {} }],
  // The explorer's own: the sides it names, and the check of a typed token (answered by the gateway alone).
  ExplorerJurisdictions: [{ as: 'anonymous', variables: {} }],
  ExplorerTokenCheck: [{ as: 'viewer', variables: {} }],
  DashboardAlliance: [
    { as: 'viewer', variables: { id: ALLIANCE, period: PERIOD_2021_H1 } },
    { as: 'chongqing-operator', variables: { id: ALLIANCE, period: null } },
  ],
  DashboardAlliances: [{ as: 'viewer', variables: { period: PERIOD_2021_H1 } }],
  DashboardFigures: [
    // To the end of 2026: the seed's targets (2026) are in it, so no part of the answer is empty.
    { as: 'anonymous', variables: { period: { from: '2021-01-01', to: '2026-12-31' }, sides: null, allSides: true } },
    { as: 'viewer', variables: { period: null, sides: ['chongqing'], allSides: false } },
  ],
  DashboardComparison: [
    {
      as: 'anonymous',
      variables: { yearBefore: { from: '2021-01-01', to: '2021-06-30' }, before: { from: '2021-07-01', to: '2021-12-31' }, upToEnd: { from: null, to: '2022-06-30' }, compare: true, sides: null, allSides: true },
    },
  ],
  DashboardFigureRecords: [
    { as: 'viewer', variables: { keys: ['sichuan'], filter: { figure: 'jointSeminarSessions', period: PERIOD_2021_H1 }, first: 5, activities: true } },
    { as: 'chongqing-operator', variables: { keys: ['chongqing'], filter: { figure: 'pensionTransferPeople' }, first: 5, orderBy: 'OLDEST', serviceCases: true } },
  ],
  DashboardRecordAlliances: [{ as: 'sichuan-operator', variables: { search: '' } }],
  DashboardRecordOrganizers: [
    { as: 'sichuan-operator', variables: { side: 'sichuan', regionId: null, search: null } },
    { as: 'chongqing-operator', variables: { side: 'chongqing', regionId: null, search: '委' } },
  ],
  DashboardRecordRegions: [
    { as: 'sichuan-operator', variables: { side: 'sichuan', after: null } },
    { as: 'chongqing-operator', variables: { side: 'chongqing', after: null } },
  ],
  // The sides' figures through their own root fields, as the page reads them while the joint office is down.
  DashboardSideFigures: [
    { as: 'anonymous', variables: { period: PERIOD_2021_H1, sichuan: true, chongqing: true } },
    { as: 'viewer', variables: { period: null, sichuan: false, chongqing: true } },
  ],
};

/** The registered writes: the side whose operator sends them. */
const WRITES: Readonly<Record<string, 'sichuan' | 'chongqing'>> = {
  DashboardRecordSichuanActivity: 'sichuan',
  DashboardRecordChongqingActivity: 'chongqing',
};

/** The registered withdrawals (撤销登记): the side whose operator sends them, and the write that records what they withdraw. */
const WITHDRAWALS: Readonly<Record<string, { side: 'sichuan' | 'chongqing'; record: string }>> = {
  DashboardWithdrawSichuanRecord: { side: 'sichuan', record: 'DashboardRecordSichuanActivity' },
  DashboardWithdrawChongqingRecord: { side: 'chongqing', record: 'DashboardRecordChongqingActivity' },
};

/**
 * The documents server's own documents (ledger/operations/, generated): its reads are sent with
 * what the documents server sends for the first page of Sichuan's records, unfiltered (a list's own filters differ; its figures' period is 2021 H1). Its writes
 * (each kind's import and single write, on each side) are the ledger's to test against a
 * registered-only gateway (ledger/test/registeredOnly.test.ts); the writes above show that the two
 * engines write alike.
 */
const LEDGER_SOURCE = 'ledger/operations/';
// `id`: the alliance the import checks a row's 所属联盟 against (a township alliance of both sides).
const LEDGER_VARIABLES: Variables = { keys: ['sichuan'], filter: null, after: null, counted: true, period: PERIOD_2021_H1, allianceId: null, id: 'joint:Alliance:moxi-shuangjiang' };

/**
 * A ledger read's case: the variables its document declares, as Sichuan's operator (whose records
 * they are: personal data included); a read of one side's own root field (`chongqing { people … }`,
 * the import's and the template's list reads) as that side's operator.
 */
function ledgerCase(document: string): Case | undefined {
  const operation = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  if (operation.operation !== 'query') return undefined;
  const declared = (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value);
  const root = operation.selectionSet.selections[0];
  const side = root?.kind === Kind.FIELD && (root.name.value === 'sichuan' || root.name.value === 'chongqing') ? root.name.value : 'sichuan';
  return { as: `${side}-operator`, variables: Object.fromEntries(declared.map((name) => [name, LEDGER_VARIABLES[name]])) };
}

/** Non-empty strings and non-zero numbers in an answer, but for the names of the sides around them. */
function filledValues(value: unknown, key = ''): number {
  if (typeof value === 'string') return value !== '' && key !== 'name' ? 1 : 0;
  if (typeof value === 'number') return value !== 0 ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + filledValues(item), 0);
  if (value && typeof value === 'object') return Object.entries(value).reduce((sum, [k, v]) => sum + filledValues(v, k), 0);
  return 0;
}

let federation: Federation;
let hive: ServiceProcess | undefined;
let hiveDataDir: string | undefined;
const operations: RegisteredOperation[] = await loadRegisteredOperations();
const ledgerOperations = operations.filter(({ source }) => source.startsWith(LEDGER_SOURCE));
const ledgerReads = ledgerOperations.flatMap(({ name, document }) => {
  const request = ledgerCase(document);
  return request ? [{ name, request, label: `${name} as ${request.as}` }] : [];
});
const tokens = new Map<string, string>();

beforeAll(async () => {
  federation = await startFederation();
  hiveDataDir = await mkdtemp(join(tmpdir(), 'linju-hive-'));
  // Hive checks tokens against the same development key pair as Linju's gateway (bench/auth).
  await mkdir(join(hiveDataDir, 'gateway'), { recursive: true });
  await writeFile(join(hiveDataDir, 'gateway', 'dev-keys.json'), JSON.stringify(federation.devKeys), { mode: 0o600 });
  const env: Record<string, string> = { LINJU_DATA_DIR: hiveDataDir, HIVE_PORT: String(await freePort()) };
  for (const { name } of subgraphs) {
    env[`${name.toUpperCase()}_URL`] = federation.subgraphs[name]!.url;
    env[gatewaySecretVariable(name)] = federation.secrets[name]!;
  }
  hive = await ServiceProcess.start('hive', 'bench/hive/index.ts', env);
}, 180_000);

afterAll(async () => {
  await hive?.stop();
  await federation?.stop();
  if (hiveDataDir) await rm(hiveDataDir, { recursive: true, force: true });
});

async function tokenOf(as: Case['as']): Promise<string | undefined> {
  if (as === 'anonymous') return undefined;
  if (!tokens.has(as)) tokens.set(as, await federation.token(as));
  return tokens.get(as);
}

async function send(engine: Engine, document: string, { as, variables }: Case): Promise<Answer> {
  const token = await tokenOf(as);
  const response = await fetch(engine === 'linju' ? federation.gatewayUrl : hive!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query: document, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as Answer;
  } catch {
    throw new Error(`${engine} answered ${response.status} with non-JSON: ${text.slice(0, 300)}`);
  }
}

/** A registered operation's document, by name. */
function documentOf(name: string): string {
  const operation = operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`no registered operation ${name}`);
  return operation.document;
}

/** Both engines' answers to one case, Linju's first (without errors and not empty: it must be a real comparison). */
async function bothAnswer(name: string, request: Case): Promise<{ linju: Answer; hive: Answer }> {
  const linju = await send('linju', documentOf(name), request);
  expect(linju.errors, `Linju's gateway answered ${name} with errors`).toBeUndefined();
  expect(Object.values(linju.data ?? {}).every((value) => value !== null && !(Array.isArray(value) && value.length === 0))).toBe(true);
  return { linju, hive: await send('hive', documentOf(name), request) };
}

describe('Hive Gateway and Linju\'s gateway on the committed supergraph', () => {
  it('serves the committed supergraph, which is what the subgraphs compose today', async () => {
    const committed = await readCommittedSupergraph();
    expect(committed, 'schema/supergraph.graphql is stale: run npm run schema:compose').toBe(toSupergraphFileText((await composeSupergraph()).supergraphSdl));
  });

  it('has a way to send every registered operation', () => {
    expect(operations.length).toBeGreaterThan(0);
    const clients = operations.filter(({ source }) => !source.startsWith(LEDGER_SOURCE));
    expect(clients.map(({ name }) => name).sort()).toEqual([...Object.keys(READS), ...Object.keys(WRITES), ...Object.keys(WITHDRAWALS)].sort());
    expect(ledgerReads.length).toBeGreaterThan(30);
  });

  const reads = Object.entries(READS).flatMap(([name, cases]) => cases.map((request, index) => ({ name, request, label: `${name} #${index + 1} as ${request.as}` })));
  it.each(reads)('answers $label identically', async ({ name, request }) => {
    const { linju, hive } = await bothAnswer(name, request);
    expect(hive).toEqual(linju);
  });

  it.each(ledgerReads)("answers the ledger's $label identically", async ({ name, request }) => {
    const { linju, hive } = await bothAnswer(name, request);
    // A real comparison: the answer holds records or figures, not only the side's name around an empty page
    // (a store's 数据截至, read before a withdrawal, is one value by nature).
    expect(filledValues(linju.data)).toBeGreaterThan(name.endsWith('DataAsOf') ? 0 : 2);
    expect(hive).toEqual(linju);
  });

  // The ledger's read of the registered people a store's refusals named (filter.ids), not the first page of the list.
  it("answers the ledger's LedgerPeopleRegisteredSichuan with filter.ids identically", async () => {
    const name = 'LedgerPeopleRegisteredSichuan';
    type People = { sichuan: { people: { edges: { node: { id: string } }[] } } };
    const idsOf = (answer: Answer) => (answer.data as People).sichuan.people.edges.map(({ node }) => node.id);
    const firstPage = idsOf(await send('linju', documentOf(name), { as: 'sichuan-operator', variables: { filter: null, after: null } }));
    const named = [firstPage[5]!, firstPage[1]!];
    const request: Case = { as: 'sichuan-operator', variables: { filter: { ids: [...named, 'chongqing:Person:x', 'sichuan:Person:no-one'] }, after: null } };
    const { linju, hive } = await bothAnswer(name, request);
    expect(idsOf(linju)).toEqual([firstPage[1], firstPage[5]]);
    expect(hive).toEqual(linju);
  });

  /** A live organization of the operator's side, as the dashboard's panel offers it. */
  async function liveOrganizer(side: 'sichuan' | 'chongqing'): Promise<string> {
    const organizers = await send('linju', documentOf('DashboardRecordOrganizers'), { as: `${side}-operator`, variables: { side, regionId: null, search: null } });
    const edges = (organizers.data as { jurisdictions: [{ organizations: { edges: { node: { id: string; dissolvedOn: string | null } }[] } }] }).jurisdictions[0].organizations.edges;
    return edges.find(({ node }) => node.dissolvedOn === null)!.node.id;
  }

  it.each(Object.entries(WRITES))('writes %s through either engine, with the same answer', async (name, side) => {
    const operator = `${side}-operator` as const;
    const organizerId = await liveOrganizer(side);
    // One activity each: an activity is one record whichever key sends it (contract/src/recordIdentity.ts).
    const input = (engine: Engine) => ({ kind: '座谈交流', title: `两种网关同答-${side}-${engine}`, heldOn: '2025-06-01', organizerId, sessions: 1 });
    const written: Record<Engine, Answer> = {
      linju: await send('linju', documentOf(name), { as: operator, variables: { input: input('linju'), idempotencyKey: `engines-${side}-linju` } }),
      hive: await send('hive', documentOf(name), { as: operator, variables: { input: input('hive'), idempotencyKey: `engines-${side}-hive` } }),
    };
    expect(written.linju.errors).toBeUndefined();
    const record = (answer: Answer) => Object.values(answer.data ?? {})[0] as { id: string; title?: string } | undefined;
    // Two writes, two records: the same answer but for the new record's ID and its title.
    expect(record(written.hive)?.id).toMatch(new RegExp(`^${side}:Activity:`));
    expect(record(written.hive)?.id).not.toBe(record(written.linju)?.id);
    const alike = (answer: Answer) => ({ ...answer, data: { ...record(answer), id: 'new', title: 'title' } });
    expect(alike(written.hive)).toEqual(alike(written.linju));
    // Each engine's retry of the other's write (the same key and input) answers exactly as the write did.
    expect(await send('hive', documentOf(name), { as: operator, variables: { input: input('linju'), idempotencyKey: `engines-${side}-linju` } })).toEqual(written.linju);
    expect(await send('linju', documentOf(name), { as: operator, variables: { input: input('hive'), idempotencyKey: `engines-${side}-hive` } })).toEqual(written.hive);
    // The same activity under a new key is the record registered already: refused ALREADY_RECORDED (same-record), alike through either engine.
    const again = (engine: Engine) => send(engine, documentOf(name), { as: operator, variables: { input: input('linju'), idempotencyKey: `engines-${side}-again-${engine}` } });
    const refused: Record<Engine, Answer> = { linju: await again('linju'), hive: await again('hive') };
    expect(refused.linju.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-record', id: record(written.linju)?.id });
    // The store's refusal, passed on by either engine (Linju's gateway adds the store's names, jurisdiction and subgraph, beside it).
    const refusal = (answer: Answer) => {
      const error = answer.errors?.[0];
      return { data: answer.data ?? null, message: error?.message, path: error?.path, code: error?.extensions?.code, rule: error?.extensions?.rule, id: error?.extensions?.id };
    };
    expect(refusal(refused.hive)).toEqual(refusal(refused.linju));
  });

  it.each(Object.entries(WITHDRAWALS))('withdraws through %s on either engine, with the same answer', async (name, { side, record }) => {
    const operator = `${side}-operator` as const;
    const organizerId = await liveOrganizer(side);
    // Two activities recorded through Linju's gateway, one withdrawn through each engine with the same reason.
    const recorded: Record<Engine, string> = { linju: '', hive: '' };
    for (const engine of ['linju', 'hive'] as const) {
      const input = { kind: '座谈交流', title: `两种网关同撤-${side}-${engine}`, heldOn: '2025-06-02', organizerId, sessions: 1 };
      const answer = await send('linju', documentOf(record), { as: operator, variables: { input, idempotencyKey: `engines-withdraw-${side}-${engine}-record` } });
      expect(answer.errors).toBeUndefined();
      recorded[engine] = (Object.values(answer.data ?? {})[0] as { id: string }).id;
    }
    const variables = (engine: Engine) => ({ id: recorded[engine], reason: '两种网关同撤', idempotencyKey: `engines-withdraw-${side}-${engine}` });
    const withdrawn: Record<Engine, Answer> = {
      linju: await send('linju', documentOf(name), { as: operator, variables: variables('linju') }),
      hive: await send('hive', documentOf(name), { as: operator, variables: variables('hive') }),
    };
    expect(withdrawn.linju.errors).toBeUndefined();
    const answerOf = (answer: Answer) => Object.values(answer.data ?? {})[0] as { id: string; withdrawnAt: string } | undefined;
    expect(answerOf(withdrawn.hive)?.id).toBe(recorded.hive);
    // The same answer but for the record's ID and the moment it was withdrawn.
    const same = (answer: Answer) => ({ ...answer, data: { ...answerOf(answer), id: 'withdrawn', withdrawnAt: 'then' } });
    expect(same(withdrawn.hive)).toEqual(same(withdrawn.linju));
    // Each engine's retry of the other's withdrawal (the same key and input) answers exactly as the withdrawal did.
    expect(await send('hive', documentOf(name), { as: operator, variables: variables('linju') })).toEqual(withdrawn.linju);
    expect(await send('linju', documentOf(name), { as: operator, variables: variables('hive') })).toEqual(withdrawn.hive);
  });
});
