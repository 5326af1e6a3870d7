import type { Role } from '@linju/access';
import { mintDevToken } from '@linju/gateway/devKeys';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { addDays, appoint, asClerks, dataOf, expectRefused, loadFixtures, todayInChina, uniqueName, withIdCheck, withWrongCheck, type ExpectedError, type Side, type SideFixtures } from '../writes/writeSupport.ts';

/**
 * Personal data (phone, resident ID card number, birth date, address), through the gateway on the
 * real stores: written by the side's operator through CreatePerson, which checks every field;
 * read back by that side's operators only. Anyone else (a viewer, the other side's operator, the
 * joint office's) gets null with a FORBIDDEN error on each personal field and the rest of the
 * answer; anonymous callers cannot reach people at all. The rule holds wherever the person is
 * read, also as the holder of a post in the other side's store (fetched through `_entities`).
 */

let federation: Federation;
let fx: Record<Side, SideFixtures>;

// ---------------------------------------------------------------------------------------------
// Resident ID numbers, computed independently of the code under test (withIdCheck, GB 11643).

/** A valid ID number for a birth date (YYYY-MM-DD) and gender; `sequence` is the 3-digit order code. */
function residentId(birthDate: string, gender: '男' | '女', region = '510903', sequence?: string): string {
  const order = sequence ?? (gender === '男' ? '013' : '024');
  return withIdCheck(`${region}${birthDate.replaceAll('-', '')}${order}`);
}

