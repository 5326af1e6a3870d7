import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { startFederation, type Federation } from '@linju/testing';
import {
  addDays,
  appoint,
  asClerks,
  createOrganization,
  dataOf,
  expectRefused,
  loadFixtures,
  newKey,
  todayInChina,
  uniqueName,
  withIdCheck,
  withWrongCheck,
  type ExpectedError,
  type Org,
  type Side,
  type SideFixtures,
} from './writeSupport.ts';

/**
 * Correcting a person and transferring a member to another organization of the side (UpdatePerson)
 * through the gateway on the real stores: each field corrected, a transfer that leaves the member's
 * posts as they are, every refusal writing nothing, a stale version, a replay, and the audit entry
 * naming the fields changed and never their values.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

let sequence = Date.now() % 400;
/** A valid ID number no other test holds, for a birth date and gender. */
function residentId(birthDate: string, gender: '男' | '女'): string {
  sequence = (sequence + 1) % 500;
  return withIdCheck(`510904${birthDate.replaceAll('-', '')}${String(sequence * 2 + (gender === '男' ? 1 : 0)).padStart(3, '0')}`);
}

const PERSON_FIELDS = 'id name gender phone idCardNumber birthDate address version organization { id name } posts { id endedOn version }';
interface Person {
  id: string;
  name: string;
  gender: string | null;
  phone: string | null;
  idCardNumber: string | null;
  birthDate: string | null;
  address: string | null;
  version: number;
  organization: { id: string; name: string };
  posts: { id: string; endedOn: string | null; version: number }[];
}

const createDoc = (side: Side) => `mutation ($input: PersonInput!) { ${side}CreatePerson(input: $input) { ${PERSON_FIELDS} } }`;
const updateDoc = (side: Side) =>
  `mutation UpdatePersonTest($id: ID!, $version: Int!, $input: PersonUpdateInput!, $key: String) { ${side}UpdatePerson(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${PERSON_FIELDS} } }`;

async function createPerson(side: Side, input: Record<string, unknown> = {}, options?: Parameters<Federation['query']>[2]): Promise<Person> {
  const born = '1980-05-01';
  const full = { name: uniqueName('测试党员'), gender: '男', organizationId: fixtures[side].town.id, phone: '13800138000', idCardNumber: residentId(born, '男'), birthDate: born, address: '测试路 1 号', ...input };
  return dataOf<Record<string, Person>>(await federation.query(createDoc(side), { input: full }, options))[`${side}CreatePerson`]!;
}

async function update(side: Side, person: { id: string; version: number }, input: Record<string, unknown>, key?: string): Promise<Person> {
  return dataOf<Record<string, Person>>(await federation.query(updateDoc(side), { id: person.id, version: person.version, input, key }))[`${side}UpdatePerson`]!;
}

/** The person as the side's operator reads it back, found by name in the side's list. */
async function readById(side: Side, id: string): Promise<Person> {
  const { rows } = await federation.subgraphs[side]!.pool.query<{ name: string }>('SELECT name FROM person WHERE id = $1', [id]);
  const answer = await federation.query(`query ($search: String) { ${side} { people(first: 100, filter: { search: $search }) { edges { node { ${PERSON_FIELDS} } } } } }`, { search: rows[0]!.name }, { as: `${side}-operator` });
  return dataOf<Record<Side, { people: { edges: { node: Person }[] } }>>(answer)[side]!.people.edges.map((e) => e.node).find((p) => p.id === id)!;
}

/** The audit entries a store appended after `seq`, as stored. */
async function entriesAfter(side: Side, seq: number): Promise<{ seq: number; fields: string[]; kind: string; ids: string[]; outcome: string; error_codes: string[]; text: string }[]> {
  const { rows } = await federation.subgraphs[side]!.pool.query(
    'SELECT seq::int AS seq, fields, kind, ids, outcome, error_codes, a::text AS text FROM audit_log a WHERE seq > $1 ORDER BY a.seq',
    [seq],
  );
  return rows;
}
const lastSeq = async (side: Side): Promise<number> => Number((await federation.subgraphs[side]!.pool.query('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_log')).rows[0].seq);

