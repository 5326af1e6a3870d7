import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Role } from '@linju/access';
import { mintDevToken } from '@linju/gateway/devKeys';
import { subgraphs } from '@linju/schema';
import { skipWithoutSystemPostgres, startFederation, SystemPostgres, type Federation, type GraphQLResponse } from '@linju/testing';
import { danglingReferences, RECONCILIATION_QUERY, type ReconciliationData } from '../../../scripts/reconcile.ts';
import { verifyAudit } from '../../../scripts/verify-audit.ts';
import { verifyFigures } from '../../../scripts/verify-figures.ts';
import { loadFixtures, OTHER, TOMORROW, uniqueName, type Side, type SideFixtures } from '../writes/writeSupport.ts';
import { createOwnerAndRuntimeStores, type OwnerAndRuntimeStores } from './ownerAndRuntimeStores.ts';

/**
 * Every write of the supergraph, and every read, as production runs them: Debian's PostgreSQL, an
 * owner and a runtime role per store, `npm run migrate -- --grant-runtime`, the subgraphs connected
 * as their runtime roles. The tests elsewhere run on the embedded default, where a subgraph connects
 * as its store's owner and so has every right: a statement that needs a right the runtime role was
 * not granted (every ledger import's DELETE of its refused rows' keys, d8ad365) passes there and
 * answers Internal server error in production. Here each Mutation field of schema/supergraph.graphql
 * is sent once to succeed and once to be refused by a rule (a field missing from the table fails the
 * last test), an import in each mode and as a dry run, a retry with the same key, then every list of
 * each side, the overview cached and not, the audit logs and chains, the withdrawn records, the
 * cross-border references and dataAsOf: no answer may carry INTERNAL_SERVER_ERROR, no server may log a
 * permission refused, and what was written is in the owner's tables. The operator's commands that
 * read the stores directly (figures:verify, audit:verify) run with the runtime role's URL alone, and
 * reconcile against the gateway.
 *
 * The reference data (regions, organizations, people, teams, alliances) is the demonstration seed,
 * loaded as each store's owner (the runtime role may not: see docs/operations.md), before the
 * federation starts as the runtime roles.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STORES = subgraphs.map((entry) => entry.name);
const SIDES = ['sichuan', 'chongqing'] as const;

let server: SystemPostgres;
let stores: OwnerAndRuntimeStores;
let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
let seedAlliance: { id: string };
/** People created for the cross-border appointments, by side: one seat per person and organization. */
const holders: Record<Side, string[]> = { sichuan: [], chongqing: [] };
let appointed = 0;
const nextHolder = (side: Side) => holders[side][appointed++ % holders[side].length]!;
/** Another day for each team action written: a team's actions of one kind and day are one record (contract/src/recordIdentity.ts). */
let actionDays = 0;
const nextActionDay = () => new Date(Date.UTC(2025, 1, 3 + actionDays++)).toISOString().slice(0, 10);
/** Log lines of the gateway and the subgraphs at level error (50) or above. */
const logged: string[] = [];
const ownerUrl = (store: string) => stores.ownerUrl(store);
const runtimeUrl = (store: string) => stores.runtimeUrl(store);
const asOwner: OwnerAndRuntimeStores['asOwner'] = (store, sql, values) => stores.asOwner(store, sql, values);

/** Every store's URL in the variables the operator's commands read: the runtime role's alone. */
function runtimeEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(STORES.flatMap((store) => [[`${store.toUpperCase()}_DATABASE_URL`, runtimeUrl(store)], [`${store.toUpperCase()}_MIGRATION_DATABASE_URL`, '']]));
}

/**
 * Loads each store's demonstration seed as its owner, as an operator would load reference data: the
 * store's subgraph started once over the owner's URL, in production with the seed asked for, then
 * stopped.
 */