/** A valid ID number whose check character is X, for a woman born on `birthDate`. */
function residentIdEndingInX(birthDate: string, region = '500223'): string {
  for (let n = 0; n < 1000; n += 2) {
    const id = residentId(birthDate, '女', region, String(n).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no sequence gives X');
}

// ---------------------------------------------------------------------------------------------

const PERSONAL = ['phone', 'idCardNumber', 'birthDate', 'address'] as const;
/** What a clerk calls each personal field (the contract's descriptions, the ledger's headers). */
const LABELS: Record<(typeof PERSONAL)[number], string> = { phone: '联系电话', idCardNumber: '公民身份号码', birthDate: '出生日期', address: '住址' };
const PERSON_FIELDS = `id name gender ${PERSONAL.join(' ')}`;
const createPersonDoc = (side: Side) => `mutation ($input: PersonInput!, $key: String) { ${side}CreatePerson(input: $input, idempotencyKey: $key) { ${PERSON_FIELDS} } }`;

interface Person {
  id: string;
  name: string;
  gender: string | null;
  phone: string | null;
  idCardNumber: string | null;
  birthDate: string | null;
  address: string | null;
}

/** People created with personal data, and the values each should read back as. */
const people = {} as Record<Side, { input: Record<string, unknown>; stored: Person }>;
/** A post in Chongqing held by the Sichuan person: a cross-appointment, read through `_entities`. */
let crossPost: { id: string; title: string };
/** People with personal data in each store before the tests wrote any. */
const personalBefore: Record<Side, number> = { sichuan: -1, chongqing: -1 };

async function personalRows(side: Side): Promise<string[]> {
  const { rows } = await federation.subgraphs[side]!.pool.query<{ id: string }>(
    `SELECT id FROM person WHERE phone IS NOT NULL OR id_card_number IS NOT NULL OR birth_date IS NOT NULL OR address IS NOT NULL ORDER BY id`,
  );
  return rows.map((r) => r.id);
}

async function createPerson(side: Side, input: Record<string, unknown>): Promise<GraphQLResponse<Record<string, Person>>> {
  return federation.query(createPersonDoc(side), { input: { name: uniqueName('测个人'), organizationId: fx[side].town.id, ...input } }, { as: `${side}-operator` });
}

beforeAll(async () => {
  federation = asClerks(await startFederation());
  fx = await loadFixtures(federation);
  for (const side of ['sichuan', 'chongqing'] as const) personalBefore[side] = (await personalRows(side)).length;

  const sichuan = {
    name: uniqueName('张测'),
    gender: '男',
    organizationId: fx.sichuan.town.id,
    phone: ' 138 0013-8000 ',
    idCardNumber: residentId('1985-03-14', '男'),
    birthDate: '1985-03-14',
    address: '  四川省遂宁市船山区测试路 88 号 ',
  };
  const chongqing = {
    name: uniqueName('李测'),
    gender: '女',
    organizationId: fx.chongqing.town.id,
    phone: '023-6386 1234',
    idCardNumber: residentIdEndingInX('1990-07-01').toLowerCase(),
    birthDate: '1990-07-01',
    address: '重庆市潼南区测试街 6 号',
  };
  for (const [side, input] of [['sichuan', sichuan], ['chongqing', chongqing]] as const) {
    const stored = dataOf<Record<string, Person>>(await federation.query(createPersonDoc(side), { input }))[`${side}CreatePerson`]!;
    people[side] = { input, stored };
  }
  // The Sichuan person on a committee of Chongqing's: written by Chongqing's operator.
  const title = uniqueName('组织委员');
  const post = await appoint(federation, 'chongqing', { organizationId: fx.chongqing.town.id, title, holderId: people.sichuan.stored.id, startedOn: '2024-01-10' });
  crossPost = { id: post.id, title };
});
afterAll(() => federation?.stop());

/** Reads a person back from its side's list, found by name. */
function readPerson(side: Side, as: Role, name = people[side].stored.name) {
  return federation.query<Record<Side, { people: { edges: { node: Person }[] } }>>(
    `query ($filter: RecordFilter) { ${side} { people(filter: $filter) { edges { node { ${PERSON_FIELDS} } } } } }`,
    { filter: { search: name } },
    { as },
  );
}

describe('the owning side’s operators', () => {
  test('CreatePerson stores the personal data checked and normalized, and answers it to the operator who wrote it', () => {
    expect(people.sichuan.stored).toMatchObject({
      gender: '男',
      phone: '13800138000',
      idCardNumber: people.sichuan.input.idCardNumber,
      birthDate: '1985-03-14',
      address: '四川省遂宁市船山区测试路 88 号',
    });
    // A landline keeps its area code; a lower-case x check character is stored upper-case.
    expect(people.chongqing.stored).toMatchObject({
      phone: '02363861234',
      idCardNumber: (people.chongqing.input.idCardNumber as string).toUpperCase(),
      birthDate: '1990-07-01',
      address: '重庆市潼南区测试街 6 号',
    });
    expect(people.chongqing.stored.idCardNumber).toMatch(/X$/);
  });

  test.each(['sichuan', 'chongqing'] as const)('the %s operator reads its people’s personal data', async (side) => {
    const response = await readPerson(side, `${side}-operator`);
    expect(dataOf(response)[side].people.edges.map((e: { node: Person }) => e.node)).toEqual([people[side].stored]);
  });

  test('seed people carry no personal data: only the people these tests created do', async () => {
    expect(personalBefore).toEqual({ sichuan: 0, chongqing: 0 });
    expect(await personalRows('sichuan')).toContain(people.sichuan.stored.id);
    expect(await personalRows('chongqing')).toContain(people.chongqing.stored.id);
  });
});

describe('anyone else: null and FORBIDDEN on each personal field, the rest of the answer kept', () => {
  const OTHERS: [Side, Role][] = [
    ['sichuan', 'viewer'],
    ['sichuan', 'chongqing-operator'],
    ['sichuan', 'joint-operator'],
    ['chongqing', 'viewer'],
    ['chongqing', 'sichuan-operator'],
    ['chongqing', 'joint-operator'],
  ];

  test.each(OTHERS)('a %s person read as %s', async (side, role) => {
    const response = await readPerson(side, role);
    const { stored } = people[side];
    const [node] = response.data![side].people.edges.map((e) => e.node);
    expect(node).toEqual({ id: stored.id, name: stored.name, gender: stored.gender, phone: null, idCardNumber: null, birthDate: null, address: null });
    const type = `${side === 'sichuan' ? 'Sichuan' : 'Chongqing'}Person`;
    expect(response.errors?.map((e) => e.path)).toEqual(PERSONAL.map((field) => [side, 'people', 'edges', 0, 'node', field]));
    for (const [i, error] of response.errors!.entries()) {
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', role, field: `${type}.${PERSONAL[i]}` });
      // The clerk reads the field's name and the side; the engineer, the coordinate and the roles.
      const [zh, en] = error.message.split(' / ');
      expect(zh).toBe(`${LABELS[PERSONAL[i]!]}是个人信息，仅限${side === 'sichuan' ? '四川省' : '重庆市'}的操作员查看`);
      expect(en).toContain(`${type}.${PERSONAL[i]}`);
      expect(en).toContain(role);
      expect(en).toContain(`${side}-operator`);
    }
    // The refusal tells nothing of the values.
    const text = JSON.stringify(response);
    for (const value of ['13800138000', '02363861234', stored.idCardNumber!, stored.address!, stored.birthDate!]) expect(text).not.toContain(value);
  });

  test('a person with no personal data recorded is refused the same way: a null must not say "nothing recorded"', async () => {
    const response = await readPerson('sichuan', 'viewer', fx.sichuan.person.name);
    expect(response.data!.sichuan.people.edges.length).toBeGreaterThan(0);
    expect(response.errors?.length).toBe(response.data!.sichuan.people.edges.length * PERSONAL.length);
    expect(response.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  test('a town clerk (磨溪镇) listing the people of another town reads, for each personal field of each, the field and the town by name', async () => {
    const MOXI = '510904101';
    const FENSHUI = '510904102'; // 分水镇, another town of 安居区
    const regions = dataOf<any>(await federation.query(`{ sichuan { regions(first: 100) { edges { node { id code } } } } }`)).sichuan.regions.edges.map((e: any) => e.node);
    const fenshui = regions.find((r: { code: string }) => r.code === FENSHUI);
    const clerk = `Bearer ${await mintDevToken(federation.devKeys, 'sichuan-operator', 'moxi-clerk', '1h', { name: '张敏', region: MOXI })}`;
    const response = await federation.query<{ sichuan: { people: { edges: { node: Person }[] } } }>(
      `query ($filter: RecordFilter) { sichuan { people(first: 20, filter: $filter) { edges { node { ${PERSON_FIELDS} } } } } }`,
      { filter: { regionId: fenshui.id } },
      { as: { authorization: clerk } },
    );
    const nodes = response.data!.sichuan.people.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(1);
    expect(nodes.every((node) => node.name && PERSONAL.every((field) => node[field] === null))).toBe(true);
    // Each nulled field keeps its own error on its own path (GraphQL's rule), with the extensions
    // clients read before (the gateway's `jurisdiction`, `subgraph`, `serviceName` included) and the region's name.
    const extensions = { code: 'FORBIDDEN', role: 'sichuan-operator', rule: 'outside-region', operatorRegion: MOXI, operatorRegionName: '磨溪镇', jurisdiction: '四川省', subgraph: 'sichuan', serviceName: 'sichuan' };
    const expected = nodes.flatMap((_node, n) =>
      PERSONAL.map((field) => ({
        path: ['sichuan', 'people', 'edges', n, 'node', field],
        zh: `${LABELS[field]}是个人信息，仅限此人所在区划的操作员查看；磨溪镇的操作员不能查看此人的${LABELS[field]}。`,
        extensions: { ...extensions, field: `SichuanPerson.${field}` },
      })),
    );
    const seen = response.errors!.map((e) => ({ path: e.path, zh: e.message.split(' / ')[0], extensions: e.extensions }));
    // In the order the fields were refused, which need not be the answer's.
    const byPath = (a: { path?: readonly (string | number)[] }, b: { path?: readonly (string | number)[] }) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path));
    expect(seen.sort(byPath)).toEqual(expected.sort(byPath));
    // The English half keeps the coordinate and the code, for the engineer reading a log.
    expect(response.errors![0]!.message.split(' / ')[1]).toBe(
      'SichuanPerson.phone is personal data, readable only by operators whose region covers the person; an operator of 510904101 (磨溪镇) may not read it.',
    );
  });

  test('anonymous callers cannot reach people at all: the list is refused', async () => {
    const response = await readPerson('sichuan', 'anonymous');
    // Nothing: the nullable root field is null (or, refused before execution, there is no data at all).
    expect(response.data?.sichuan ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toContain('SichuanJurisdiction.people');
  });

  test('the rule holds across the border: a Sichuan holder of a Chongqing post, fetched from Sichuan through _entities', async () => {
    const document = `query ($title: String) { chongqing { posts(filter: { search: $title }) { edges { node { id title holder { __typename id name phone idCardNumber } } } } } }`;
    type Answer = { chongqing: { posts: { edges: { node: { id: string; holder: Partial<Person> & { __typename: string } } }[] } } };

    // Chongqing's operator keeps the post in its store, but the holder's personal data is Sichuan's.
    federation.resetCalls();
    const asChongqing = await federation.query<Answer>(document, { title: crossPost.title }, { as: 'chongqing-operator' });
    expect(new Set(federation.subgraphCalls)).toEqual(new Set(['chongqing', 'sichuan']));
    const [edge] = asChongqing.data!.chongqing.posts.edges;
    expect(edge!.node).toEqual({ id: crossPost.id, title: crossPost.title, holder: { __typename: 'SichuanPerson', id: people.sichuan.stored.id, name: people.sichuan.stored.name, phone: null, idCardNumber: null } });
    expect(asChongqing.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['FORBIDDEN', ['chongqing', 'posts', 'edges', 0, 'node', 'holder', 'phone']],
      ['FORBIDDEN', ['chongqing', 'posts', 'edges', 0, 'node', 'holder', 'idCardNumber']],
    ]);
    expect(asChongqing.errors![0]!.message).toContain('SichuanPerson.phone');

    // Sichuan's operator reads it, wherever the person appears.
    const asSichuan = dataOf<Answer>(await federation.query<Answer>(document, { title: crossPost.title }, { as: 'sichuan-operator' }));
    expect(asSichuan.chongqing.posts.edges[0]!.node.holder).toMatchObject({ phone: '13800138000', idCardNumber: people.sichuan.stored.idCardNumber });
  });

  test('no filter matches personal data: searching for a phone, an ID number or an address finds no one, even for the owner', async () => {
    const { stored } = people.sichuan;
    for (const text of [stored.phone!, stored.idCardNumber!, '测试路']) {
      const response = await federation.query<{ sichuan: { people: { totalCount: number } } }>(
        `query ($filter: RecordFilter) { sichuan { people(filter: $filter) { totalCount } } }`,
        { filter: { search: text } },
        { as: 'sichuan-operator' },
      );
      expect(dataOf(response).sichuan.people.totalCount, text).toBe(0);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('CreatePerson checks personal data: each refusal names the field and the rule, never the value, and changes nothing', () => {
  const BAD = 'BAD_USER_INPUT';
  const born = '1979-11-30';
  const today = todayInChina();
  const cases: [string, () => Record<string, unknown>, ExpectedError][] = [
    ['a phone with letters', () => ({ phone: '138-0013-800a' }), { code: BAD, field: 'phone', rule: 'malformed' }],
    ['a phone too short for a mobile or a landline', () => ({ phone: '1380013' }), { code: BAD, field: 'phone', rule: 'malformed' }],
    ['a mobile number with a prefix no carrier uses (12…)', () => ({ phone: '12800138000' }), { code: BAD, field: 'phone', rule: 'malformed' }],
    ['a landline without its area code', () => ({ phone: '87654321' }), { code: BAD, field: 'phone', rule: 'malformed' }],
    ['a phone of 40 characters', () => ({ phone: '1'.repeat(40) }), { code: BAD, field: 'phone', rule: 'too-long' }],
    ['an ID number of 15 digits (the old format)', () => ({ idCardNumber: '510903850314013' }), { code: BAD, field: 'idCardNumber', rule: 'malformed' }],
    ['an ID number with a letter inside', () => ({ idCardNumber: '51090319850314A13X' }), { code: BAD, field: 'idCardNumber', rule: 'malformed' }],
    ['an ID number with a wrong check digit', () => ({ idCardNumber: withWrongCheck(residentId(born, '男')) }), { code: BAD, field: 'idCardNumber', rule: 'check-digit' }],
    ['an ID number with a birth date that does not exist', () => ({ idCardNumber: residentId('1985-02-30', '男') }), { code: BAD, field: 'idCardNumber', rule: 'malformed' }],
    ['an ID number born in the future', () => ({ idCardNumber: residentId(addDays(today, 400), '男') }), { code: BAD, field: 'idCardNumber', rule: 'malformed' }],
    ['an ID number whose birth date is not birthDate', () => ({ idCardNumber: residentId(born, '男'), birthDate: '1979-12-01' }), { code: BAD, field: 'idCardNumber', rule: 'mismatch' }],
    ['a woman’s ID number for a man', () => ({ idCardNumber: residentId(born, '女'), gender: '男' }), { code: BAD, field: 'idCardNumber', rule: 'mismatch' }],
    ['a birth date today', () => ({ birthDate: today }), { code: BAD, field: 'birthDate', rule: 'future-date' }],
    ['a birth date in the future', () => ({ birthDate: addDays(today, 1) }), { code: BAD, field: 'birthDate', rule: 'future-date' }],
    ['a birth date before 1900', () => ({ birthDate: '1899-12-31' }), { code: BAD, field: 'birthDate', rule: 'too-early' }],
    ['a birth date that does not exist', () => ({ birthDate: '1985-02-30' }), { code: BAD, message: /does not exist/ }],
    ['an address of 201 characters', () => ({ address: '路'.repeat(201) }), { code: BAD, field: 'address', rule: 'too-long' }],
    ['an address with a direction override', () => ({ address: '测试路\u202e号88' }), { code: BAD, field: 'address', rule: 'malformed' }],
  ];

  test.each(cases)('%s', async (_what, input, expected) => {
    const sent = input();
    const error = await expectRefused(federation, () => createPerson('sichuan', { gender: '男', ...sent }), expected);
    for (const value of Object.values(sent)) if (typeof value === 'string' && value.length >= 8 && expected.field && expected.rule !== 'too-long') expect(error.message).not.toContain(value);
  });
});

describe('CreatePerson accepts the forms clerks write', () => {
  test.each([
    ['+86 138 0013 8000', '13800138000'],
    ['0086-13800138000', '13800138000'],
    ['(0825) 234 5678', '08252345678'],
    ['010-6512 3456', '01065123456'],
    ['+86 28 8765 4321', '02887654321'],
  ])('phone %s is stored as %s', async (phone, digits) => {
    const response = await createPerson('chongqing', { phone });
    expect(dataOf(response).chongqingCreatePerson).toMatchObject({ phone: digits, idCardNumber: null, birthDate: null, address: null });
  });

  test('an ID number pasted in groups, with spaces (full-width too), is stored as its 18 characters', async () => {
    const id = residentId('1977-07-07', '男', '500223', '031');
    const grouped = `${id.slice(0, 6)} ${id.slice(6, 14)}\u3000${id.slice(14)} `;
    expect(dataOf(await createPerson('chongqing', { idCardNumber: grouped, gender: '男' })).chongqingCreatePerson).toMatchObject({ idCardNumber: id });
  });

  test('an ID number without a birth date, and a birth date without an ID number', async () => {
    const id = residentId('2001-01-01', '女', '500223');
    expect(dataOf(await createPerson('chongqing', { idCardNumber: id, gender: '女' })).chongqingCreatePerson).toMatchObject({ idCardNumber: id, birthDate: null });
    expect(dataOf(await createPerson('chongqing', { birthDate: '1950-05-04' })).chongqingCreatePerson).toMatchObject({ idCardNumber: null, birthDate: '1950-05-04' });
  });
});

describe('A person is registered once on a side: a resident ID number a person of the side has is refused', () => {
  const IMPORT_PEOPLE = `mutation ($rows: [PersonImportRow!]!) { sichuanImportPeople(rows: $rows, mode: ROW_BY_ROW) { created refused rows { index status id code field rule message } } }`;
  interface ImportResult { created: number; refused: number; rows: { index: number; status: string; id: string | null; code: string | null; field: string | null; rule: string | null; message: string | null }[] }

  test('CreatePerson with a number already registered (in any case of its X) is refused naming the person who has it, and changes nothing', async () => {
    const error = await expectRefused(federation, () => createPerson('sichuan', { gender: '男', idCardNumber: people.sichuan.stored.idCardNumber }), { code: 'BAD_USER_INPUT', field: 'idCardNumber', rule: 'duplicate' });
    const [zh] = error.message.split(' / ');
    expect(zh).toContain(`已登记在本方人员“${people.sichuan.stored.name}”名下`);
    expect(zh).not.toContain(people.sichuan.stored.idCardNumber);
    expect(zh).not.toContain(people.sichuan.stored.id);
    // Stored upper case; written lower case, it is the same number.
    await expectRefused(federation, () => createPerson('chongqing', { gender: '女', idCardNumber: people.chongqing.stored.idCardNumber!.toLowerCase() }), { code: 'BAD_USER_INPUT', field: 'idCardNumber', rule: 'duplicate' });
  });

  test('the other side’s store is not asked: the same number may be registered on each side', async () => {
    const created = await createPerson('chongqing', { gender: '男', idCardNumber: people.sichuan.stored.idCardNumber });
    expect(dataOf<Record<string, Person>>(created).chongqingCreatePerson!.idCardNumber).toBe(people.sichuan.stored.idCardNumber);
  });

  test('an import refuses a row whose number a person has, and the second of two rows with one new number; the first is written', async () => {
    const fresh = residentId('1966-06-06', '女', '510903', '046');
    const row = (name: string, idCardNumber: string) => ({ input: { name, organizationId: fx.sichuan.town.id, idCardNumber }, idempotencyKey: uniqueName('key') });
    const [first, second] = [uniqueName('王测'), uniqueName('王测改')];
    const result = dataOf<{ sichuanImportPeople: ImportResult }>(
      await federation.query(IMPORT_PEOPLE, { rows: [row(first, fresh), row(uniqueName('赵测'), people.sichuan.stored.idCardNumber!), row(second, fresh)] }, { as: 'sichuan-operator' }),
    ).sichuanImportPeople;
    expect(result).toMatchObject({ created: 1, refused: 2 });
    expect(result.rows.map((r) => [r.status, r.field, r.rule])).toEqual([
      ['CREATED', null, null],
      ['REFUSED', 'idCardNumber', 'duplicate'],
      ['REFUSED', 'idCardNumber', 'duplicate'],
    ]);
    expect(result.rows[1]!.message).toContain(`“${people.sichuan.stored.name}”`);
    expect(result.rows[2]!.message).toContain(`本次导入中人员“${first}”`);
  });

  test('operators registering one new number at the same moment: one person is written, the others refused', async () => {
    // Several numbers, each sent four times at once, so that the writes of one number overlap.
    const numbers = Array.from({ length: 8 }, (_, n) => residentId('1971-02-03', '男', '510903', String(101 + 2 * n)));
    const answers = await Promise.all(numbers.flatMap((idCardNumber) => [0, 1, 2, 3].map(() => createPerson('sichuan', { gender: '男', idCardNumber }))));
    expect(answers.filter((answer) => answer.data?.sichuanCreatePerson).length).toBe(numbers.length);
    expect(answers.flatMap((answer) => answer.errors ?? []).map((error) => error.extensions?.rule)).toEqual(Array(3 * numbers.length).fill('duplicate'));
    const { rows } = await federation.subgraphs.sichuan!.pool.query('SELECT count(*)::int AS people FROM person WHERE id_card_number = ANY($1)', [numbers]);
    expect(rows[0].people).toBe(numbers.length);
  });
});