describe.each(['sichuan', 'chongqing'] as const)('corrections and transfers on %s', (side) => {
  test('each field is corrected on its own, the version going up by one each time; null clears an optional field', async () => {
    const person = await createPerson(side);
    expect(person.version).toBe(1);
    const name = uniqueName('更正姓名');
    let now = await update(side, person, { name: ` ${name} ` });
    expect(now).toMatchObject({ name, version: 2, phone: person.phone, idCardNumber: person.idCardNumber });
    now = await update(side, now, { phone: '139 0013 9000' });
    expect(now).toMatchObject({ phone: '13900139000', version: 3 });
    now = await update(side, now, { address: '新住址 8 号' });
    expect(now).toMatchObject({ address: '新住址 8 号', version: 4 });
    // A mistyped ID number is corrected with its birth date and gender, which it must agree with.
    const born = '1983-09-09';
    const id = residentId(born, '女');
    now = await update(side, now, { idCardNumber: id.toLowerCase(), birthDate: born, gender: '女' });
    expect(now).toMatchObject({ idCardNumber: id, birthDate: born, gender: '女', version: 5 });
    now = await update(side, now, { phone: null, address: null, idCardNumber: null, birthDate: null, gender: null });
    expect(now).toMatchObject({ phone: null, address: null, idCardNumber: null, birthDate: null, gender: null, version: 6 });
    // A birth date alone, then an ID number agreeing with it.
    now = await update(side, now, { birthDate: '1990-01-02' });
    now = await update(side, now, { idCardNumber: residentId('1990-01-02', '男') });
    expect(now).toMatchObject({ birthDate: '1990-01-02', version: 8 });
    expect(await readById(side, person.id)).toEqual(now);
  });

  test('a name lined up with spaces (陈  刚, 何　平) is kept without them, created or corrected, and found by its characters', async () => {
    const tag = uniqueName('').slice(0, 4);
    const created = await createPerson(side, { name: `陈  刚${tag}` });
    expect(created.name).toBe(`陈刚${tag}`);
    const corrected = await update(side, created, { name: `何\u3000平${tag}` });
    expect(corrected.name).toBe(`何平${tag}`);
    expect(await readById(side, created.id)).toEqual(corrected);
    // Searched for as typed, spaces and all, the person is found.
    const found = await federation.query(`query ($search: String) { ${side} { people(first: 5, filter: { search: $search }) { edges { node { id } } } } }`, { search: `何 平${tag}` }, { as: `${side}-operator` });
    expect(dataOf<Record<Side, { people: { edges: { node: { id: string } }[] } }>>(found)[side]!.people.edges.map((e) => e.node.id)).toEqual([created.id]);
  });

  test('a transfer moves the member to another organization of the side; their posts stay where they are', async () => {
    const fx = fixtures[side];
    const from = await createOrganization(federation, fx, { foundedOn: '2010-01-01' });
    const to = await createOrganization(federation, fx, { foundedOn: '2010-01-01' });
    const person = await createPerson(side, { organizationId: from.id });
    const post = await appoint(federation, side, { organizationId: from.id, title: '书记', holderId: person.id, startedOn: '2020-01-01' });
    const moved = await update(side, person, { organizationId: to.id });
    expect(moved).toMatchObject({ organization: { id: to.id, name: to.name }, version: 2, posts: [{ id: post.id, endedOn: null, version: post.version }] });
    const { rows } = await federation.subgraphs[side]!.pool.query('SELECT organization_id, ended_on, version FROM post WHERE id = $1', [post.id]);
    expect(rows).toEqual([{ organization_id: from.id, ended_on: null, version: post.version }]);
  });

  test('a replay with the same key answers the first correction and writes nothing more; the key with another input is refused', async () => {
    const person = await createPerson(side);
    const key = newKey();
    const first = await update(side, person, { name: uniqueName('幂等') }, key);
    const again = dataOf<Record<string, Person>>(await federation.query(updateDoc(side), { id: person.id, version: person.version, input: { name: first.name }, key }))[`${side}UpdatePerson`]!;
    expect(again).toMatchObject({ id: person.id, name: first.name, version: 2 });
    expect((await readById(side, person.id)).version).toBe(2);
    await expectRefused(
      federation,
      () => federation.query(updateDoc(side), { id: person.id, version: person.version, input: { name: uniqueName('另一') }, key }),
      { code: 'IDEMPOTENCY_KEY_REUSED' },
    );
  });
});

