import { randomUUID } from 'node:crypto';
import { Kind, parse, type DocumentNode } from 'graphql';
import { expect } from 'vitest';
import type { Role } from '@linju/access';
import type { Federation, GraphQLResponse } from '@linju/testing';
import { federationSnapshot } from '@linju/testing';
import { todayInChina } from '@linju/contract';

/**
 * What the writes tests share: the seed records they write against (found by querying the
 * federation, not by hard-coded IDs), error assertions, and the "refused, and nothing changed
 * anywhere" check built on the stores' snapshots.
 */

export type Side = 'sichuan' | 'chongqing';
export const OTHER: Record<Side, Side> = { sichuan: 'chongqing', chongqing: 'sichuan' };
export const PREFIX: Record<Side, string> = { sichuan: 'Sichuan', chongqing: 'Chongqing' };

type Response = GraphQLResponse<Record<string, unknown>>;

/**
 * The federation as its clerks use it: a write is sent by the operator of the store it writes
 * (`sichuanCreateOrganization` → `sichuan-operator`), anything else as a viewer. These tests are
 * about what a write does; who may write is the security tests' business.
 */
export function asClerks(federation: Federation): Federation {
  return {
    ...federation,
    query<TData>(document: string | DocumentNode, variables?: Record<string, unknown>, options?: { as?: Role }) {
      return federation.query<TData>(document, variables, options ?? { as: writerOf(document) });
    },
  };
}

function writerOf(document: string | DocumentNode): Role {
  const operation = (typeof document === 'string' ? parse(document) : document).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'mutation') return 'viewer';
  const field = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  const home = field?.kind === Kind.FIELD ? /^(sichuan|chongqing|joint)[A-Z]/.exec(field.name.value)?.[1] : undefined;
  return home ? (`${home}-operator` as Role) : 'viewer';
}

/** Today in China, the writes' "today" (the server's clock zone does not matter). */
export { todayInChina };

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const TOMORROW = (): string => addDays(todayInChina(), 1);

/** A name no seed record has, so a written record can be found again by `search`. */
export function uniqueName(label: string): string {
  return `${label}${randomUUID().slice(0, 8)}`;
}

export const newKey = (): string => `test-${randomUUID()}`;

/** The answer had no errors; returns its data. */
export function dataOf<T = Record<string, any>>(response: GraphQLResponse<unknown>): T {
  expect(response.errors, JSON.stringify(response.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })))).toBeUndefined();
  expect(response.data).toBeTruthy();
  return response.data as T;
}

export interface ExpectedError {
  code: string;
  /** The rule's name in `extensions.rule`; `null` when the error carries none (NOT_FOUND, CONFLICT …). */
  rule?: string | null;
  /** The input field in `extensions.field`, which the message must name too. */
  field?: string;
  /** Something else the message must say. */
  message?: string | RegExp;
}

/** The answer is the refusal expected: no data, the first error with its code, rule and field. */
export function expectError(response: Response, expected: ExpectedError): NonNullable<Response['errors']>[number] {
  const error = response.errors?.[0];
  expect(error, `expected ${expected.code}, got ${JSON.stringify(response).slice(0, 600)}`).toBeDefined();
  const seen = { code: error!.extensions?.code, rule: error!.extensions?.rule ?? null, field: error!.extensions?.field };
  expect(seen, error!.message).toEqual({
    code: expected.code,
    rule: expected.rule === undefined ? seen.rule : expected.rule,
    field: expected.field === undefined ? seen.field : expected.field,
  });
  if (expected.field) expect(error!.message).toContain(expected.field);
  if (expected.message) expect(error!.message).toMatch(expected.message);
  // `中文 / English`: the Chinese half is the clerk's, with no internal ID (the English half has them);
  // a malformed ID is the caller's own text, quoted back.
  if (error!.message.includes(' / ') && seen.rule !== 'malformed-id') expect(error!.message.split(' / ')[0], 'the Chinese half names no internal ID').not.toMatch(/\b[a-z]+:[A-Z][A-Za-z]*:[a-z0-9]/);
  // Every payload is non-null, so a refused write answers no data at all.
  expect(response.data ?? null).toBeNull();
  return error!;
}

