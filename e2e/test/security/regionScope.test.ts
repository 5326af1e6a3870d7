import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { startFederation, type Federation } from '@linju/testing';
import { dataOf, expectRefused, uniqueName, withIdCheck } from '../writes/writeSupport.ts';

/**
 * Region-scoped operators (数据权限按行政区划): a Sichuan operator's token names a region of
 * Sichuan, and Sichuan's store lets it write only records within that region's subtree, refusing
 * the rest with FORBIDDEN `outside-region` (both regions named, nothing changed); personal data is
 * readable only for people its region covers; every attempt is in the audit log under the
 * operator's subject, name and region.
 */

const MOXI = '510904101'; // 磨溪镇
const FENSHUI = '510904102'; // 分水镇, another town of 安居区
const ANJU = '510904'; // 安居区

let federation: Federation;
interface Org {
  id: string;
  name: string;
  level: string;
  version: number;
  dissolvedOn: string | null;
  region: { id: string; code: string };
  posts: { id: string; endedOn: string | null; version: number }[];
}
interface Place {
  region: { id: string; code: string; name: string };
  /** A live organization of the town itself (its 党委) and one of a village below it. */
  town: Org;
  village: Org;
  villageRegion: { id: string };
}
const places: Record<string, Place> = {};

const PLACE = `query ($regionId: ID) { sichuan {
  regions(first: 100) { edges { node { id code name parent { id } } } }
  organizations(first: 100, filter: { regionId: $regionId }) { edges { node { id name level version dissolvedOn region { id code } posts { id endedOn version } } } }
} }`;

/** A Sichuan operator of a region: the token names the person and the region. */
async function as(region: string, subject = `clerk-${region}`, name = `测试操作员${region}`): Promise<{ as: { authorization: string } }> {
  return { as: { authorization: `Bearer ${await mintDevToken(federation.devKeys, 'sichuan-operator', subject, '1h', { name, region })}` } };
}

beforeAll(async () => {
  federation = await startFederation();
  const regions = dataOf<any>(await federation.query(PLACE, { regionId: null }, { as: 'sichuan-operator' })).sichuan.regions.edges.map((e: any) => e.node);
  for (const code of [MOXI, FENSHUI]) {
    const region = regions.find((r: any) => r.code === code);
    const villageRegion = regions.find((r: any) => r.parent?.id === region.id);
    const d = dataOf<any>(await federation.query(PLACE, { regionId: region.id }, { as: 'sichuan-operator' })).sichuan;
    const orgs: Org[] = d.organizations.edges.map((e: any) => e.node).filter((o: Org) => !o.dissolvedOn);
    const village = dataOf<any>(await federation.query(PLACE, { regionId: villageRegion.id }, { as: 'sichuan-operator' })).sichuan.organizations.edges
      .map((e: any) => e.node)
      .find((o: Org) => !o.dissolvedOn);
    places[code] = { region, town: orgs.find((o) => o.level === '乡镇')!, village, villageRegion };
  }
});
afterAll(() => federation?.stop());

const ACTIVITY = `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id organizer { id } } }`;
const SERVICE_CASE = `mutation ($input: ServiceCaseInput!) { sichuanRecordServiceCase(input: $input) { id } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: OrganizationUpdateInput!) { sichuanUpdateOrganization(id: $id, version: $version, input: $input) { id version region { code } } }`;
const MERGE = `mutation ($id: ID!, $version: Int!, $successorId: ID!, $mergedOn: Date!) { sichuanMergeOrganization(id: $id, version: $version, successorId: $successorId, mergedOn: $mergedOn) { id } }`;
const ORG = `mutation ($input: OrganizationInput!) { sichuanCreateOrganization(input: $input) { id } }`;
const UPDATE_PERSON = `mutation ($id: ID!, $version: Int!, $input: PersonUpdateInput!) { sichuanUpdatePerson(id: $id, version: $version, input: $input) { id version } }`;
const PHONES = `query ($regionId: ID!) { sichuan { people(first: 5, filter: { regionId: $regionId }) { edges { node { id phone } } } } }`;

