import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { dataOf, expectRefused, todayInChina, uniqueName, withIdCheck } from '../writes/writeSupport.ts';
import { asTownClerk, FENSHUI, loadTowns, MOXI, type Town } from '../writes/townClerkWrites.ts';

/**
 * An outside-region refusal names what lies outside: 磨溪镇's clerk creating a branch of 磨溪镇 under
 * 分水镇's committee reads that the parent (上级党组织) lies in 分水镇, transferring one of her people to
 * 分水镇 that the organization transferred to (转入的党组织) does, not that her own record lies elsewhere.
 */

let federation: Federation;
let towns: Record<string, Town>;
beforeAll(async () => {
  federation = await startFederation();
  towns = await loadTowns(federation);
});
afterAll(() => federation?.stop());

const FENSHUI_NAMED = /分水镇（510904102），未作任何更改。 \//;
const chineseOf = (error: { message: string }) => error.message.split(' / ')[0]!;

test('a new organization of 磨溪镇 whose parent is 分水镇’s: 上级党组织属于分水镇', async () => {
  const input = { name: uniqueName('测试党支部'), kind: '党支部', level: '村', regionId: towns[MOXI]!.village.id, parentId: towns[FENSHUI]!.committee.id, foundedOn: '2024-01-01' };
  const error = await expectRefused(
    federation,
    async () => federation.query(`mutation ($input: OrganizationInput!) { sichuanCreateOrganization(input: $input) { id } }`, { input }, await asTownClerk(federation, MOXI)),
    { code: 'FORBIDDEN', rule: 'outside-region', message: FENSHUI_NAMED },
  );
  expect(chineseOf(error)).toMatch(/，上级党组织属于分水镇（510904102）/);
});

test('a 磨溪镇 person transferred to 分水镇: 转入的党组织属于分水镇; an activity organized there: 主办组织; 分水镇’s own record: 该记录', async () => {
  const person = dataOf<any>(
    await federation.query(
      `mutation ($input: PersonInput!) { sichuanCreatePerson(input: $input) { id version } }`,
      { input: { name: uniqueName('测试党员'), organizationId: towns[MOXI]!.committee.id, idCardNumber: withIdCheck(`51090419850312${String(Date.now()).slice(-3)}`) } },
      { as: 'sichuan-operator' },
    ),
  ).sichuanCreatePerson;
  const clerk = await asTownClerk(federation, MOXI);
  const transfer = await expectRefused(
    federation,
    () => federation.query(`mutation ($id: ID!, $version: Int!, $input: PersonUpdateInput!) { sichuanUpdatePerson(id: $id, version: $version, input: $input) { id } }`, { id: person.id, version: person.version, input: { organizationId: towns[FENSHUI]!.committee.id } }, clerk),
    { code: 'FORBIDDEN', rule: 'outside-region', message: FENSHUI_NAMED },
  );
  expect(chineseOf(transfer)).toMatch(/，转入的党组织属于分水镇（510904102）/);
  const activity = await expectRefused(
    federation,
    () => federation.query(`mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`, { input: { kind: '培训', title: uniqueName('活动'), heldOn: todayInChina(), organizerId: towns[FENSHUI]!.committee.id } }, clerk),
    { code: 'FORBIDDEN', rule: 'outside-region', message: FENSHUI_NAMED },
  );
  expect(chineseOf(activity)).toMatch(/，主办组织属于分水镇（510904102）/);
  const own = await expectRefused(
    federation,
    () => federation.query(`mutation ($id: ID!, $version: Int!, $input: OrganizationUpdateInput!) { sichuanUpdateOrganization(id: $id, version: $version, input: $input) { id } }`, { id: towns[FENSHUI]!.committee.id, version: 1, input: { name: uniqueName('改名') } }, clerk),
    { code: 'FORBIDDEN', rule: 'outside-region', message: FENSHUI_NAMED },
  );
  expect(chineseOf(own)).toMatch(/，该记录属于分水镇（510904102）/);
});