/** Sends a write that must be refused, and proves that no table of any store changed. */
export async function expectRefused(
  federation: Federation,
  send: () => Promise<Response>,
  expected: ExpectedError,
): Promise<NonNullable<Response['errors']>[number]> {
  const before = await federationSnapshot(federation.subgraphs);
  const response = await send();
  const error = expectError(response, expected);
  expect(await federationSnapshot(federation.subgraphs)).toEqual(before);
  return error;
}

/** The stores whose snapshot differs between two federation snapshots. */
export function changedStores(
  before: Record<string, Record<string, string>>,
  after: Record<string, Record<string, string>>,
): Record<string, string[]> {
  const changed: Record<string, string[]> = {};
  for (const store of Object.keys({ ...before, ...after })) {
    const tables = Object.keys({ ...before[store], ...after[store] }).filter((t) => before[store]?.[t] !== after[store]?.[t]);
    if (tables.length) changed[store] = tables.sort();
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Seed records the tests write against, found through the gateway.

export interface OrgFixture {
  id: string;
  name: string;
  kind: string;
  level: string;
  foundedOn: string;
  dissolvedOn: string | null;
  version: number;
  region: { id: string };
  posts: { id: string; title: string; startedOn: string; endedOn: string | null; version: number }[];
}

export interface SideFixtures {
  side: Side;
  organizations: OrgFixture[];
  /** A live town committee (乡镇 党委) of the side, its region, and another region below the district. */
  town: OrgFixture;
  region: { id: string; name: string };
  otherRegion: { id: string; name: string };
  /** An organization dissolved in the seed, when the side has one. */
  dissolved: OrgFixture | undefined;
  /** A person of a live organization. */
  person: { id: string; name: string; organization: { id: string; name: string } };
  /** A second person, of another live organization. */
  otherPerson: { id: string; name: string; organization: { id: string; name: string } };
  /** A team of a live organization. */
  team: { id: string; name: string; category: string; kind: string; foundedOn: string; organization: { id: string } };
  /** A live organization with a 书记 in office, and that post. */
  secretaryPost: { organization: OrgFixture; post: OrgFixture['posts'][number] };
}

const FIXTURES = `
fragment Side on Jurisdiction {
  organizations(first: 100) { edges { node {
    id name kind level foundedOn dissolvedOn version region { id }
    posts { id title startedOn endedOn version }
  } } }
  people(first: 100) { edges { node { id name organization { id name dissolvedOn } } } }
  teams(first: 100) { edges { node { id name category kind foundedOn organization { id dissolvedOn } } } }
  regions(first: 100) { edges { node { id name level } } }
}
query Fixtures { sichuan { ...Side } chongqing { ...Side } }`;

type Nodes<T> = { edges: { node: T }[] };
interface SideData {
  organizations: Nodes<OrgFixture>;
  people: Nodes<{ id: string; name: string; organization: { id: string; name: string; dissolvedOn: string | null } }>;
  teams: Nodes<{ id: string; name: string; category: string; kind: string; foundedOn: string; organization: { id: string; dissolvedOn: string | null } }>;
  regions: Nodes<{ id: string; name: string; level: string }>;
}

function pick<T>(items: T[], what: string, test: (item: T) => boolean): T {
  const found = items.find(test);
  if (!found) throw new Error(`The seed has no ${what}`);
  return found;
}

export async function loadFixtures(federation: Federation): Promise<Record<Side, SideFixtures>> {
  const data = dataOf<Record<Side, SideData>>(await federation.query(FIXTURES));
  const bySide = (side: Side): SideFixtures => {
    const d = data[side];
    const organizations = d.organizations.edges.map((e) => e.node);
    const live = organizations.filter((o) => !o.dissolvedOn);
    const town = pick(live, `live ${side} town committee`, (o) => o.level === '乡镇' && o.kind === '党委');
    const regions = d.regions.edges.map((e) => e.node);
    const region = pick(regions, `region of ${town.id}`, (r) => r.id === town.region.id);
    const otherRegion = pick(regions, `${side} region other than ${region.id}`, (r) => r.id !== region.id && r.level !== '区');
    const people = d.people.edges
      .map((e) => e.node)
      .filter((p) => !p.organization.dissolvedOn)
      .map((p) => ({ id: p.id, name: p.name, organization: { id: p.organization.id, name: p.organization.name } }));
    const person = pick(people, `${side} person of a live organization`, () => true);
    const otherPerson = pick(people, `second ${side} person`, (p) => p.organization.id !== person.organization.id);
    const team = pick(d.teams.edges.map((e) => e.node), `${side} team of a live organization`, (t) => !t.organization.dissolvedOn);
    const secretaryOrg = pick(live, `live ${side} organization with a 书记 in office`, (o) => o.posts.some((p) => p.title === '书记' && !p.endedOn));
    return {
      side,
      organizations,
      town,
      region,
      otherRegion,
      dissolved: organizations.find((o) => o.dissolvedOn),
      person,
      otherPerson,
      team,
      secretaryPost: { organization: secretaryOrg, post: secretaryOrg.posts.find((p) => p.title === '书记' && !p.endedOn)! },
    };
  };
  return { sichuan: bySide('sichuan'), chongqing: bySide('chongqing') };
}

// ---------------------------------------------------------------------------------------------
// Writes the tests make often, with their documents.

export const ORG_FIELDS = `id name kind level foundedOn dissolvedOn version region { id name } parent { id name } mergedInto { id name } mergedFrom { id } jurisdiction { key }`;

export interface Org {
  id: string;
  name: string;
  kind: string;
  level: string;
  foundedOn: string;
  dissolvedOn: string | null;
  version: number;
  region: { id: string; name: string };
  parent: { id: string; name: string } | null;
  mergedInto: { id: string; name: string } | null;
  mergedFrom: { id: string }[];
  jurisdiction: { key: string };
}

export function createOrganizationDoc(side: Side): string {
  return `mutation ($input: OrganizationInput!, $key: String) { ${side}CreateOrganization(input: $input, idempotencyKey: $key) { ${ORG_FIELDS} } }`;
}

/** Creates a fresh organization (a 党支部 under the side's town committee) for a test to change. */
export async function createOrganization(
  federation: Federation,
  fx: SideFixtures,
  input: Partial<{ name: string; kind: string; level: string; parentId: string | null; regionId: string; foundedOn: string }> = {},
): Promise<Org> {
  const response = await federation.query(createOrganizationDoc(fx.side), {
    input: { name: uniqueName('测试党支部'), kind: '党支部', level: '村', parentId: fx.town.id, regionId: fx.region.id, foundedOn: '2020-01-01', ...input },
  });
  return dataOf<Record<string, Org>>(response)[`${fx.side}CreateOrganization`]!;
}

export const POST_FIELDS = `id title startedOn endedOn crossBorder version organization { id name } holder { __typename id name organization { id name } }`;

export interface Post {
  id: string;
  title: string;
  startedOn: string;
  endedOn: string | null;
  crossBorder: boolean;
  version: number;
  organization: { id: string; name: string };
  holder: { __typename: string; id: string; name: string; organization: { id: string; name: string } };
}

export function appointDoc(side: Side): string {
  return `mutation ($input: PostInput!, $key: String) { ${side}AppointToPost(input: $input, idempotencyKey: $key) { ${POST_FIELDS} } }`;
}

export async function appoint(
  federation: Federation,
  side: Side,
  input: { organizationId: string; title: string; holderId: string; startedOn: string; allianceId?: string },
): Promise<Post> {
  return dataOf<Record<string, Post>>(await federation.query(appointDoc(side), { input }))[`${side}AppointToPost`]!;
}

/** Reads one record back with a separate query: the side's list, filtered, then the record by ID. */
export async function readBack<T extends { id: string }>(
  federation: Federation,
  side: Side,
  list: string,
  filter: Record<string, unknown>,
  id: string,
  fields: string,
): Promise<T | undefined> {
  const response = await federation.query(
    `query ($filter: RecordFilter) { ${side} { ${list}(filter: $filter, first: 100) { edges { node { id ${fields} } } } } }`,
    { filter },
  );
  const edges = dataOf<Record<Side, Record<string, Nodes<T>>>>(response)[side]![list]!.edges;
  return edges.map((e) => e.node).find((n) => n.id === id);
}

// Resident ID numbers (GB 11643), computed here independently of the code under test.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The 17 leading characters of a resident ID number with its check character appended. */
export const withIdCheck = (first17: string): string =>
  `${first17}${'10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * ID_WEIGHTS[i]!, 0) % 11]}`;

/** The ID number with its check character replaced by a wrong one. */
export const withWrongCheck = (id: string): string => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