const activity = (org: Org) => ({ input: { kind: '政策宣讲', title: uniqueName('区划测试'), heldOn: '2024-03-01', organizerId: org.id } });

describe('a town clerk (磨溪镇) writes within the town only', () => {
  test('an activity of 磨溪镇 is recorded; one of 分水镇 is refused naming both regions, and nothing changes', async () => {
    const moxi = places[MOXI]!;
    const fenshui = places[FENSHUI]!;
    dataOf(await federation.query(ACTIVITY, activity(moxi.town), await as(MOXI)));
    const refusal = await expectRefused(federation, async () => federation.query(ACTIVITY, activity(fenshui.town), await as(MOXI)), {
      code: 'FORBIDDEN',
      rule: 'outside-region',
    });
    expect(refusal.extensions).toMatchObject({ operatorRegion: MOXI, operatorRegionName: '磨溪镇', recordRegion: FENSHUI, recordRegionName: '分水镇' });
    expect(refusal.message).toContain('磨溪镇');
    expect(refusal.message).toContain('分水镇');
  });

  test('a record of a village below the town is within the town', async () => {
    const moxi = places[MOXI]!;
    dataOf(await federation.query(ACTIVITY, activity(moxi.village), await as(MOXI)));
    dataOf(await federation.query(SERVICE_CASE, { input: { kind: '户口迁移', handledOn: '2024-03-02', regionId: moxi.villageRegion.id, people: 1 } }, await as(MOXI)));
  });

  /** A member of each town's committee, for corrections and transfers (UpdatePerson). */
  const members: Record<string, { id: string }> = {};
  beforeAll(async () => {
    for (const code of [MOXI, FENSHUI]) {
      members[code] = dataOf<any>(
        await federation.query(`mutation ($input: PersonInput!) { sichuanCreatePerson(input: $input) { id } }`, { input: { name: uniqueName('区划党员'), organizationId: places[code]!.town.id } }, { as: 'sichuan-operator' }),
      ).sichuanCreatePerson;
    }
  });

  // Each write the clerk may not make, with the records that place it outside 磨溪镇.
  const REFUSED: [string, () => [string, Record<string, unknown>]][] = [
    ['transferring a 磨溪镇 member to 分水镇’s committee', () => [UPDATE_PERSON, { id: members[MOXI]!.id, version: 1, input: { organizationId: places[FENSHUI]!.town.id } }]],
    ['taking a 分水镇 member into 磨溪镇’s committee', () => [UPDATE_PERSON, { id: members[FENSHUI]!.id, version: 1, input: { organizationId: places[MOXI]!.town.id } }]],
    ['correcting a 分水镇 member’s phone', () => [UPDATE_PERSON, { id: members[FENSHUI]!.id, version: 1, input: { phone: '13700137000' } }]],
    ['a service case handled in 分水镇', () => [SERVICE_CASE, { input: { kind: '户口迁移', handledOn: '2024-03-02', regionId: places[FENSHUI]!.region.id, people: 1 } }]],
    ['an organization founded in 分水镇', () => [ORG, { input: { name: uniqueName('党支部'), kind: '党支部', level: '村', regionId: places[FENSHUI]!.region.id, foundedOn: '2024-01-01' } }]],
    ['moving a 磨溪镇 village organization to 分水镇', () => [UPDATE, { id: places[MOXI]!.village.id, version: places[MOXI]!.village.version, input: { regionId: places[FENSHUI]!.region.id } }]],
    ['putting a 磨溪镇 organization under 分水镇’s committee', () => [UPDATE, { id: places[MOXI]!.village.id, version: places[MOXI]!.village.version, input: { parentId: places[FENSHUI]!.town.id } }]],
    ['renaming a 分水镇 organization', () => [UPDATE, { id: places[FENSHUI]!.village.id, version: places[FENSHUI]!.village.version, input: { name: uniqueName('改名') } }]],
    ['merging a 磨溪镇 village into a 分水镇 one', () => [MERGE, { id: places[MOXI]!.village.id, version: places[MOXI]!.village.version, successorId: places[FENSHUI]!.village.id, mergedOn: '2024-06-01' }]],
    // A version the clerk guessed wrong: the answer is that the record is not theirs, not its current version.
    ['renaming a 分水镇 organization, with a stale version', () => [UPDATE, { id: places[FENSHUI]!.village.id, version: places[FENSHUI]!.village.version + 7, input: { name: uniqueName('改名') } }]],
    ['merging a 磨溪镇 village into a 分水镇 one, with a stale version', () => [MERGE, { id: places[MOXI]!.village.id, version: places[MOXI]!.village.version + 7, successorId: places[FENSHUI]!.village.id, mergedOn: '2024-06-01' }]],
  ];
  test.each(REFUSED)('%s is refused outside-region, nothing changed', async (_what, write) => {
    const [document, variables] = write();
    await expectRefused(federation, async () => federation.query(document, variables, await as(MOXI)), { code: 'FORBIDDEN', rule: 'outside-region' });
  });

  test('a new organization of 磨溪镇 may hang under the district’s committee above it, not under 分水镇’s', async () => {
    const regions = dataOf<any>(await federation.query(PLACE, { regionId: places[MOXI]!.region.id }, { as: 'sichuan-operator' })).sichuan.regions.edges.map((e: any) => e.node);
    const anju = regions.find((r: any) => r.code === ANJU);
    // The seed's only organization of the district itself is a 党支部 (安居区人才发展服务中心党支部), which leads
    // none (parent-kind): the district's committee is registered here, by the province's operator.
    const districtOrg = dataOf<any>(
      await federation.query(ORG, { input: { name: uniqueName('安居区委'), kind: '党委', level: '机关单位', regionId: anju.id, foundedOn: '1990-01-01' } }, { as: 'sichuan-operator' }),
    ).sichuanCreateOrganization;
    const input = (parentId: string) => ({ input: { name: uniqueName('党支部'), kind: '党支部', level: '村', regionId: places[MOXI]!.villageRegion.id, parentId, foundedOn: '2024-01-01' } });
    dataOf(await federation.query(ORG, input(districtOrg.id), await as(MOXI)));
    dataOf(await federation.query(ORG, input(places[MOXI]!.town.id), await as(MOXI)));
    await expectRefused(federation, async () => federation.query(ORG, input(places[FENSHUI]!.town.id), await as(MOXI)), { code: 'FORBIDDEN', rule: 'outside-region' });
  });

  test('a district operator (安居区) moves an organization between two of its towns', async () => {
    const village = places[MOXI]!.village;
    const moved = dataOf<any>(await federation.query(UPDATE, { id: village.id, version: village.version, input: { regionId: places[FENSHUI]!.region.id } }, await as(ANJU)));
    expect(moved.sichuanUpdateOrganization.region.code).toBe(FENSHUI);
    // Back where it was, so the other tests find it in 磨溪镇.
    const back = dataOf<any>(
      await federation.query(UPDATE, { id: village.id, version: moved.sichuanUpdateOrganization.version, input: { regionId: places[MOXI]!.villageRegion.id } }, await as(ANJU)),
    );
    village.version = back.sichuanUpdateOrganization.version;
  });

  test('an idempotency key is its sender’s: the clerk replaying the province’s write of 分水镇 is refused', async () => {
    const variables = { ...activity(places[FENSHUI]!.town), idempotencyKey: `key-${Date.now()}` };
    dataOf(await federation.query(`mutation ($input: ActivityInput!, $idempotencyKey: String) { sichuanRecordActivity(input: $input, idempotencyKey: $idempotencyKey) { id } }`, variables, { as: 'sichuan-operator' }));
    await expectRefused(
      federation,
      async () => federation.query(`mutation ($input: ActivityInput!, $idempotencyKey: String) { sichuanRecordActivity(input: $input, idempotencyKey: $idempotencyKey) { id } }`, variables, await as(MOXI)),
      { code: 'IDEMPOTENCY_KEY_REUSED' },
    );
  });

  test.each([
    ['a town code mistyped', '510904199'],
    ['a city code Sichuan does not hold', '510100'],
  ])('a region the store does not know covers nothing, and the refusal says the account’s region is unknown (%s)', async (_what, code) => {
    const refusal = await expectRefused(federation, async () => federation.query(ACTIVITY, activity(places[MOXI]!.town), await as(code)), {
      code: 'FORBIDDEN',
      rule: 'unknown-operator-region',
    });
    expect(refusal.extensions).toMatchObject({ operatorRegion: code });
    expect(refusal.message.split(' / ')[0]).toBe(`四川省没有代码为 ${code} 的行政区划，请联系管理员核对账号的区划；未作任何更改。`);
    // Nor does it read anyone's personal data, and is told why the same way.
    const phones = await federation.query<any>(PHONES, { regionId: places[MOXI]!.region.id }, await as(code));
    expect(phones.errors?.length).toBeGreaterThan(0);
    expect(phones.errors!.map((e: any) => [e.extensions.code, e.extensions.rule])).toEqual(phones.errors!.map(() => ['FORBIDDEN', 'unknown-operator-region']));
    expect(phones.errors![0]!.message).toContain(`四川省没有代码为 ${code} 的行政区划`);
  });

  test('an operator whose region the store does not know is refused as such under a key another used, and learns nothing of that request', async () => {
    const RECORD = `mutation ($input: ActivityInput!, $idempotencyKey: String) { sichuanRecordActivity(input: $input, idempotencyKey: $idempotencyKey) { id } }`;
    const IMPORT = `mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows, mode: ROW_BY_ROW) { created existing refused rows { status code rule } } }`;
    const unknown = await as('510904199');
    const sent = { ...activity(places[MOXI]!.town), idempotencyKey: `key-${Date.now()}` };
    const first = dataOf<any>(await federation.query(RECORD, sent, await as(MOXI))).sichuanRecordActivity.id;
    // The very request another sent, then the same key with another body: the caller's region is what is wrong, both times.
    for (const variables of [sent, { ...activity(places[MOXI]!.town), idempotencyKey: sent.idempotencyKey }]) {
      const refusal = await expectRefused(federation, async () => federation.query(RECORD, variables, unknown), { code: 'FORBIDDEN', rule: 'unknown-operator-region' });
      expect(refusal.message).not.toMatch(/幂等键/);
    }
    // So is each row of an import under such a key, the row under a fresh key as ever.
    const imported = dataOf<any>(
      await federation.query(IMPORT, { rows: [{ input: sent.input, idempotencyKey: sent.idempotencyKey }, { ...activity(places[MOXI]!.town), idempotencyKey: `key-fresh-${Date.now()}` }] }, unknown),
    ).sichuanImportActivities;
    expect(imported).toEqual({ created: 0, existing: 0, refused: 2, rows: [0, 1].map(() => ({ status: 'REFUSED', code: 'FORBIDDEN', rule: 'unknown-operator-region' })) });
    // The sender's own retry is answered with its first write, as ever.
    expect(dataOf<any>(await federation.query(RECORD, sent, await as(MOXI))).sichuanRecordActivity.id).toBe(first);
  });
});

