import { expect, test } from 'vitest';
import { acrossMigration } from './storeAcrossMigration.ts';

/** Memberships as a store held them before periods: one per alliance and organization. */
const BEFORE: [organization: string, joinedOn: string, leftOn: string | null][] = [
  ['sichuan:Organization:left', '2021-03-18', '2022-03-01'],
  ['sichuan:Organization:stays', '2021-03-18', null],
  ['chongqing:Organization:later', '2021-09-01', null],
];

test('memberships stored before periods become each organization’s first period, unchanged; then a second period is taken, a second open one or one ending before it began is not', async () => {
  await acrossMigration('0019_alliance_member_periods', async ({ pool }) => {
    await pool.query(`INSERT INTO alliance (id, kind, name, founded_on) VALUES ('joint:Alliance:a', '毗邻乡镇党建联建', '甲联盟', '2021-03-18')`);
    for (const [organization, joinedOn, leftOn] of BEFORE) {
      await pool.query(`INSERT INTO alliance_member (alliance_id, organization_id, jurisdiction, joined_on, left_on) VALUES ('joint:Alliance:a', $1, $2, $3, $4)`, [
        organization,
        organization.split(':')[0],
        joinedOn,
        leftOn,
      ]);
    }
  }, async ({ pool }) => {
    const rows = async () => (await pool.query(`SELECT organization_id, period, joined_on::text, left_on::text FROM alliance_member ORDER BY organization_id, period`)).rows;
    expect(await rows()).toEqual(
      BEFORE.map(([organization_id, joined_on, left_on]) => ({ organization_id, period: 1, joined_on, left_on })).sort((a, b) => a.organization_id.localeCompare(b.organization_id)),
    );

    const insert = (organization: string, period: number, joinedOn: string, leftOn: string | null = null) =>
      pool.query(`INSERT INTO alliance_member (alliance_id, organization_id, jurisdiction, period, joined_on, left_on) VALUES ('joint:Alliance:a', $1, $2, $3, $4, $5)`, [
        organization,
        organization.split(':')[0],
        period,
        joinedOn,
        leftOn,
      ]);
    // The one that left joins again: a second period beside the first, which stays as it was.
    await insert('sichuan:Organization:left', 2, '2023-05-01');
    expect((await rows()).filter((r) => r.organization_id === 'sichuan:Organization:left')).toEqual([
      { organization_id: 'sichuan:Organization:left', period: 1, joined_on: '2021-03-18', left_on: '2022-03-01' },
      { organization_id: 'sichuan:Organization:left', period: 2, joined_on: '2023-05-01', left_on: null },
    ]);
    // One open period per organization and alliance, whoever writes; one number per period; a period never ends before it began.
    await expect(insert('sichuan:Organization:stays', 2, '2024-01-01')).rejects.toThrow(/alliance_member_open_idx/);
    await expect(insert('chongqing:Organization:later', 1, '2021-01-01', '2021-02-01')).rejects.toThrow(/alliance_member_pkey/);
    await expect(insert('chongqing:Organization:other', 1, '2021-05-01', '2021-04-30')).rejects.toThrow(/alliance_member_left_after_joined/);
  });
});