describe('refusals: each names its field and rule, writes nothing and audits no change', () => {
  const side: Side = 'sichuan';
  const BAD = 'BAD_USER_INPUT';
  const born = '1975-03-03';
  let person: Person;
  let other: Person;
  let dissolved: Org;
  beforeAll(async () => {
    person = await createPerson(side, { idCardNumber: residentId(born, '男'), birthDate: born, gender: '男' });
    other = await createPerson(side);
    dissolved = await createOrganization(federation, fixtures[side], { foundedOn: '2010-01-01' });
    dataOf(await federation.query(`mutation ($id: ID!) { sichuanDissolveOrganization(id: $id, version: 1, dissolvedOn: "2020-01-01") { id } }`, { id: dissolved.id }));
  });

  const cases: [string, () => { id?: string; version?: number; input: Record<string, unknown> }, ExpectedError][] = [
    ['an input that changes nothing', () => ({ input: {} }), { code: BAD, field: 'input', rule: 'required' }],
    ['only null for the required fields', () => ({ input: { name: null, organizationId: null } }), { code: BAD, field: 'input', rule: 'required' }],
    ['values all equal to the current ones', () => ({ input: { name: person.name, phone: '138-0013-8000', organizationId: person.organization.id } }), { code: BAD, field: 'input', rule: 'required', message: /现有信息相同/ }],
    ['a blank name', () => ({ input: { name: '  ' } }), { code: BAD, field: 'name', rule: 'required' }],
    ['an unknown gender', () => ({ input: { gender: 'X' } }), { code: BAD, field: 'gender', rule: 'unknown-kind' }],
    ['a stale version', () => ({ version: 7, input: { name: uniqueName('旧版本') } }), { code: 'CONFLICT', rule: null }],
    ['a person of this side that does not exist', () => ({ id: 'sichuan:Person:nobody', input: { name: 'x' } }), { code: 'NOT_FOUND', field: 'id', rule: null }],
    ['an organization ID as the person', () => ({ id: fixtures.sichuan.town.id, input: { name: 'x' } }), { code: BAD, field: 'id', rule: 'wrong-type' }],
    ['a person of the other side', () => ({ id: fixtures.chongqing.person.id, input: { name: 'x' } }), { code: BAD, field: 'id', rule: 'wrong-jurisdiction' }],
    [
      'a transfer to an organization of the other side',
      () => ({ input: { organizationId: fixtures.chongqing.town.id } }),
      { code: BAD, field: 'organizationId', rule: 'wrong-jurisdiction', message: /^组织：只能转到四川省的党组织，所填的属于重庆市：转到重庆市的党员由重庆市的组织部门在其系统中登记/ },
    ],
    ['a transfer to an organization that does not exist', () => ({ input: { organizationId: 'sichuan:Organization:nobody' } }), { code: 'NOT_FOUND', field: 'organizationId', rule: null }],
    ['a transfer to a dissolved organization', () => ({ input: { organizationId: dissolved.id } }), { code: BAD, field: 'organizationId', rule: 'dissolved' }],
    ['a transfer to an organization dissolved in the seed', () => ({ input: { organizationId: fixtures.sichuan.dissolved!.id } }), { code: BAD, field: 'organizationId', rule: 'dissolved' }],
    ['a phone with letters', () => ({ input: { phone: '138-0013-800a' } }), { code: BAD, field: 'phone', rule: 'malformed' }],
    ['a landline without its area code', () => ({ input: { phone: '87654321' } }), { code: BAD, field: 'phone', rule: 'malformed' }],
    ['an ID number with a wrong check digit', () => ({ input: { idCardNumber: withWrongCheck(residentId(born, '男')) } }), { code: BAD, field: 'idCardNumber', rule: 'check-digit' }],
    ['an ID number of 15 digits', () => ({ input: { idCardNumber: '510903850314013' } }), { code: BAD, field: 'idCardNumber', rule: 'malformed' }],
    ['an ID number whose birth date is not the stored one', () => ({ input: { idCardNumber: residentId('1975-03-04', '男') } }), { code: BAD, field: 'idCardNumber', rule: 'mismatch' }],
    ['a woman’s ID number for the stored man', () => ({ input: { idCardNumber: residentId(born, '女') } }), { code: BAD, field: 'idCardNumber', rule: 'mismatch' }],
    ['a birth date that disagrees with the stored ID number', () => ({ input: { birthDate: '1975-03-05' } }), { code: BAD, field: 'idCardNumber', rule: 'mismatch' }],
    ['a gender that disagrees with the stored ID number', () => ({ input: { gender: '女' } }), { code: BAD, field: 'idCardNumber', rule: 'mismatch' }],
    ['a birth date in the future', () => ({ input: { birthDate: addDays(todayInChina(), 1) } }), { code: BAD, field: 'birthDate', rule: 'future-date' }],
    ['a birth date before 1900', () => ({ input: { birthDate: '1899-12-31' } }), { code: BAD, field: 'birthDate', rule: 'too-early' }],
    ['an address of 201 characters', () => ({ input: { address: '路'.repeat(201) } }), { code: BAD, field: 'address', rule: 'too-long' }],
    ['the ID number another person of the side holds', () => ({ input: { idCardNumber: other.idCardNumber, birthDate: other.birthDate, gender: other.gender } }), { code: BAD, field: 'idCardNumber', rule: 'duplicate', message: /已登记在本方人员“测试党员[0-9a-f]+”名下/ }],
  ];
  test.each(cases)('%s', async (_what, make, expected) => {
    const { id = person.id, version = person.version, input } = make();
    const seq = await lastSeq(side);
    const error = await expectRefused(federation, () => federation.query(updateDoc(side), { id, version, input }), expected);
    // Personal data is never repeated in a refusal.
    for (const field of ['phone', 'idCardNumber', 'birthDate', 'address']) if (typeof input[field] === 'string' && expected.rule !== 'too-long') expect(error.message).not.toContain(input[field]);
    // The attempt is audited as refused, with no field changed.
    const entries = await entriesAfter(side, seq);
    expect(entries.filter((e) => e.kind === 'write').map((e) => [e.outcome, e.fields])).toEqual([['error', ['sichuanUpdatePerson']]]);
  });

  test('the person the refusals were tried on is as it was', async () => {
    expect(await readById(side, person.id)).toEqual(person);
  });
});