async function seedAsOwner(store: string): Promise<void> {
  const entry = subgraphs.find((candidate) => candidate.name === store)!;
  const module: { startSubgraph(options: Record<string, unknown>): Promise<{ stop(): Promise<void> }> } = await import(pathToFileURL(join(entry.directory, 'src/server.ts')).href);
  const dataDir = await mkdtemp(join(tmpdir(), `linju-seed-${store}-`));
  try {
    const running = await module.startSubgraph({
      port: 0, host: '127.0.0.1', dataDir, seed: true, production: true, gatewaySecret: randomBytes(32).toString('base64url'),
      databaseUrl: ownerUrl(store), databaseUrlVariable: `${store.toUpperCase()}_DATABASE_URL`, connectAttempts: 1,
    });
    await running.stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Every answer is checked, and every Mutation field sent is counted.

type Response = GraphQLResponse<Record<string, any>>;
/** Per Mutation field: how many answers wrote, and how many were refused by a rule. */
const exercised = new Map<string, { ok: number; refused: number }>();
/** IDs the writes answered, by the store that must hold them. */
const written: Record<string, Set<string>> = Object.fromEntries(STORES.map((store) => [store, new Set<string>()]));
/** Codes a rule refuses with (never INTERNAL_SERVER_ERROR, never an outage). */
const RULE_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'];

const briefly = (response: unknown) => JSON.stringify(response).slice(0, 800);

/** Asks the gateway; no answer may carry an internal error, nor an import row one. */
async function ask(document: string, variables: Record<string, unknown>, as: Role): Promise<Response> {
  const response = await federation.query<Record<string, any>>(document, variables, { as });
  const codes = (response.errors ?? []).map((error) => error.extensions?.code);
  expect(codes, briefly(response)).not.toContain('INTERNAL_SERVER_ERROR');
  for (const payload of Object.values(response.data ?? {})) {
    for (const row of (payload as { rows?: { code: string | null }[] } | null)?.rows ?? []) expect(row.code, briefly(response)).not.toBe('INTERNAL_SERVER_ERROR');
  }
  return response;
}

/** The one Mutation field a document sends. */
function fieldOf(document: string): string {
  const operation = parse(document).definitions[0]!;
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'mutation') throw new Error('not a mutation');
  const field = operation.selectionSet.selections[0]!;
  if (field.kind !== Kind.FIELD) throw new Error('not a field');
  return field.name.value;
}

const writerOf = (field: string): Role => (/^(sichuan|chongqing)[A-Z]/.exec(field)?.[1] ? (`${/^(sichuan|chongqing)/.exec(field)![1]}-operator` as Role) : 'joint-operator');
const homeOf = (field: string): string => /^(sichuan|chongqing)[A-Z]/.exec(field)?.[1] ?? 'joint';
const tally = (field: string) => exercised.get(field) ?? exercised.set(field, { ok: 0, refused: 0 }).get(field)!;

/** A write that must land: no errors; its answer's IDs of its store are remembered to be looked for there. */
async function writes(document: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const field = fieldOf(document);
  const response = await ask(document, variables, writerOf(field));
  expect(response.errors, `${field}: ${briefly(response)}`).toBeUndefined();
  const payload = response.data![field];
  const isImport = /Import[A-Z]/.test(field);
  if (isImport) {
    expect(payload.committed && payload.created + payload.existing > 0, `${field}: ${briefly(response)}`).toBe(true);
    for (const row of payload.rows) if (row.status === 'CREATED') written[homeOf(field)]!.add(row.id);
  } else if (!/withdraw|removeFigureTarget/i.test(field)) {
    written[homeOf(field)]!.add(payload.id);
  }
  tally(field).ok += 1;
  if (isImport && payload.refused > 0) tally(field).refused += 1;
  return payload;
}

/** A write that a rule must refuse: a rule's code, no data; or, for an import, rows refused with one. */
async function refused(document: string, variables: Record<string, unknown>): Promise<Response> {
  const field = fieldOf(document);
  const response = await ask(document, variables, writerOf(field));
  if (/Import[A-Z]/.test(field) && !response.errors) {
    const payload = response.data![field];
    expect(payload.refused, `${field}: ${briefly(response)}`).toBeGreaterThan(0);
    for (const row of payload.rows.filter((r: { status: string }) => r.status === 'REFUSED')) expect(RULE_CODES, `${field}: ${briefly(response)}`).toContain(row.code);
  } else {
    expect(RULE_CODES, `${field}: ${briefly(response)}`).toContain(response.errors?.[0]?.extensions?.code);
    expect(response.data?.[field] ?? null).toBeNull();
  }
  tally(field).refused += 1;
  return response;
}

// ---------------------------------------------------------------------------------------------
// The record writes of each side, single and imported: a valid input and a change a rule refuses.

type Input = Record<string, unknown>;
interface RecordCase {
  /** The single write without its side, e.g. `RecordActivity`. */
  write: string;
  inputType: string;
  /** The import of the same records without its side, e.g. `ImportActivities`. */
  importField: string;
  rowType: string;
  input(fx: SideFixtures, other: SideFixtures): Input;
  /** What makes the input refused by a rule. */
  bad(fx: SideFixtures, other: SideFixtures): Input;
}

const RECORDS: RecordCase[] = [
  {
    // A 党组织台账's rows: a branch under the side's town; another side's region refused.
    write: 'CreateOrganization', inputType: 'OrganizationInput', importField: 'ImportOrganizations', rowType: 'OrganizationImportRow',
    input: (fx) => ({ name: uniqueName('运行角色导入党支部'), kind: '党支部', level: '村', parentId: fx.town.id, regionId: fx.region.id, foundedOn: '2020-01-01' }),
    bad: (_fx, other) => ({ regionId: other.region.id }),
  },
  {
    write: 'CreatePerson', inputType: 'PersonInput', importField: 'ImportPeople', rowType: 'PersonImportRow',
    input: (fx) => ({ name: uniqueName('王测'), gender: '女', organizationId: fx.town.id }),
    bad: (_fx, other) => ({ organizationId: other.town.id }),
  },
  {
    write: 'AppointToPost', inputType: 'PostInput', importField: 'ImportPosts', rowType: 'PostImportRow',
    // Held by a person of the other side: a cross-border appointment, its holder resolved at home.
    input: (fx, other) => ({ organizationId: fx.town.id, title: '委员', holderId: nextHolder(other.side), startedOn: '2024-03-01' }),
    bad: () => ({ startedOn: TOMORROW() }),
  },
  {
    write: 'RecordActivity', inputType: 'ActivityInput', importField: 'ImportActivities', rowType: 'ActivityImportRow',
    input: (fx) => ({ kind: '引才活动', title: uniqueName('川渝联合引才'), heldOn: '2024-04-01', organizerId: fx.town.id, sessions: 2, personTimes: 35, talentsRecruited: 3, allianceId: seedAlliance.id }),
    bad: () => ({ heldOn: TOMORROW() }),
  },
  {
    write: 'RecordServiceCase', inputType: 'ServiceCaseInput', importField: 'ImportServiceCases', rowType: 'ServiceCaseImportRow',
    input: (fx) => ({ kind: '公积金互认互贷', handledOn: '2024-04-02', regionId: fx.region.id, people: 2, households: 1, amountWan: 30.45 }),
    bad: () => ({ amountWan: -0.01 }),
  },
  {
    write: 'RecordFacility', inputType: 'FacilityInput', importField: 'ImportFacilities', rowType: 'FacilityImportRow',
    input: (fx) => ({ kind: '党员活动室', name: uniqueName('联合党员活动室'), regionId: fx.region.id, organizationId: fx.town.id, areaSqm: 120.5, idleAssetKind: '闲置小学', openedOn: '2024-04-03' }),
    bad: () => ({ idleAssetKind: '闲置厂房' }),
  },
  {
    write: 'RecordProject', inputType: 'ProjectInput', importField: 'ImportProjects', rowType: 'ProjectImportRow',
    input: (fx) => ({
      kind: '集体经济项目', name: uniqueName('红薯初加工项目'), regionId: fx.region.id, organizationId: fx.town.id, startedOn: '2024-04-04',
      landMu: 30, subsidyWan: 50, expectedIncomeWan: 8.5, householdsBenefiting: 120, incomePerHouseholdYuan: 700, investmentWan: 200, brand: '遂潼红', allianceId: seedAlliance.id,
    }),
    bad: () => ({ kind: '房地产' }),
  },
  {
    write: 'RecordTeam', inputType: 'TeamInput', importField: 'ImportTeams', rowType: 'TeamImportRow',
    input: (fx) => ({ category: '社会治理工作队', kind: '边界治理服务队', name: uniqueName('毗邻边界治理服务队'), organizationId: fx.town.id, foundedOn: '2024-04-05' }),
    bad: () => ({ category: '突击队' }),
  },
  {
    write: 'RecordTeamAction', inputType: 'TeamActionInput', importField: 'ImportTeamActions', rowType: 'TeamActionImportRow',
    input: (fx) => ({ teamId: fx.team.id, kind: '日常巡逻', actedOn: nextActionDay(), occurrences: 4 }),
    bad: (fx) => ({ teamId: `${fx.side}:Team:nobody` }),
  },
  {
    write: 'RecordTransportLink', inputType: 'TransportLinkInput', importField: 'ImportTransportLinks', rowType: 'TransportLinkImportRow',
    input: (fx, other) => ({ kind: '断头路', name: uniqueName('川渝断头路'), fromRegionId: fx.region.id, toRegionId: other.region.id, lengthKm: 3.2, openedOn: '2024-04-06' }),
    bad: (fx) => ({ toRegionId: fx.region.id }),
  },
  {
    write: 'RecordCivilizationRecord', inputType: 'CivilizationRecordInput', importField: 'ImportCivilizationRecords', rowType: 'CivilizationRecordImportRow',
    input: (fx) => ({ kind: '公约', title: uniqueName('毗邻村文明公约'), regionId: fx.region.id, recordedOn: '2024-04-07', occurrences: 2 }),
    bad: () => ({ kind: '评比' }),
  },
  {
    write: 'RecordPairing', inputType: 'PairingInput', importField: 'ImportPairings', rowType: 'PairingImportRow',
    input: (fx) => ({ unitName: uniqueName('区委组织部'), organizationId: fx.town.id, firstSecretaryId: fx.person.id, startedOn: '2024-04-08', wishesFulfilled: 12 }),
    bad: (_fx, other) => ({ firstSecretaryId: other.person.id }),
  },
  {
    write: 'RecordGrid', inputType: 'GridInput', importField: 'ImportGrids', rowType: 'GridImportRow',
    input: (fx) => ({ name: uniqueName('第一网格'), organizationId: fx.town.id, regionId: fx.region.id, households: 150, responsibleId: fx.otherPerson.id }),
    bad: (fx) => ({ responsibleId: `${fx.side}:Person:nobody` }),
  },
];

const singleDoc = (side: Side, c: RecordCase) => `mutation RuntimeRole${c.write}($input: ${c.inputType}!, $key: String) { ${side}${c.write}(input: $input, idempotencyKey: $key) { id } }`;
const importDoc = (side: Side, c: RecordCase) =>
  `mutation RuntimeRole${c.importField}($rows: [${c.rowType}!]!, $mode: ImportMode!, $dryRun: Boolean) { ${side}${c.importField}(rows: $rows, mode: $mode, dryRun: $dryRun) { committed created existing refused rows { index status id code field rule } } }`;
const key = () => `runtime-role-${randomBytes(8).toString('hex')}`;

const ORG = `id version`;
const docs = (side: Side) => ({
  create: `mutation ($input: OrganizationInput!, $key: String) { ${side}CreateOrganization(input: $input, idempotencyKey: $key) { ${ORG} } }`,
  update: `mutation ($id: ID!, $version: Int!, $input: OrganizationUpdateInput!) { ${side}UpdateOrganization(id: $id, version: $version, input: $input) { ${ORG} name } }`,
  merge: `mutation ($id: ID!, $version: Int!, $successorId: ID!, $mergedOn: Date!) { ${side}MergeOrganization(id: $id, version: $version, successorId: $successorId, mergedOn: $mergedOn) { ${ORG} dissolvedOn } }`,
  dissolve: `mutation ($id: ID!, $version: Int!, $dissolvedOn: Date!) { ${side}DissolveOrganization(id: $id, version: $version, dissolvedOn: $dissolvedOn) { ${ORG} dissolvedOn } }`,
  end: `mutation ($id: ID!, $version: Int!, $endedOn: Date!) { ${side}EndPost(id: $id, version: $version, endedOn: $endedOn) { id version endedOn } }`,
  withdraw: `mutation ($id: ID!, $reason: String!, $key: String) { ${side}WithdrawRecord(id: $id, reason: $reason, idempotencyKey: $key) { id type reason } }`,
  updatePerson: `mutation ($id: ID!, $version: Int!, $input: PersonUpdateInput!, $key: String) { ${side}UpdatePerson(id: $id, version: $version, input: $input, idempotencyKey: $key) { id version phone organization { id } } }`,
});

const JOINT = {
  create: `mutation ($input: AllianceInput!, $key: String) { createAlliance(input: $input, idempotencyKey: $key) { id version members { organization { id ... on Organization { name } } } } }`,
  add: `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!) { addAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn) { id version } }`,
  remove: `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $leftOn: Date!) { removeAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, leftOn: $leftOn) { id version } }`,
  correct: `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!, $leftOn: Date, $key: String) { correctAllianceMemberLeaving(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn, leftOn: $leftOn, idempotencyKey: $key) { id version members(includePast: true) { joinedOn leftOn } } }`,
  sign: `mutation ($input: AgreementInput!) { signAgreement(input: $input) { id signatories { id ... on Organization { name } } items { id } } }`,
  set: `mutation ($input: FigureTargetInput!) { setFigureTarget(input: $input) { id version } }`,
  unset: `mutation ($id: ID!) { removeFigureTarget(id: $id) { id removedAt } }`,
  withdraw: `mutation ($id: ID!, $reason: String!, $key: String) { withdrawAgreement(id: $id, reason: $reason, idempotencyKey: $key) { id type reason } }`,
  update: `mutation ($id: ID!, $version: Int!, $input: AllianceUpdateInput!) { updateAlliance(id: $id, version: $version, input: $input) { id version name foundedOn members { joinedOn } } }`,
  close: `mutation ($id: ID!, $version: Int!, $closedOn: Date!) { closeAlliance(id: $id, version: $version, closedOn: $closedOn) { id version closedOn } }`,
};

describe.skipIf(skipWithoutSystemPostgres("every write and read as the runtime roles on Debian's PostgreSQL"))('every write and read of the supergraph as the runtime roles', () => {
  beforeAll(async () => {
    server = await SystemPostgres.create();
    // Closed by default, as docs/operations.md allows: CONNECT to the two roles and nothing more (no TEMP).
    stores = await createOwnerAndRuntimeStores(server, STORES, { closed: true });
    const migrate = await stores.migrate(['--grant-runtime']);
    if (migrate.code !== 0) throw new Error(`npm run migrate -- --grant-runtime failed:\n${migrate.lines.join('\n')}`);
    await Promise.all(STORES.map(seedAsOwner));
    federation = await startFederation({
      production: true,
      stores: Object.fromEntries(STORES.map((store) => [store, { databaseUrl: runtimeUrl(store) }])),
      responseCacheTtlMs: 60_000,
      logDestination: { write: (line: string) => void (JSON.parse(line).level >= 50 && logged.push(line)) },
    });
    for (const store of STORES) expect((await federation.subgraphs[store]!.pool.query('SELECT current_user AS role')).rows).toEqual([{ role: `${store}_runtime` }]);
    fixtures = await loadFixtures(federation);
    seedAlliance = (await ask(`{ alliances(first: 1) { edges { node { id } } } }`, {}, 'viewer')).data!.alliances.edges[0].node;
    const person = RECORDS.find((c) => c.write === 'CreatePerson')!;
    for (const side of SIDES) {
      for (let i = 0; i < 14; i++) holders[side].push((await writes(singleDoc(side, person), { input: person.input(fixtures[side], fixtures[OTHER[side]]) })).id);
    }
  }, 180_000);
  afterAll(async () => {
    await federation?.stop();
    await server?.remove();
  });

  describe.each(SIDES)('%s', (side) => {
    const fx = () => fixtures[side];
    const other = () => fixtures[OTHER[side]];
    const d = docs(side);

    test('organizations: created (and retried with its key), updated, merged, dissolved; each refused by a rule', async () => {
      const input = (name: string) => ({ name: uniqueName(name), kind: '党支部', level: '村', parentId: fx().town.id, regionId: fx().region.id, foundedOn: '2020-01-01' });
      const retried = input('运行角色党支部');
      const retryKey = key();
      const a = await writes(d.create, { input: retried, key: retryKey });
      expect(await writes(d.create, { input: retried, key: retryKey })).toEqual(a);
      await refused(d.create, { input: { ...input('他方辖区党支部'), regionId: other().region.id } });

      const updated = await writes(d.update, { id: a.id, version: a.version, input: { name: uniqueName('更名党支部') } });
      await refused(d.update, { id: a.id, version: a.version, input: { name: uniqueName('过期版本') } });

      const b = await writes(d.create, { input: input('被合并党支部') });
      const appoint = RECORDS.find((r) => r.write === 'AppointToPost')!;
      const held = await writes(singleDoc(side, appoint), { input: { ...appoint.input(fx(), other()), organizationId: b.id, startedOn: '2023-01-01' } });
      const c = await writes(d.create, { input: input('合并后党支部') });
      expect(await writes(d.merge, { id: b.id, version: b.version, successorId: c.id, mergedOn: '2024-01-01' })).toMatchObject({ dissolvedOn: '2024-01-01' });
      // Its post ended with the merger.
      expect(await asOwner(side, 'SELECT ended_on::text FROM post WHERE id = $1', [held.id])).toEqual([{ ended_on: '2024-01-01' }]);
      await refused(d.merge, { id: c.id, version: c.version, successorId: updated.id, mergedOn: TOMORROW() });

      const dissolving = await writes(d.create, { input: input('撤销党支部') });
      expect(await writes(d.dissolve, { id: dissolving.id, version: dissolving.version, dissolvedOn: '2024-02-01' })).toMatchObject({ dissolvedOn: '2024-02-01' });
      await refused(d.dissolve, { id: c.id, version: c.version, dissolvedOn: TOMORROW() });
    });

    test('people: corrected and transferred (and retried with its key), the change in the owner\'s table; refused by a rule', async () => {
      const person = RECORDS.find((r) => r.write === 'CreatePerson')!;
      const created = await writes(singleDoc(side, person), { input: person.input(fx(), other()) });
      const to = await writes(d.create, { input: { name: uniqueName('转入党支部'), kind: '党支部', level: '村', parentId: fx().town.id, regionId: fx().region.id, foundedOn: '2020-01-01' } });
      const retryKey = key();
      const variables = { id: created.id, version: 1, input: { phone: '13900139000', organizationId: to.id }, key: retryKey };
      const moved = await writes(d.updatePerson, variables);
      expect(moved).toMatchObject({ version: 2, phone: '13900139000', organization: { id: to.id } });
      expect(await writes(d.updatePerson, variables)).toMatchObject({ id: created.id, version: 2 });
      expect(await asOwner(side, 'SELECT organization_id, phone, version FROM person WHERE id = $1', [created.id])).toEqual([{ organization_id: to.id, phone: '13900139000', version: 2 }]);
      await refused(d.updatePerson, { id: created.id, version: 1, input: { phone: '13700137000' } });
      await refused(d.updatePerson, { id: created.id, version: 2, input: { organizationId: other().town.id } });
    });

    test('every record write and its import: written, retried with its key, refused by a rule; imports row by row, all or nothing, dry run', async () => {
      for (const c of RECORDS) {
        const input = c.input(fx(), other());
        const retryKey = key();
        const first = await writes(singleDoc(side, c), { input, key: retryKey });
        const again = (await ask(singleDoc(side, c), { input, key: retryKey }, `${side}-operator`)).data?.[`${side}${c.write}`];
        expect(again, `${c.write} retried`).toEqual(first);
        await refused(singleDoc(side, c), { input: { ...c.input(fx(), other()), ...c.bad(fx(), other()) } });

        const doc = importDoc(side, c);
        const good = () => ({ input: c.input(fx(), other()), idempotencyKey: key() });
        const bad = () => ({ input: { ...c.input(fx(), other()), ...c.bad(fx(), other()) }, idempotencyKey: key() });
        const rows = [good(), bad()];
        // Row by row: the good row written, the refused one frees its key.
        expect(await writes(doc, { rows, mode: 'ROW_BY_ROW', dryRun: false })).toMatchObject({ committed: true, created: 1, refused: 1 });
        // The same file again: the written row is 已存在, nothing new.
        expect(await writes(doc, { rows: [rows[0]], mode: 'ROW_BY_ROW', dryRun: false })).toMatchObject({ committed: true, created: 0, existing: 1 });
        // All or nothing: with a refused row nothing is written; without, everything.
        const whole = [good(), good()];
        expect((await refused(doc, { rows: [...whole, bad()], mode: 'ALL_OR_NOTHING', dryRun: false })).data![`${side}${c.importField}`]).toMatchObject({ committed: false, created: 0, refused: 1 });
        expect(await writes(doc, { rows: whole, mode: 'ALL_OR_NOTHING', dryRun: false })).toMatchObject({ committed: true, created: 2, refused: 0 });
        // A dry run writes nothing.
        const dry = (await ask(doc, { rows: [good(), bad()], mode: 'ROW_BY_ROW', dryRun: true }, `${side}-operator`)).data![`${side}${c.importField}`];
        expect(dry, `${c.importField} dry run`).toMatchObject({ committed: false, refused: 1 });
      }
    });

    test('a post ended, and refused an end before its start', async () => {
      const appoint = RECORDS.find((c) => c.write === 'AppointToPost')!;
      const { id, version } = await writes(singleDoc(side, appoint).replace('{ id }', '{ id version }'), { input: appoint.input(fx(), other()) });
      const post = { id };
      await refused(d.end, { id: post.id, version, endedOn: '2000-01-01' });
      expect(await writes(d.end, { id: post.id, version, endedOn: '2024-06-01' })).toMatchObject({ endedOn: '2024-06-01' });
    });

    test('a record withdrawn into the archive, retried with its key; withdrawing it again is refused', async () => {
      const activity = RECORDS.find((c) => c.write === 'RecordActivity')!;
      const record = (await ask(singleDoc(side, activity), { input: activity.input(fx(), other()) }, `${side}-operator`)).data![`${side}RecordActivity`];
      const withdrawKey = key();
      const answer = await writes(d.withdraw, { id: record.id, reason: '运行角色测试', key: withdrawKey });
      expect(answer).toMatchObject({ id: record.id, type: 'Activity', reason: '运行角色测试' });
      expect((await ask(d.withdraw, { id: record.id, reason: '运行角色测试', key: withdrawKey }, `${side}-operator`)).data).toEqual({ [`${side}WithdrawRecord`]: answer });
      await refused(d.withdraw, { id: record.id, reason: '再次撤销' });
      expect(await asOwner(side, 'SELECT id, reason FROM withdrawn_record WHERE id = $1', [record.id])).toEqual([{ id: record.id, reason: '运行角色测试' }]);
      expect(await asOwner(side, 'SELECT id FROM activity WHERE id = $1', [record.id])).toEqual([]);

      // A key whose record was withdrawn is free again: the single write and the import's row are written anew.
      const single = { input: activity.input(fx(), other()), key: key() };
      const first = await writes(singleDoc(side, activity), single);
      await writes(d.withdraw, { id: first.id, reason: '重复登记' });
      const anew = await writes(singleDoc(side, activity), single);
      expect(anew.id).not.toBe(first.id);
      const row = { input: activity.input(fx(), other()), idempotencyKey: key() };
      const imported = (await writes(importDoc(side, activity), { rows: [row], mode: 'ROW_BY_ROW', dryRun: false })).rows[0].id;
      await writes(d.withdraw, { id: imported, reason: '重复登记' });
      const again = await writes(importDoc(side, activity), { rows: [row], mode: 'ROW_BY_ROW', dryRun: false });
      expect(again).toMatchObject({ created: 1, existing: 0 });
      expect(again.rows[0].id).not.toBe(imported);
      for (const id of [first.id, imported]) written[side]!.delete(id);
    });

    test('a district’s clerk: a write inside the district, one outside refused (outside-region), the people’s personal data read', async () => {
      const { data } = await federation.query<Record<string, any>>(`{ ${side} { organizations(first: 100) { edges { node { id foundedOn dissolvedOn region { code } } } } } }`, {}, { as: `${side}-operator` });
      const live = data![side].organizations.edges.map((e: any) => e.node).filter((o: any) => !o.dissolvedOn && o.foundedOn < '2024-03-01');
      const district: string = live.find((o: any) => o.id === fx().town.id).region.code.slice(0, 6);
      const inside = live.find((o: any) => o.region.code.startsWith(district));
      const outside = live.find((o: any) => !o.region.code.startsWith(district));
      const token = await mintDevToken(federation.devKeys, `${side}-operator`, `clerk-${district}`, '1h', { name: '区县操作员', region: district });
      const as = { authorization: `Bearer ${token}` };
      const activity = RECORDS.find((c) => c.write === 'RecordActivity')!;
      const inputOf = (organizerId: string) => ({ ...activity.input(fx(), other()), organizerId, allianceId: null });
      const ok = await federation.query<Record<string, any>>(singleDoc(side, activity), { input: inputOf(inside.id) }, { as });
      expect(ok.errors, briefly(ok)).toBeUndefined();
      written[side]!.add(ok.data![`${side}RecordActivity`].id);
      if (outside) {
        const refusal = await federation.query(singleDoc(side, activity), { input: inputOf(outside.id) }, { as });
        expect(refusal.errors?.[0]?.extensions, briefly(refusal)).toMatchObject({ code: 'FORBIDDEN', rule: 'outside-region' });
      }
      const people = await federation.query<Record<string, any>>(`{ ${side} { people(first: 20) { edges { node { id phone idCardNumber birthDate address } } } } }`, {}, { as });
      expect((people.errors ?? []).map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      expect(people.data![side].people.edges.length, briefly(people)).toBeGreaterThan(0);
      // Its part of the withdrawn records and of the audit log (regionsWithin; a withdrawn record placed by the record kept).
      const logs = await federation.query<Record<string, any>>(`{ ${side} { withdrawnRecords(first: 20) { edges { node { id } } } auditLog(first: 5) { totalCount } } }`, {}, { as });
      expect(logs.errors, briefly(logs)).toBeUndefined();
      expect(logs.data![side].auditLog.totalCount, briefly(logs)).toBeGreaterThan(0);
    });
  });

  test('the joint office: an alliance created (retried with its key), joined, its agreement signed, one withdrawn, left, closed; a target set and removed; each refused by a rule', async () => {
    const [s, c] = [fixtures.sichuan.town.id, fixtures.chongqing.town.id];
    const input = { kind: '毗邻村联村党组织', name: uniqueName('运行角色联村党组织'), foundedOn: '2023-03-01', memberIds: [s, c] };
    const allianceKey = key();
    let alliance = await writes(JOINT.create, { input, key: allianceKey });
    expect(alliance.members.map((m: { organization: { name: string } | null }) => m.organization?.name)).not.toContain(undefined);
    expect(await writes(JOINT.create, { input, key: allianceKey })).toEqual(alliance);
    await refused(JOINT.create, { input: { ...input, name: uniqueName('未来联盟'), foundedOn: TOMORROW() } });

    // Its name and founding day corrected (the founders' joining day with it); a founding day in the future refused.
    await refused(JOINT.update, { id: alliance.id, version: alliance.version, input: { foundedOn: TOMORROW() } });
    alliance = { ...alliance, ...(await writes(JOINT.update, { id: alliance.id, version: alliance.version, input: { name: uniqueName('更正联村党组织'), foundedOn: '2023-02-20' } })) };
    expect(alliance.members.map((m: { joinedOn: string }) => m.joinedOn)).toEqual(['2023-02-20', '2023-02-20']);

    const joining = fixtures.sichuan.organizations.find((o) => !o.dissolvedOn && o.id !== s && o.foundedOn <= '2023-06-01')!.id;
    await refused(JOINT.add, { allianceId: alliance.id, version: alliance.version + 5, organizationId: joining, joinedOn: '2023-06-01' });
    alliance = await writes(JOINT.add, { allianceId: alliance.id, version: alliance.version, organizationId: joining, joinedOn: '2023-06-01' });

    const agreement = { allianceId: alliance.id, title: uniqueName('运行角色协议'), signedOn: '2023-07-01', signatoryIds: [s, c], items: [{ category: '党建共抓', title: '联合主题党日' }] };
    const signed = await writes(JOINT.sign, { input: agreement });
    written.joint!.add(signed.items[0].id);
    await refused(JOINT.sign, { input: { ...agreement, signedOn: TOMORROW() } });

    // An agreement registered in error, withdrawn into the archive (retried with its key); again, refused.
    const erroneous = await writes(JOINT.sign, { input: { ...agreement, title: uniqueName('误录协议') } });
    const withdrawKey = key();
    const withdrawn = await writes(JOINT.withdraw, { id: erroneous.id, reason: '运行角色测试', key: withdrawKey });
    expect(withdrawn).toMatchObject({ id: erroneous.id, type: 'Agreement', reason: '运行角色测试' });
    expect((await ask(JOINT.withdraw, { id: erroneous.id, reason: '运行角色测试', key: withdrawKey }, 'joint-operator')).data).toEqual({ withdrawAgreement: withdrawn });
    await refused(JOINT.withdraw, { id: erroneous.id, reason: '再次撤销' });
    written.joint!.delete(erroneous.id);
    expect(await asOwner('joint', 'SELECT id FROM withdrawn_record WHERE id = $1', [erroneous.id])).toEqual([{ id: erroneous.id }]);
    expect(await asOwner('joint', 'SELECT id FROM agreement WHERE id = $1', [erroneous.id])).toEqual([]);

    await refused(JOINT.remove, { allianceId: alliance.id, version: alliance.version + 5, organizationId: joining, leftOn: '2024-01-01' });
    alliance = await writes(JOINT.remove, { allianceId: alliance.id, version: alliance.version, organizationId: joining, leftOn: '2024-01-01' });

    // Its leaving day recorded in error, corrected (retried with its key); a day in the future refused.
    await refused(JOINT.correct, { allianceId: alliance.id, version: alliance.version, organizationId: joining, joinedOn: '2023-06-01', leftOn: TOMORROW() });
    const correctKey = key();
    const leave = { allianceId: alliance.id, version: alliance.version, organizationId: joining, joinedOn: '2023-06-01', leftOn: '2024-02-01', key: correctKey };
    const corrected = await writes(JOINT.correct, leave);
    expect(corrected.members.find((m: { joinedOn: string }) => m.joinedOn === '2023-06-01')).toEqual({ joinedOn: '2023-06-01', leftOn: '2024-02-01' });
    expect((await ask(JOINT.correct, leave, 'joint-operator')).data).toEqual({ correctAllianceMemberLeaving: corrected });
    alliance = corrected;

    await refused(JOINT.close, { id: alliance.id, version: alliance.version, closedOn: '2020-01-01' });
    expect(await writes(JOINT.close, { id: alliance.id, version: alliance.version, closedOn: '2024-06-01' })).toMatchObject({ closedOn: '2024-06-01' });

    const target = await writes(JOINT.set, { input: { figure: 'jointSeminarSessions', jurisdiction: 'sichuan', from: '2026-07-01', to: '2026-12-31', value: 12, note: '运行角色测试' } });
    await refused(JOINT.set, { input: { figure: 'noSuchFigure', jurisdiction: null, from: '2026-07-01', to: '2026-12-31', value: 12 } });
    expect((await writes(JOINT.unset, { id: target.id })).removedAt).not.toBeNull();
    await refused(JOINT.unset, { id: 'joint:FigureTarget:nobody' });
  });

  test('every read: each side’s lists, figures, withdrawn records, references, dataAsOf, audit log and chain; the overview cached and not; the joint office’s', async () => {
    const LISTS = ['regions', 'organizations', 'people', 'posts', 'activities', 'serviceCases', 'facilities', 'projects', 'teams', 'teamActions', 'transportLinks', 'civilizationRecords', 'pairings', 'grids', 'withdrawnRecords'];
    const period = '{ from: "2024-01-01", to: "2024-12-31" }';
    for (const side of SIDES) {
      const response = await ask(`query RuntimeRoleSideReads {
        ${side} {
          ${LISTS.map((list) => `${list}(first: 5) { ${list === 'withdrawnRecords' ? '' : 'totalCount'} edges { node { id } } }`).join('\n')}
          activitiesSearched: activities(filter: { search: "联合" }, first: 5) { totalCount }
          crossBorderReferences { sourceId field target { id exists } }
          figures(period: ${period}) { jointSeminarSessions values { figure value } }
          allianceFigures: figures(period: ${period}, allianceId: "${seedAlliance.id}") { jointSeminarSessions }
          activitiesByMonth(period: ${period}) { month activities }
          serviceCasesByKind(period: ${period}) { kind cases }
          dataAsOf
          auditLog(first: 5) { totalCount edges { node { sequence operationName outcome } } }
          auditChain { entries verified brokenAt }
        }
      }`, {}, `${side}-operator`);
      expect(response.errors, briefly(response)).toBeUndefined();
      expect(response.data![side].withdrawnRecords.edges.length).toBeGreaterThan(0);
      expect(response.data![side].auditChain).toMatchObject({ verified: true, brokenAt: null });
    }
    const joint = await ask(`query RuntimeRoleJointReads {
      alliances(first: 5) { totalCount edges { node { id members { organization { id ... on Organization { name } } } } } }
      alliance(id: "${seedAlliance.id}") { id agreements { id } overview(period: { from: "2023-01-01", to: "2024-12-31" }) { total { jointSeminarSessions } } }
      agreements(first: 5) { totalCount edges { node { id signatories { id } } } }
      jurisdictions { code name }
      crossBorderReferences { sourceId field target { id exists } }
      figureTargets { id }
      withdrawnRecords(first: 5) { edges { node { id type reason } } }
      auditLog(first: 5) { totalCount edges { node { sequence } } }
      auditChain { entries verified brokenAt }
    }`, {}, 'joint-operator');
    expect(joint.errors, briefly(joint)).toBeUndefined();
    expect(joint.data!.auditChain).toMatchObject({ verified: true, brokenAt: null });
    expect(joint.data!.withdrawnRecords.edges.length).toBeGreaterThan(0);

    const OVERVIEW = `query RuntimeRoleOverview($period: PeriodInput, $allianceId: ID) { overview(period: $period, allianceId: $allianceId) {
      dataAsOf sichuan { jointSeminarSessions } chongqing { jointSeminarSessions } total { jointSeminarSessions }
      alliances { total } agreements { agreements } } }`;
    // Each twice: computed by the stores, then from the subgraphs' aggregate cache (as an operator),
    // or from the gateway's response cache (anonymous, public).
    for (const as of ['joint-operator', 'joint-operator', 'anonymous', 'anonymous'] as const) {
      for (const variables of [{ period: { from: '2024-01-01', to: '2024-12-31' } }, { period: { from: '2023-01-01', to: '2024-12-31' }, allianceId: seedAlliance.id }, {}]) {
        const response = await ask(OVERVIEW, variables, as);
        expect(response.errors, briefly(response)).toBeUndefined();
      }
    }
  });

  test('what was written is in the owner’s tables', async () => {
    for (const store of STORES) {
      const ids = [...written[store]!];
      expect(ids.length, store).toBeGreaterThan(0);
      const byTable = new Map<string, string[]>();
      for (const id of ids) {
        const table = id.split(':')[1]!.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
        byTable.set(table, [...(byTable.get(table) ?? []), id]);
      }
      for (const [table, wanted] of byTable) {
        const found = await asOwner<{ id: string }>(store, `SELECT id FROM ${pg.escapeIdentifier(table)} WHERE id = ANY($1)`, [wanted]);
        expect(found.map((row) => row.id).sort(), `${store}.${table}`).toEqual([...wanted].sort());
      }
    }
  });

  test('the operator’s commands with the runtime role’s URL alone: figures:verify and audit:verify read the stores; reconcile’s question to the gateway', async () => {
    // As `npm run figures:verify` and `npm run audit:verify` run them (scripts/openStore.ts picks the
    // URL), in this process: a tsx process each would cost the run seconds for nothing more.
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
    try {
      expect(await verifyFigures([], runtimeEnv()), printed.join('\n')).toBe(0);
      expect(await verifyAudit([], STORES, runtimeEnv()), printed.join('\n')).toBe(0);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    for (const side of SIDES) expect(printed).toContain(`${side}: every figure's rollup equals its recomputation from the records`);
    for (const store of STORES) expect(printed).toContainEqual(expect.stringMatching(new RegExp(`^${store}: the chain of .* is intact`)));
    // `npm run reconcile` asks the gateway this, as the joint office's operator.
    const reconciliation = await ask(RECONCILIATION_QUERY, {}, 'joint-operator');
    expect(reconciliation.errors, briefly(reconciliation)).toBeUndefined();
    expect(danglingReferences(reconciliation.data as ReconciliationData).dangling).toEqual([]);
  });

  test('every Mutation field of the supergraph was written and refused here', () => {
    const supergraph = parse(readFileSync(join(ROOT, 'schema/supergraph.graphql'), 'utf8'));
    const mutation = supergraph.definitions.find((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Mutation')!;
    const missing = mutation.fields!.map((field) => field.name.value).filter((field) => !(exercised.get(field)?.ok && exercised.get(field)?.refused));
    expect(missing, 'Mutation fields this file sends nowhere: add each, written and refused, to a test above').toEqual([]);
  });

  test('no server logged an error (a statement refused for want of a right is logged before it is masked)', () => {
    expect(logged).toEqual([]);
  });
});
