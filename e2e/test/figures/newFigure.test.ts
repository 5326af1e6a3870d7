// Must load first: the catalogue gains an entry before the subgraphs, the gateway's supergraph and
// the dashboard's figure groups derive from it.
import { ADDED } from './addedFigure.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { FIGURE_GROUPS } from '@linju/dashboard/figures';
import { briefingFigureNames, checkBriefingSections } from '@linju/contract/figures';
import { H1_2021 } from '../federation/seedFigures.ts';

type Part = Record<string, number> & { values: { figure: string; value: number | null }[] };

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation({ freshStores: true });
});
afterAll(() => federation?.stop());

/** The store's own count of the records the new figure counts: what each side must report. */
async function storeCount(side: 'sichuan' | 'chongqing'): Promise<number> {
  const { rows } = await federation.subgraphs[side]!.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM team_action WHERE kind = '日常巡逻' AND acted_on BETWEEN $1 AND $2`, [H1_2021.from, H1_2021.to]);
  return Number(rows[0]!.n);
}

describe('a figure added to the catalogue, and nowhere else', () => {
  test('is served by both sides, from their own records, and summed in the joint total', async () => {
    const parts = `{ ${ADDED} values { figure value } }`;
    const response = await federation.query<{ overview: Record<'sichuan' | 'chongqing' | 'total', Part> }>(
      `query ($period: PeriodInput) { overview(period: $period) { sichuan ${parts} chongqing ${parts} total ${parts} } }`, { period: H1_2021 });
    expect(response.errors).toBeUndefined();
    const { sichuan, chongqing, total } = response.data!.overview;
    expect(sichuan[ADDED]).toBe(await storeCount('sichuan'));
    expect(chongqing[ADDED]).toBe(await storeCount('chongqing'));
    expect(sichuan[ADDED]).toBeGreaterThan(0);
    expect(total[ADDED]).toBe(sichuan[ADDED]! + chongqing[ADDED]!);
    // The list the dashboard reads carries it too, with the same value.
    expect(total.values.find((v) => v.figure === ADDED)?.value).toBe(total[ADDED]);
  });

  test('is described in the composed schema with its label and unit', async () => {
    const response = await federation.query<{ __type: { fields: { name: string; description: string }[] } }>(
      '{ __type(name: "JurisdictionFigures") { fields { name description } } }');
    expect(response.data!.__type.fields.find((f) => f.name === ADDED)?.description).toBe('联合巡逻记录（条）/ Joint patrol records (records)');
  });

  test('is shown on the dashboard in its category, with its label and unit', () => {
    const group = FIGURE_GROUPS.find((g) => g.title === '治理共抓')!;
    expect(group.figures).toContainEqual({ field: ADDED, label: '联合巡逻记录', unit: '条' });
  });

  test('has its place in the briefing: in the part it names, once, and in the 附表’s order', () => {
    // The briefing checks the catalogue as it is when it writes (a figure in no part is refused).
    expect(() => checkBriefingSections()).not.toThrow();
    const names = briefingFigureNames();
    expect(names.filter((name) => name === ADDED)).toHaveLength(1);
    expect(names.indexOf(ADDED)).toBe(names.indexOf('problemsSolved') + 1);
  });
});