describe('the audit entry names the fields changed, never their values', () => {
  test('a correction of every field: its entry lists them after the root field; no value is in the entry', async () => {
    const side: Side = 'sichuan';
    const person = await createPerson(side);
    const to = await createOrganization(federation, fixtures[side], { foundedOn: '2010-01-01' });
    const born = '1966-06-16';
    const values = { name: uniqueName('审计'), gender: '女', organizationId: to.id, phone: '028-8765 4329', idCardNumber: residentId(born, '女'), birthDate: born, address: '审计专用路 99 号' };
    const seq = await lastSeq(side);
    const updated = await update(side, person, { ...values, name: person.name });
    expect(updated).toMatchObject({ gender: '女', organization: { id: to.id }, phone: '02887654329', version: 2 });
    const [entry, ...rest] = (await entriesAfter(side, seq)).filter((e) => e.kind === 'write');
    expect(rest).toEqual([]);
    // The name was sent unchanged: no change, not listed.
    expect(entry).toMatchObject({
      outcome: 'ok',
      fields: ['sichuanUpdatePerson', ...['gender', 'organizationId', 'phone', 'idCardNumber', 'birthDate', 'address'].map((f) => `sichuanUpdatePerson.${f}`)],
    });
    expect(entry!.ids).toContain(person.id);
    for (const value of ['02887654329', '8765 4329', values.idCardNumber, born, '审计专用路', person.phone!, person.idCardNumber!]) expect(entry!.text).not.toContain(value);
    // Nor anywhere else in the log.
    const { rows } = await federation.subgraphs[side]!.pool.query('SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE $1 OR a::text LIKE $2', [`%${values.idCardNumber}%`, '%02887654329%']);
    expect(rows).toEqual([{ n: 0 }]);
  });
});

