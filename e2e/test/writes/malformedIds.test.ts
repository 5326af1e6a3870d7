import { afterAll, beforeAll, describe, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { asClerks, dataOf, expectRefused, loadFixtures, uniqueName, type SideFixtures, type Side } from './writeSupport.ts';

/**
 * IDs the stores keep are checked against the global-ID grammar (`<home>:<Type>:<key>`, the key
 * in lower-case letters, digits and single hyphens) before anything is written: a look-alike of a
 * real member (a zero-width or direction character, a path, a space) is refused with
 * BAD_USER_INPUT `malformed-id`, and no table of any store changes.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

const S = () => fixtures.sichuan.town.id;
const C = () => fixtures.chongqing.town.id;

/** Look-alikes of a real ID: each renders like it, or names something other than a record. */
const LOOK_ALIKES: [string, (id: string) => string][] = [
  ['a zero-width space at the end', (id) => `${id}\u200b`],
  ['a zero-width joiner inside the key', (id) => id.replace(/:([^:]*)$/, ':\u200d$1')],
  ['a right-to-left override', (id) => id.replace(/:([^:]*)$/, ':\u202e$1')],
  ['a byte-order mark inside the key', (id) => id.replace(/-/, '\ufeff-')],
  ['a path', (id) => `${id}/../../x`],
  ['a parent directory as the key', (id) => id.replace(/:[^:]*$/, ':..')],
  ['a space inside the key', (id) => id.replace(/-/, ' -')],
  ['a colon inside the key', (id) => `${id}:x`],
  ['an upper-case look-alike key', (id) => id.toUpperCase().replace(/^[A-Z]+:/, (h) => h.toLowerCase()).replace(/:[A-Z]+:/, (t) => t[0] + t[1] + t.slice(2).toLowerCase())],
  ['a full-width hyphen', (id) => id.replace(/-/, '－')],
  ['an empty key', (id) => id.replace(/:[^:]*$/, ':')],
];

const CREATE = `mutation ($input: AllianceInput!) { createAlliance(input: $input) { id } }`;
const ADD = `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!) {
  addAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn) { id } }`;
const SIGN = `mutation ($input: AgreementInput!) { signAgreement(input: $input) { id } }`;
const ACTIVITY = `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`;

const WRITES: [string, (bad: (id: string) => string) => Promise<any>, string][] = [
  ['createAlliance memberIds', (bad) => federation.query(CREATE, { input: { kind: '毗邻党建联盟', name: uniqueName('联盟'), foundedOn: '2023-01-01', memberIds: [bad(S()), C()] } }), 'memberIds'],
  [
    'addAllianceMember organizationId',
    async (bad) => {
      const alliance = dataOf<{ createAlliance: { id: string } }>(
        await federation.query(CREATE, { input: { kind: '毗邻党建联盟', name: uniqueName('联盟'), foundedOn: '2023-01-01', memberIds: [S(), C()] } }),
      ).createAlliance;
      const other = fixtures.sichuan.organizations.find((o) => o.id !== S() && !o.dissolvedOn)!.id;
      return () => federation.query(ADD, { allianceId: alliance.id, version: 1, organizationId: bad(other), joinedOn: '2023-02-01' });
    },
    'organizationId',
  ],
  ['signAgreement signatoryIds', (bad) => federation.query(SIGN, { input: { title: uniqueName('协议'), signedOn: '2023-01-01', signatoryIds: [S(), bad(C())], items: [] } }), 'signatoryIds'],
  ['a side’s activity organizerId', (bad) => federation.query(ACTIVITY, { input: { kind: '政策宣讲', title: uniqueName('宣讲'), heldOn: '2023-01-01', organizerId: bad(S()) } }), 'organizerId'],
];

describe.each(WRITES)('%s', (_what, send, field) => {
  test.each(LOOK_ALIKES)('%s: refused as malformed-id, nothing written', async (_how, bad) => {
    // A write that needs a record first makes it, then returns the refused write to send.
    const prepared = send.length && _what.startsWith('addAllianceMember') ? await send(bad) : null;
    await expectRefused(federation, () => (prepared ? prepared() : send(bad)), { code: 'BAD_USER_INPUT', rule: 'malformed-id', field });
  });
});

describe('filters that take an ID', () => {
  const LISTS = `query ($filter: RecordFilter) { sichuan { activities(filter: $filter, first: 1) { totalCount } } agreements(filter: $filter, first: 1) { totalCount } }`;
  test.each(LOOK_ALIKES)('%s in filter.regionId / filter.allianceId / overview(allianceId): BAD_USER_INPUT malformed-id', async (_how, bad) => {
    for (const [document, variables, field] of [
      [LISTS, { filter: { allianceId: bad('joint:Alliance:moxi-shuangjiang') } }, 'filter.allianceId'],
      [LISTS, { filter: { regionId: bad(fixtures.sichuan.region.id) } }, 'filter.regionId'],
      [`query ($id: ID) { overview(allianceId: $id) { total { jointSeminarSessions } } }`, { id: bad('joint:Alliance:moxi-shuangjiang') }, 'allianceId'],
      [`query ($id: ID) { sichuan { figures(allianceId: $id) { jointSeminarSessions } } }`, { id: bad('joint:Alliance:moxi-shuangjiang') }, 'allianceId'],
    ] as const) {
      const response = await federation.query(document, variables);
      const error = response.errors?.[0];
      if (error?.extensions?.code !== 'BAD_USER_INPUT' || error.extensions.rule !== 'malformed-id' || error.extensions.field !== field) {
        throw new Error(`${field}: expected BAD_USER_INPUT malformed-id, got ${JSON.stringify(response).slice(0, 400)}`);
      }
    }
  });
});
