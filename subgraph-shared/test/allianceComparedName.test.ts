import { comparedName } from '@linju/contract';
import { withMigratedStore } from '@linju/subgraph-runtime/storeChecks';
import { expect, test } from 'vitest';
import { definition } from '../src/subgraph.ts';
import { acrossMigration } from './storeAcrossMigration.ts';

/**
 * Open alliances' names are compared as organizations' are (contract's comparedName: full-width as
 * half-width, spaces ignored), and with every dash as one (migration 0023): 磨溪镇—双江镇 毗邻乡镇党建联建,
 * 磨溪镇－双江镇… and 磨溪镇-双江镇… are one name.
 */

/** Unicode's dash punctuation but the wave dashes (〜 〰, a range's mark), and the minus sign. */
const DASH_RUN = /(?:(?![\u301C\u3030])[\p{Pd}\u2212])+/gu;
const compared = (name: string) => comparedName(name).replace(DASH_RUN, '-');

const MOXI_SHUANGJIANG = '磨溪镇—双江镇毗邻乡镇党建联建';
const insert = `INSERT INTO alliance (id, kind, name, founded_on, closed_on) VALUES ($1, '毗邻乡镇党建联建', $2, $3, $4)`;

test('the store compares a name as contract’s comparedName does, each run of dashes as one: every character, and names', async () => {
  await withMigratedStore(definition.migrations, async (pool) => {
    // Every character the store's function changes, in one statement; each other must be one comparedName and the dashes leave as they are.
    const { rows } = await pool.query<{ c: number; compared: string }>(`
      SELECT c, linju_alliance_compared_name(chr(c)) AS compared FROM generate_series(1, 1114111) c
      WHERE c NOT BETWEEN 55296 AND 57343 AND linju_alliance_compared_name(chr(c)) <> chr(c) ORDER BY c`);
    const changed = new Map(rows.map((r) => [r.c, r.compared]));
    const expected = new Map<number, string>();
    for (let c = 1; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const character = String.fromCodePoint(c);
      if (compared(character) !== character) expected.set(c, compared(character));
    }
    expect(changed).toEqual(expected);
    // The dashes of the QA report, with the ASCII hyphen, ideographic spaces and full-width letters around them.
    expect(expected.get(0x2014)).toBe('-');
    expect(expected.get(0xff0d)).toBe('-');
    expect(expected.get(0x3000)).toBe('');
    expect(expected.has(0x301c)).toBe(false);

    const names = [
      MOXI_SHUANGJIANG,
      '磨溪镇—双江镇 毗邻乡镇党建联建',
      '磨溪镇－双江镇毗邻乡镇党建联建',
      '磨溪镇-双江镇毗邻乡镇党建联建',
      '磨溪镇 – 双江镇毗邻乡镇党建联建',
      '磨溪镇——双江镇毗邻乡镇党建联建',
      '磨溪镇\u3000‐\u3000双江镇毗邻乡镇党建联建',
      '磨溪镇- -双江镇毗邻乡镇党建联建',
      'ＡＢ－ｃ\u00a0—\u2003d',
      '磨溪镇〜双江镇',
    ];
    const { rows: stored } = await pool.query<{ compared: string }>(`SELECT linju_alliance_compared_name(n) AS compared FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i`, [names]);
    expect(stored.map((r) => r.compared)).toEqual(names.map(compared));
    expect(new Set(stored.slice(0, 8).map((r) => r.compared))).toEqual(new Set(['磨溪镇-双江镇毗邻乡镇党建联建']));
  });
});

test('open alliances whose names differ only by spaces, widths or dashes, written before the rule: the first founded keeps its name, each other is renamed with its ID; then the store refuses another', async () => {
  const rows: [id: string, name: string, foundedOn: string, closedOn: string | null][] = [
    ['joint:Alliance:first', MOXI_SHUANGJIANG, '2021-01-08', null],
    ['joint:Alliance:spaced', '磨溪镇—双江镇 毗邻乡镇党建联建', '2024-01-01', null],
    ['joint:Alliance:full-width-dash', '磨溪镇－双江镇毗邻乡镇党建联建', '2024-01-01', null],
    ['joint:Alliance:hyphen', '磨溪镇-双江镇毗邻乡镇党建联建', '2023-06-01', null],
    ['joint:Alliance:closed', '磨溪镇 - 双江镇毗邻乡镇党建联建', '2020-01-01', '2020-12-31'],
    ['joint:Alliance:other', '磨溪镇—古溪镇毗邻乡镇党建联建', '2021-01-12', null],
  ];
  await acrossMigration('0023_alliance_compared_name', async (store) => {
    for (const row of rows) await store.pool.query(insert, row);
  }, async (store) => {
    const { rows: after } = await store.pool.query<{ id: string; name: string; version: number }>('SELECT id, name, version FROM alliance ORDER BY id');
    expect(after).toEqual([
      { id: 'joint:Alliance:closed', name: '磨溪镇 - 双江镇毗邻乡镇党建联建', version: 1 },
      { id: 'joint:Alliance:first', name: MOXI_SHUANGJIANG, version: 1 },
      { id: 'joint:Alliance:full-width-dash', name: '磨溪镇－双江镇毗邻乡镇党建联建（joint:Alliance:full-width-dash）', version: 2 },
      { id: 'joint:Alliance:hyphen', name: '磨溪镇-双江镇毗邻乡镇党建联建（joint:Alliance:hyphen）', version: 2 },
      { id: 'joint:Alliance:other', name: '磨溪镇—古溪镇毗邻乡镇党建联建', version: 1 },
      { id: 'joint:Alliance:spaced', name: '磨溪镇—双江镇 毗邻乡镇党建联建（joint:Alliance:spaced）', version: 2 },
    ]);
    await expect(store.pool.query(insert, ['joint:Alliance:another', '磨溪镇――双江镇　毗邻乡镇党建联建', '2024-02-01', null])).rejects.toThrow(/alliance_open_name_idx/);
    // A closed one may still have it.
    await store.pool.query(insert, ['joint:Alliance:closed-again', '磨溪镇――双江镇毗邻乡镇党建联建', '2019-01-01', '2019-12-31']);
  });
});
