import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { dataOf, loadFixtures, newKey, todayInChina, type SideFixtures } from '../writes/writeSupport.ts';

/**
 * 数据截至: each store says when it last changed (a committed write or its seed), publicly, next to
 * its figures. A write through the gateway moves the time of the store it wrote and of no other;
 * a read or a refused write moves nothing.
 */

let federation: Federation;
let sichuan: SideFixtures;
beforeAll(async () => {
  federation = await startFederation({ freshStores: true });
  sichuan = (await loadFixtures(federation)).sichuan;
});
afterAll(() => federation?.stop());

const AS_OF = `query DataAsOf { overview { dataAsOf } jurisdictions { key dataAsOf } }`;

async function asOf(): Promise<Record<string, string>> {
  const data = dataOf<{ overview: { dataAsOf: string }; jurisdictions: { key: string; dataAsOf: string }[] }>(await federation.query(AS_OF, {}, { as: 'anonymous' }));
  return { joint: data.overview.dataAsOf, ...Object.fromEntries(data.jurisdictions.map((j) => [j.key, j.dataAsOf])) };
}

const RECORD = `mutation ($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id } }`;
const TARGET = `mutation ($input: FigureTargetInput!) { setFigureTarget(input: $input) { id } }`;

test('every store answers when it last changed, anonymously, as ISO 8601 in UTC', async () => {
  const started = await asOf();
  expect(Object.keys(started).sort()).toEqual(['chongqing', 'joint', 'sichuan']);
  for (const time of Object.values(started)) {
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Seeded when the federation started: not in the future, not long ago.
    expect(Date.parse(time)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(time)).toBeLessThan(10 * 60_000);
  }
});

test("a write moves its own store's time and no other's; reads and refused writes move nothing", async () => {
  const before = await asOf();
  await federation.query(`{ sichuan { activities(first: 5) { totalCount } } }`, {}, { as: 'viewer' });
  const refused = await federation.query(RECORD, { input: { kind: '座谈交流', title: '数据截至测试', heldOn: '2999-01-01', organizerId: sichuan.town.id } }, { as: 'sichuan-operator' });
  expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(await asOf()).toEqual(before);

  const written = await federation.query(
    RECORD,
    { input: { kind: '座谈交流', title: '数据截至测试', heldOn: todayInChina(), organizerId: sichuan.town.id, sessions: 1 }, key: newKey() },
    { as: 'sichuan-operator' },
  );
  dataOf(written);
  const afterSichuan = await asOf();
  expect(Date.parse(afterSichuan.sichuan!)).toBeGreaterThan(Date.parse(before.sichuan!));
  expect({ ...afterSichuan, sichuan: undefined }).toEqual({ ...before, sichuan: undefined });

  dataOf(await federation.query(TARGET, { input: { figure: 'jointSeminarSessions', from: '2026-01-01', to: '2026-12-31', value: 20 } }, { as: 'joint-operator' }));
  const afterJoint = await asOf();
  expect(Date.parse(afterJoint.joint!)).toBeGreaterThan(Date.parse(before.joint!));
  expect({ ...afterJoint, joint: undefined }).toEqual({ ...afterSichuan, joint: undefined });
});

const IMPORT = `mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows, mode: ROW_BY_ROW) { created refused } }`;

test('an import that writes some rows and refuses others moves its store’s time; one that writes nothing does not', async () => {
  const row = (heldOn: string) => ({ input: { kind: '座谈交流', title: '数据截至导入测试', heldOn, organizerId: sichuan.town.id, sessions: 1 }, idempotencyKey: newKey() });
  const before = await asOf();
  const refusedOnly = dataOf<{ sichuanImportActivities: { created: number; refused: number } }>(
    await federation.query(IMPORT, { rows: [row('2999-01-01')] }, { as: 'sichuan-operator' }),
  );
  expect(refusedOnly.sichuanImportActivities).toEqual({ created: 0, refused: 1 });
  expect(await asOf()).toEqual(before);

  // Its audit entry's outcome is 'error' (the refused row): the store changed even so.
  const partly = dataOf<{ sichuanImportActivities: { created: number; refused: number } }>(
    await federation.query(IMPORT, { rows: [row(todayInChina()), row('2999-01-01')] }, { as: 'sichuan-operator' }),
  );
  expect(partly.sichuanImportActivities).toEqual({ created: 1, refused: 1 });
  const after = await asOf();
  expect(Date.parse(after.sichuan!)).toBeGreaterThan(Date.parse(before.sichuan!));
  expect({ ...after, sichuan: undefined }).toEqual({ ...before, sichuan: undefined });
});
