import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { asClerks, createOrganization, dataOf, expectRefused, loadFixtures, ORG_FIELDS, uniqueName, type Org, type Side, type SideFixtures } from './writeSupport.ts';

/**
 * An update that changes nothing (a form saved without an edit) is refused as UpdatePerson refuses
 * it, with the same code, rule and sentence, and the record's version stays: otherwise every other
 * clerk holding the record would meet a needless CONFLICT.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

const UNCHANGED = { code: 'BAD_USER_INPUT', rule: 'required', field: 'input', message: /^所填内容与该(党组织|联盟|成员期)现有信息相同，没有要修改的内容 \// } as const;

const updateOrganization = (side: Side) =>
  `mutation ($id: ID!, $version: Int!, $input: OrganizationUpdateInput!) { ${side}UpdateOrganization(id: $id, version: $version, input: $input) { ${ORG_FIELDS} } }`;

describe.each(['sichuan', 'chongqing'] as const)('on %s', (side) => {
  test('UpdateOrganization with the values it has is refused, and the version stays', async () => {
    const org = await createOrganization(federation, fixtures[side]);
    const same = { name: org.name, kind: org.kind, level: org.level, regionId: org.region.id, parentId: org.parent!.id };
    await expectRefused(federation, () => federation.query(updateOrganization(side), { id: org.id, version: org.version, input: same }), UNCHANGED);
    await expectRefused(federation, () => federation.query(updateOrganization(side), { id: org.id, version: org.version, input: { name: org.name } }), UNCHANGED);
    // Nothing given at all: said first in Chinese, the argument's name only in the English half.
    await expectRefused(federation, () => federation.query(updateOrganization(side), { id: org.id, version: org.version, input: {} }), { ...UNCHANGED, message: /^没有要修改的内容，请至少填写一项 \/ input changes nothing/ });
    // A real change still goes through, from the version read before.
    const renamed = dataOf<Record<string, Org>>(await federation.query(updateOrganization(side), { id: org.id, version: org.version, input: { ...same, name: uniqueName('改名党支部') } }));
    expect(renamed[`${side}UpdateOrganization`]!.version).toBe(org.version + 1);
  });
});

test('updateAlliance with the values it has is refused, and the version stays', async () => {
  const created = dataOf<any>(
    await federation.query(
      `mutation ($input: AllianceInput!) { createAlliance(input: $input) { id kind name foundedOn version } }`,
      { input: { kind: '毗邻村联村党组织', name: uniqueName('测试联村党组织'), foundedOn: '2023-03-01', memberIds: [fixtures.sichuan.town.id, fixtures.chongqing.town.id] } },
      { as: 'joint-operator' },
    ),
  ).createAlliance;
  const update = (input: Record<string, unknown>) =>
    federation.query(
      `mutation ($id: ID!, $version: Int!, $input: AllianceUpdateInput!) { updateAlliance(id: $id, version: $version, input: $input) { id version } }`,
      { id: created.id, version: created.version, input },
      { as: 'joint-operator' },
    );
  await expectRefused(federation, () => update({ kind: created.kind, name: created.name, foundedOn: created.foundedOn }), UNCHANGED);
  await expectRefused(federation, () => update({}), { ...UNCHANGED, message: /^没有要更正的内容，请至少填写一项 \/ input changes nothing/ });
  expect(dataOf<any>(await update({ name: uniqueName('改名联村党组织') })).updateAlliance.version).toBe(created.version + 1);
});

test('correctAllianceMemberLeaving with the leaving day it has is refused, and the version stays', async () => {
  const third = fixtures.sichuan.organizations.find((o) => !o.dissolvedOn && o.id !== fixtures.sichuan.town.id)!;
  const write = (document: string, variables: Record<string, unknown>) => federation.query(document, variables, { as: 'joint-operator' });
  const created = dataOf<any>(
    await write(`mutation ($input: AllianceInput!) { createAlliance(input: $input) { id version } }`, {
      input: { kind: '毗邻村联村党组织', name: uniqueName('测试联村党组织'), foundedOn: '2023-03-01', memberIds: [fixtures.sichuan.town.id, fixtures.chongqing.town.id, third.id] },
    }),
  ).createAlliance;
  const removed = dataOf<any>(
    await write(`mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $leftOn: Date!) { removeAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, leftOn: $leftOn) { id version } }`, {
      allianceId: created.id, version: created.version, organizationId: third.id, leftOn: '2024-01-01',
    }),
  ).removeAllianceMember;
  const correct = (leftOn: string) =>
    write(`mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!, $leftOn: Date) { correctAllianceMemberLeaving(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn, leftOn: $leftOn) { id version } }`, {
      allianceId: created.id, version: removed.version, organizationId: third.id, joinedOn: '2023-03-01', leftOn,
    });
  await expectRefused(federation, () => correct('2024-01-01'), { ...UNCHANGED, field: 'leftOn' });
  expect(dataOf<any>(await correct('2024-01-02')).correctAllianceMemberLeaving.version).toBe(removed.version + 1);
});