describe('tokens whose region does not fit the role are refused at the gateway', () => {
  test.each([
    ['a Chongqing region on a Sichuan operator', '500152'],
    ['no region on a Sichuan operator', undefined],
    ['a region that is not a code', '51090410x'],
  ])('%s', async (_what, region) => {
    const token = await mintDevToken(federation.devKeys, 'sichuan-operator', 'clerk-x', '1h', { region: region ?? '' });
    const response = await federation.query(ACTIVITY, activity(places[MOXI]!.town), { as: { authorization: `Bearer ${token}` } });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('personal data is read only within the region', () => {
  test('the clerk reads a 磨溪镇 person’s phone and is refused a 分水镇 person’s', async () => {
    const own = await federation.query<any>(PHONES, { regionId: places[MOXI]!.region.id }, await as(MOXI));
    expect(own.errors).toBeUndefined();
    expect(own.data.sichuan.people.edges.length).toBeGreaterThan(0);
    const other = await federation.query<any>(PHONES, { regionId: places[FENSHUI]!.region.id }, await as(MOXI));
    const people = other.data.sichuan.people.edges.map((e: any) => e.node);
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p: any) => p.phone === null)).toBe(true);
    expect(other.errors?.length).toBe(people.length);
    expect(other.errors!.map((e: any) => [e.extensions.code, e.extensions.rule])).toEqual(people.map(() => ['FORBIDDEN', 'outside-region']));
    // The province's operator reads both.
    expect((await federation.query<any>(PHONES, { regionId: places[FENSHUI]!.region.id }, { as: 'sichuan-operator' })).errors).toBeUndefined();
  });
});

describe('the archive of withdrawn records is read within the region, as the audit log is', () => {
  const WITHDRAW = `mutation ($id: ID!, $reason: String!) { sichuanWithdrawRecord(id: $id, reason: $reason) { id } }`;
  const ARCHIVE = `query ($after: String) { sichuan { withdrawnRecords(first: 50, after: $after) { edges { node { id reason withdrawnBy record } } pageInfo { hasNextPage endCursor } } } }`;

  /** Every withdrawal the caller reads, page by page. */
  async function archive(who: Parameters<Federation['query']>[2]): Promise<{ id: string; reason: string; record: string }[]> {
    const nodes = [];
    let after: string | null = null;
    do {
      const page: any = dataOf<any>(await federation.query(ARCHIVE, { after }, who)).sichuan.withdrawnRecords;
      nodes.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }

  test('the 磨溪镇 clerk reads the withdrawals of 磨溪镇’s records, whoever withdrew them, and none of 分水镇’s; the district and the province read both', async () => {
    const recorded = async (org: Org) => dataOf<any>(await federation.query(ACTIVITY, activity(org), { as: 'sichuan-operator' })).sichuanRecordActivity.id as string;
    const inMoxi = await recorded(places[MOXI]!.village);
    const inFenshui = await recorded(places[FENSHUI]!.town);
    const byClerk = await recorded(places[MOXI]!.town);
    dataOf(await federation.query(WITHDRAW, { id: inMoxi, reason: '磨溪误登' }, { as: 'sichuan-operator' }));
    dataOf(await federation.query(WITHDRAW, { id: inFenshui, reason: '分水误登' }, await as(FENSHUI)));
    dataOf(await federation.query(WITHDRAW, { id: byClerk, reason: '镇里误登' }, await as(MOXI)));

    const clerk = await archive(await as(MOXI));
    expect(clerk.map((n) => n.id)).toEqual(expect.arrayContaining([inMoxi, byClerk]));
    expect(clerk.map((n) => n.id)).not.toContain(inFenshui);
    // Nothing of 分水镇 at all: no withdrawal of its records, by reason or by the record kept.
    expect(clerk.filter((n) => n.reason === '分水误登' || n.record.includes(places[FENSHUI]!.town.id))).toEqual([]);
    for (const who of [await as(ANJU), { as: 'sichuan-operator' as const }]) {
      expect((await archive(who)).map((n) => n.id)).toEqual(expect.arrayContaining([inMoxi, inFenshui, byClerk]));
    }
    // A region the store does not know covers nothing, here as in the audit log.
    expect(await archive(await as('510904199'))).toEqual([]);
  });

  test('a withdrawal the archive shows the clerk is told when and why when the clerk asks again; one it does not show is refused outside-region', async () => {
    // A grid of 磨溪镇 run by 分水镇’s committee: the archive places it in 磨溪镇 (where it lies), the write in both towns.
    const GRID = `mutation ($input: GridInput!) { sichuanRecordGrid(input: $input) { id } }`;
    const input = { name: uniqueName('跨镇网格'), organizationId: places[FENSHUI]!.town.id, regionId: places[MOXI]!.region.id, households: 30 };
    const grid = dataOf<any>(await federation.query(GRID, { input }, { as: 'sichuan-operator' })).sichuanRecordGrid.id as string;
    dataOf(await federation.query(WITHDRAW, { id: grid, reason: '网格重复登记' }, await as(ANJU)));
    expect((await archive(await as(MOXI))).map((n) => n.id)).toContain(grid);
    expect((await archive(await as(FENSHUI))).map((n) => n.id)).not.toContain(grid);
    const again = await expectRefused(federation, async () => federation.query(WITHDRAW, { id: grid, reason: '再撤一次' }, await as(MOXI)), { code: 'BAD_USER_INPUT', rule: 'withdrawn' });
    expect(again.message).toContain('网格重复登记');
    const other = await expectRefused(federation, async () => federation.query(WITHDRAW, { id: grid, reason: '再撤一次' }, await as(FENSHUI)), { code: 'FORBIDDEN', rule: 'outside-region' });
    expect(other.message).not.toContain('网格重复登记');
  });
});

describe('a resident ID number registered twice is refused without telling whose it is outside the region', () => {
  const PERSON = `mutation ($input: PersonInput!) { sichuanCreatePerson(input: $input) { id name } }`;
  const IMPORT = `mutation ($rows: [PersonImportRow!]!) { sichuanImportPeople(rows: $rows, mode: ROW_BY_ROW) { refused rows { status field rule message } } }`;

  test('the 磨溪镇 clerk typing the number of a 分水镇 person learns neither the person nor their ID; whoever may read the number (district, the holder’s town, province) is told whom', async () => {
    const idCardNumber = withIdCheck(`51090419680808${String(Date.now() % 1000).padStart(3, '0')}`);
    const holder = dataOf<any>(await federation.query(PERSON, { input: { name: uniqueName('分水测'), organizationId: places[FENSHUI]!.town.id, idCardNumber } }, await as(ANJU))).sichuanCreatePerson;
    const again = { name: uniqueName('磨溪测'), organizationId: places[MOXI]!.town.id, idCardNumber };

    const refusal = await expectRefused(federation, async () => federation.query(PERSON, { input: again }, await as(MOXI)), { code: 'BAD_USER_INPUT', field: 'idCardNumber', rule: 'duplicate' });
    const imported = dataOf<any>(await federation.query(IMPORT, { rows: [{ input: again, idempotencyKey: uniqueName('key') }] }, await as(MOXI))).sichuanImportPeople;
    expect(imported.rows.map((r: any) => [r.status, r.field, r.rule])).toEqual([['REFUSED', 'idCardNumber', 'duplicate']]);
    for (const message of [refusal.message, imported.rows[0].message as string]) {
      expect(message).toContain('已登记在本方另一人员名下（该人员不在您的区划内）');
      expect(message).not.toContain(holder.name);
      expect(message).not.toContain(holder.id);
    }

    // The district's operator, whose region covers the holder (and who may read the number), is told whom.
    const district = await expectRefused(federation, async () => federation.query(PERSON, { input: again }, await as(ANJU)), { code: 'BAD_USER_INPUT', field: 'idCardNumber', rule: 'duplicate' });
    expect(district.message.split(' / ')[0]).toContain(`已登记在本方人员“${holder.name}”名下`);
    // So is every caller who may read the holder's number (the rule reads follow), by an import too: the district, the holder's own town, the province.
    const inFenshui = { ...again, organizationId: places[FENSHUI]!.town.id };
    for (const [caller, input] of [[await as(ANJU), again], [await as(FENSHUI), inFenshui], [{ as: 'sichuan-operator' as const }, again]] as const) {
      const rows = dataOf<any>(await federation.query(IMPORT, { rows: [{ input, idempotencyKey: uniqueName('key') }] }, caller)).sichuanImportPeople.rows;
      expect(rows.map((r: any) => [r.status, r.rule])).toEqual([['REFUSED', 'duplicate']]);
      expect(rows[0].message.split(' / ')).toEqual([expect.stringContaining(`已登记在本方人员“${holder.name}”名下`), expect.stringContaining(`is already held by ${holder.id}`)]);
    }
  });
});

describe('the audit log names who acted', () => {
  test('entries appended together (group commit) keep the name and region of each caller', async () => {
    const subject = `moxi-reader-${Date.now()}`;
    const who = await as(MOXI, subject, '张敏');
    // Concurrent reads end together, and their entries are appended by one statement.
    await Promise.all(Array.from({ length: 8 }, () => federation.query(PHONES, { regionId: places[MOXI]!.region.id }, who)));
    const log = dataOf<any>(
      await federation.query(`query ($subject: String) { sichuan { auditLog(first: 50, subject: $subject) { edges { node { name region } } } } }`, { subject }, { as: 'sichuan-operator' }),
    ).sichuan.auditLog.edges.map((e: any) => e.node);
    expect(log.length).toBeGreaterThanOrEqual(8);
    expect(log.every((n: any) => n.name === '张敏' && n.region === MOXI)).toBe(true);
  });

  test('the clerk’s recorded and refused writes are in Sichuan’s log under subject, name and region', async () => {
    const subject = `moxi-clerk-${Date.now()}`;
    const who = await as(MOXI, subject, '张敏');
    dataOf(await federation.query(ACTIVITY, activity(places[MOXI]!.town), who));
    await federation.query(ACTIVITY, activity(places[FENSHUI]!.town), who);
    const log = dataOf<any>(
      await federation.query(`{ sichuan { auditLog(first: 50) { edges { node { subject name role region kind outcome errorCodes } } } auditChain { verified } } }`, {}, { as: 'sichuan-operator' }),
    ).sichuan;
    const mine = log.auditLog.edges.map((e: any) => e.node).filter((n: any) => n.subject === subject && n.kind === 'WRITE');
    expect(mine).toEqual([
      { subject, name: '张敏', role: 'sichuan-operator', region: MOXI, kind: 'WRITE', outcome: 'ERROR', errorCodes: ['FORBIDDEN'] },
      { subject, name: '张敏', role: 'sichuan-operator', region: MOXI, kind: 'WRITE', outcome: 'OK', errorCodes: [] },
    ]);
    expect(log.auditChain.verified).toBe(true);

    // The clerk finds them too, by subject, and sees no entry of an operator outside the town.
    const seen = dataOf<any>(
      await federation.query(`query ($subject: String) { sichuan { auditLog(first: 50, subject: $subject) { totalCount edges { node { subject region kind outcome } } } } }`, { subject }, who),
    ).sichuan.auditLog;
    expect(seen.totalCount).toBeGreaterThanOrEqual(2);
    expect(seen.edges.every((e: any) => e.node.subject === subject)).toBe(true);
    const all = dataOf<any>(await federation.query(`{ sichuan { auditLog(first: 100) { edges { node { region } } } } }`, {}, who)).sichuan.auditLog;
    expect(all.edges.length).toBeGreaterThan(0);
    expect(all.edges.every((e: any) => e.node.region?.startsWith(MOXI))).toBe(true);
    // The district's operator sees the town's entries; the province's sees everyone's, regions or not.
    const district = dataOf<any>(await federation.query(`query ($subject: String) { sichuan { auditLog(subject: $subject) { totalCount } } }`, { subject }, await as(ANJU))).sichuan.auditLog;
    expect(district.totalCount).toBeGreaterThan(seen.totalCount); // the clerk's reading of the log since is audited too
    const province = dataOf<any>(await federation.query(`{ sichuan { auditLog(first: 100) { edges { node { region } } } } }`, {}, { as: 'sichuan-operator' })).sichuan.auditLog;
    expect(province.edges.some((e: any) => e.node.region === '510000')).toBe(true);
  });
});
