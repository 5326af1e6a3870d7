import { expect, test } from 'vitest';
import { countsForAlliance, organizationsOnLine, type Membership } from '../src/allianceMembership.ts';

// A town (磨溪镇党委) below its district, with a village below it; the alliances' members as the seed has them.
const district = { id: 'district' };
const town = { id: 'town', parent: district };
const village = { id: 'village', parent: town };
const member = (organization: { id: string; parent?: unknown; children?: unknown }, joinedOn = '2021-03-01', leftOn: string | null = null): Membership =>
  ({ organization, joinedOn, leftOn }) as Membership;

test('the line of an organization: itself, above and below, as far as read', () => {
  expect([...organizationsOnLine({ id: 'town', parent: district, children: [{ id: 'village', children: [{ id: 'group' }] }] })].sort()).toEqual(['district', 'group', 'town', 'village']);
});

test.each([
  ['the member itself', town, [member(town)], true],
  ['a village below the member town (read through its own parents)', village, [member(town)], true],
  ['a village below the member town (read through the member’s children)', { id: 'village' }, [member({ id: 'town', children: [{ id: 'village' }] })], true],
  ['the town above a member village (the seed’s 联村党组织)', { id: 'town' }, [member({ id: 'village', parent: town })], true],
  ['another town', { id: 'other-town', parent: district }, [member(town)], false],
  ['a member that left before the date', town, [member(town, '2021-03-01', '2022-01-01')], false],
  ['a member that joined after the date', town, [member(town, '2025-01-01')], false],
  ['a deleted member (no organization)', town, [{ organization: null, joinedOn: '2021-01-01', leftOn: null }], false],
] as const)('%s → %s', (_, organization, members, counts) => {
  expect(countsForAlliance(organization, members, '2024-06-01')).toBe(counts);
});
