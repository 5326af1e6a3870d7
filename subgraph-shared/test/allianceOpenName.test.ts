import { expect, test } from 'vitest';
import { acrossMigration } from './storeAcrossMigration.ts';

test('open alliances of one name written before the rule: the first founded keeps it, each other is renamed with its ID; then the store refuses another', async () => {
  const rows: [id: string, foundedOn: string, closedOn: string | null][] = [
    ['joint:Alliance:later', '2022-05-01', null],
    ['joint:Alliance:first', '2021-01-08', null],
    ['joint:Alliance:closed', '2020-01-01', '2020-12-31'],
    ['joint:Alliance:same-day', '2022-05-01', null],
  ];
  await acrossMigration('0014_alliance_open_name', async (store) => {
    // The store as it was before: every migration up to the one that makes open names unique.
    for (const [id, foundedOn, closedOn] of rows) {
      await store.pool.query(`INSERT INTO alliance (id, kind, name, founded_on, closed_on) VALUES ($1, '毗邻乡镇党建联建', '磨溪镇—古溪镇毗邻乡镇党建联建', $2, $3)`, [id, foundedOn, closedOn]);
    }
  }, async (store) => {
    const { rows: after } = await store.pool.query<{ id: string; name: string; version: number }>('SELECT id, name, version FROM alliance ORDER BY id');
    expect(after).toEqual([
      { id: 'joint:Alliance:closed', name: '磨溪镇—古溪镇毗邻乡镇党建联建', version: 1 },
      { id: 'joint:Alliance:first', name: '磨溪镇—古溪镇毗邻乡镇党建联建', version: 1 },
      { id: 'joint:Alliance:later', name: '磨溪镇—古溪镇毗邻乡镇党建联建（joint:Alliance:later）', version: 2 },
      { id: 'joint:Alliance:same-day', name: '磨溪镇—古溪镇毗邻乡镇党建联建（joint:Alliance:same-day）', version: 2 },
    ]);
    await expect(
      store.pool.query(`INSERT INTO alliance (id, kind, name, founded_on) VALUES ('joint:Alliance:another', '人才联盟', '磨溪镇—古溪镇毗邻乡镇党建联建', '2023-01-01')`),
    ).rejects.toThrow(/alliance_open_name_idx/);
  });
});