describe('region: the caller’s region covers the person, and a transfer’s new organization', () => {
  const MOXI = '510904101'; // 磨溪镇
  const FENSHUI = '510904102'; // 分水镇
  const ANJU = '510904'; // 安居区
  const towns: Record<string, { id: string }> = {};
  const as = async (region: string) => ({ as: { authorization: `Bearer ${await mintDevToken(federation.devKeys, 'sichuan-operator', `clerk-${region}`, '1h', { name: `测试操作员${region}`, region })}` } });
  beforeAll(async () => {
    const d = dataOf<any>(await federation.query('{ sichuan { organizations(first: 100) { edges { node { id level dissolvedOn region { code } } } } } }', {}, { as: 'sichuan-operator' })).sichuan;
    for (const code of [MOXI, FENSHUI]) towns[code] = d.organizations.edges.map((e: any) => e.node).find((o: any) => o.region.code === code && o.level === '乡镇' && !o.dissolvedOn);
  });

  test('a district clerk moves a member between two of its towns; a town clerk can neither send one out nor receive one', async () => {
    const person = await createPerson('sichuan', { organizationId: towns[MOXI]!.id }, await as(ANJU));
    const moved = dataOf<any>(await federation.query(updateDoc('sichuan'), { id: person.id, version: 1, input: { organizationId: towns[FENSHUI]!.id } }, await as(ANJU))).sichuanUpdatePerson;
    expect(moved).toMatchObject({ organization: { id: towns[FENSHUI]!.id }, version: 2 });
    // The 分水镇 clerk may correct their member, but not send them to 磨溪镇.
    const fenshui = await as(FENSHUI);
    const corrected = dataOf<any>(await federation.query(updateDoc('sichuan'), { id: person.id, version: 2, input: { phone: '13700137000' } }, fenshui)).sichuanUpdatePerson;
    expect(corrected.version).toBe(3);
    await expectRefused(federation, async () => federation.query(updateDoc('sichuan'), { id: person.id, version: 3, input: { organizationId: towns[MOXI]!.id } }, fenshui), { code: 'FORBIDDEN', rule: 'outside-region' });
    // The 磨溪镇 clerk may neither correct 分水镇's member nor take them in.
    const moxi = await as(MOXI);
    await expectRefused(federation, async () => federation.query(updateDoc('sichuan'), { id: person.id, version: 3, input: { organizationId: towns[MOXI]!.id } }, moxi), { code: 'FORBIDDEN', rule: 'outside-region' });
    await expectRefused(federation, async () => federation.query(updateDoc('sichuan'), { id: person.id, version: 3, input: { name: uniqueName('改名') } }, moxi), { code: 'FORBIDDEN', rule: 'outside-region' });
    // Told the record is not theirs, not its version.
    await expectRefused(federation, async () => federation.query(updateDoc('sichuan'), { id: person.id, version: 9, input: { name: uniqueName('改名') } }, moxi), { code: 'FORBIDDEN', rule: 'outside-region' });
  });
});
