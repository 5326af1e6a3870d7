import { describe, expect, test } from 'vitest';
import { FIGURE_NAMES, FIGURES, isStanding, weightOf } from '@linju/contract/figures';
import { figuresTable, type Read } from '../src/export/figureTables.ts';
import { JURISDICTIONS } from '@linju/contract';
import { UNAVAILABLE, unavailableNote, type Cell } from '../src/export/ExportTable.ts';

/** The figure table without a federation: the gateway's answer as the read gives it. */
const values = (value: number) => ({ values: FIGURE_NAMES.map((figure) => ({ figure, value })) });
/** Each side's figures through its own root field (`sichuan { figures }`), and the joint office's overview, or null while it is down (`jointDown`). */
const answer = (sides: { name: string; value: number }[], jointDown = false): Read => async (reads) =>
  reads.map(({ query, jointOwn }) => {
    if (jointOwn) return jointDown ? null : { overview: { alliances: { townshipAlliances: 17 }, agreements: { agreements: 1 }, total: values(56) } };
    const side = JURISDICTIONS.find((j) => query.includes(`{ ${j.key} {`))!;
    return { [side.key]: { figures: values(sides.find((s) => s.name === side.name)!.value) } };
  });

async function rowsOf(table: Awaited<ReturnType<typeof figuresTable>>): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for await (const page of table.pages()) rows.push(...page.rows);
  return rows;
}

describe('the figure table', () => {
  test('of every side: each side’s value and the joint total 合计, under 联合总览', async () => {
    const table = await figuresTable(answer([{ name: '四川省', value: 29 }, { name: '重庆市', value: 27 }]), { period: { from: '2021-01-01', to: '2021-06-30' } });
    expect(table.columns.map((c) => c.header)).toEqual(['类别', '指标', '单位', '四川省', '重庆市', '合计']);
    expect(table.caption).toBe('联合总览 2021年上半年');
    const rows = await rowsOf(table);
    expect(rows[0]!.slice(3)).toEqual([29, 27, 56]);
    expect(rows.find((r) => r[1] === '新增毗邻乡镇党建联建')!.slice(3)).toEqual([null, null, 17]);
  });

  test('a ratio’s joint value is its weighted mean, and its row says so (the dashboard’s 加权平均), no other row', async () => {
    // 户均增收 1500 under 合计 read as a total; the dashboard labels it 加权平均.
    const rows = await rowsOf(await figuresTable(answer([{ name: '四川省', value: 29 }, { name: '重庆市', value: 27 }]), {}));
    const means = rows.filter((r) => String(r[1]).includes('加权平均'));
    expect(means.map((r) => r[1])).toEqual(FIGURE_NAMES.filter((name) => weightOf(name)).map((name) => `${FIGURES[name].label}（合计栏为加权平均）`));
    expect(means.map((r) => r[1])).toContain('户均增收（合计栏为加权平均）');
    // One side's table has no 合计 column: its labels are the catalogue's.
    const one = await rowsOf(await figuresTable(answer([{ name: '四川省', value: 29 }]), { sides: ['sichuan'] }));
    expect(one.find((r) => r[2] === '元' && String(r[1]).startsWith('户均增收'))![1]).toBe('户均增收');
  });

  test('a figure of things set up that stand, and an alliance count, is named as what was newly set up in the period (新增), as the briefing’s 附表 and the dashboard’s cards name them; events are not', async () => {
    // 交叉任职村党组织委员 29 under 2021年上半年 read as the members in post; it is those appointed in the period.
    for (const sides of [[{ name: '四川省', value: 29 }, { name: '重庆市', value: 27 }], [{ name: '四川省', value: 29 }]]) {
      const rows = await rowsOf(await figuresTable(answer(sides), { sides: sides.length === 1 ? ['sichuan'] : undefined }));
      const label = (name: (typeof FIGURE_NAMES)[number]) => rows[FIGURE_NAMES.indexOf(name)]![1];
      expect(label('crossAppointments')).toBe('新增交叉任职村党组织委员');
      expect(label('activityRoomAreaSqm')).toBe('新增党员活动室面积');
      // Its label says it already: not 新增 twice.
      expect(label('hospitalsDesignated')).toBe('新增跨省异地就医定点医院');
      expect(label('jointSeminarSessions')).toBe('联合座谈交流');
      for (const name of FIGURE_NAMES) expect(String(label(name)).startsWith('新增')).toBe(isStanding(name) || FIGURES[name].label.startsWith('新增'));
      expect(rows.filter((r) => r[0] === '联盟数').map((r) => r[1])).toEqual(['新增毗邻乡镇党建联建', '新增毗邻村联村党组织', '新增产业链联合党组织', '新增人才联盟']);
    }
  });

  test('of one side: no joint total beside the side’s own figures (it holds the other side’s); the joint office’s counts under its name', async () => {
    const table = await figuresTable(answer([{ name: '四川省', value: 29 }]), { period: { from: '2021-01-01', to: '2021-06-30' }, sides: ['sichuan'] });
    expect(table.columns.map((c) => c.header)).toEqual(['类别', '指标', '单位', '四川省', '遂潼联合办公室']);
    expect(table.caption).toBe('四川省指标 2021年上半年');
    const rows = await rowsOf(table);
    expect(rows[0]!.slice(3)).toEqual([29, null]);
    expect(rows.flatMap((r) => r.slice(3))).not.toContain(56);
    expect(rows.find((r) => r[1] === '新增毗邻乡镇党建联建')!.slice(3)).toEqual([null, 17]);
    expect(rows.find((r) => r[1] === '框架协议')!.slice(3)).toEqual([null, 1]);
    expect(table.unavailable?.()).toBeNull();
  });

  test('with the joint office down: the sides’ figures, and the joint total and the joint office’s counts marked UNAVAILABLE (never blank), said once', async () => {
    const table = await figuresTable(answer([{ name: '四川省', value: 29 }, { name: '重庆市', value: 27 }], true), { period: { from: '2021-01-01', to: '2021-06-30' } });
    const rows = await rowsOf(table);
    expect(rows[0]!.slice(3)).toEqual([29, 27, UNAVAILABLE]);
    expect(rows.find((r) => r[1] === '新增毗邻乡镇党建联建')!.slice(3)).toEqual([null, null, UNAVAILABLE]);
    expect(rows.filter((r) => r[5] !== UNAVAILABLE)).toEqual([]);
    expect(table.unavailable?.()).toBe(unavailableNote('“合计”列和“联盟数”“框架协议”各行'));
    // One side's: no joint total; the joint office's counts marked.
    const one = await figuresTable(answer([{ name: '四川省', value: 29 }], true), { sides: ['sichuan'] });
    const oneRows = await rowsOf(one);
    expect(oneRows[0]!.slice(3)).toEqual([29, null]);
    expect(oneRows.find((r) => r[1] === '框架协议')!.slice(3)).toEqual([null, UNAVAILABLE]);
    expect(one.unavailable?.()).toBe(unavailableNote('“联盟数”“框架协议”各行'));
  });
});
