import { afterAll, beforeAll, describe, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { dataOf, expectRefused, loadFixtures, uniqueName, type SideFixtures, type Side } from './writeSupport.ts';

/**
 * IDs the stores keep are checked against the global-ID grammar (`<home>:<Type>:<key>`, the key
 * in lower-case letters, digits and single hyphens) before anything is written: a look-alike of a
 * real member (a zero-width or direction character, a path, a space) is refused with
 * BAD_USER_INPUT `malformed-id`, and no table of any store changes.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
beforeAll(async () => {
  const started = await startFederation();
  // Each write as its store's operator; anything else as a viewer.
  federation = {
    ...started,
    query: (document, variables, options) =>
      started.query(document, variables, options ?? { as: /^\s*mutation[^{]*\{\s*sichuan/.test(String(document)) ? 'sichuan-operator' : /^\s*mutation/.test(String(document)) ? 'joint-operator' : 'viewer' }),
  };
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

const S = () => fixtures.sichuan.town.id;
const C = () => fixtures.chongqing.town.id;

/** The key of an ID changed by `change`. */
const inKey = (change: (key: string) => string) => (id: string) => id.replace(/:([^:]*)$/, (_m, key: string) => `:${change(key)}`);

/** Look-alikes of a real ID: each renders like it, or names something other than a record. */
const LOOK_ALIKES: [string, (id: string) => string][] = [
  ['a zero-width space at the end', (id) => `${id}\u200b`],
  ['a zero-width joiner inside the key', inKey((k) => `${k.slice(0, 2)}\u200d${k.slice(2)}`)],
  ['a right-to-left override', inKey((k) => `\u202e${k}`)],
  ['a byte-order mark inside the key', inKey((k) => `${k.slice(0, 1)}\ufeff${k.slice(1)}`)],
  ['a path', (id) => `${id}/../../x`],
  ['a parent directory as the key', inKey(() => '..')],
  ['a space inside the key', inKey((k) => `${k.slice(0, 2)} ${k.slice(2)}`)],
  ['a colon inside the key', (id) => `${id}:x`],
  ['an upper-case look-alike key', inKey((k) => k.toUpperCase())],
  ['a full-width letter', inKey((k) => `${k}ａ`)],
  ['an empty key', inKey(() => '')],
  ['a 300-character key', inKey((k) => k.padEnd(300, 'x'))],
];

const CREATE = `mutation ($input: AllianceInput!) { createAlliance(input: $input) { id } }`;
const ADD = `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!) {
  addAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn) { id } }`;
const SIGN = `mutation ($input: AgreementInput!) { signAgreement(input: $input) { id } }`;
const ACTIVITY = `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`;

type Send = () => Promise<any>;
const newAlliance = async () =>
  dataOf<{ createAlliance: { id: string } }>(
    await federation.query(CREATE, { input: { kind: '毗邻乡镇党建联建', name: uniqueName('联盟'), foundedOn: '2023-01-01', memberIds: [S(), C()] } }),
  ).createAlliance.id;

/** Each write, prepared (a record it needs is made first) and then sent with a bad ID. */
const WRITES: [string, (bad: (id: string) => string) => Promise<Send>, string][] = [
  ['createAlliance memberIds', async (bad) => () => federation.query(CREATE, { input: { kind: '毗邻乡镇党建联建', name: uniqueName('联盟'), foundedOn: '2023-01-01', memberIds: [bad(S()), C()] } }), 'memberIds'],
  [
    'addAllianceMember organizationId',
    async (bad) => {
      const allianceId = await newAlliance();
      const other = fixtures.sichuan.organizations.find((o) => o.id !== S() && !o.dissolvedOn)!.id;
      return () => federation.query(ADD, { allianceId, version: 1, organizationId: bad(other), joinedOn: '2023-02-01' });
    },
    'organizationId',
  ],
  ['signAgreement signatoryIds', async (bad) => () => federation.query(SIGN, { input: { title: uniqueName('协议'), signedOn: '2023-01-01', signatoryIds: [S(), bad(C())], items: [] } }), 'signatoryIds'],
  ['a side’s activity organizerId', async (bad) => () => federation.query(ACTIVITY, { input: { kind: '政策宣讲', title: uniqueName('宣讲'), heldOn: '2023-01-01', organizerId: bad(S()) } }), 'organizerId'],
];

describe.each(WRITES)('%s', (_what, prepare, field) => {
  test.each(LOOK_ALIKES)('%s: refused as malformed-id, nothing written', async (_how, bad) => {
    const send = await prepare(bad);
    await expectRefused(federation, send, { code: 'BAD_USER_INPUT', rule: 'malformed-id', field });
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
