import { expect, test } from 'vitest';
import { filterCaption, filterFileParts, periodWords, windowsFileName } from '../src/export/filterNames.ts';
import { asciiFileName, asciiPeriod } from '../src/asciiFileName.ts';

test('a file name Windows takes: refused characters made -, no trailing dot or space', () => {
  expect(windowsFileName('四川省活动_含a/b:c?', 'xlsx')).toBe('四川省活动_含a-b-c-.xlsx');
  expect(windowsFileName('名单. ', 'csv')).toBe('名单.csv');
});

test('a long name is cut between characters, never inside one: half an emoji would make the download’s header throw', () => {
  // 7 UTF-16 units, then 112: the emoji (two units) straddles the 120th.
  const name = windowsFileName(`四川省活动_含${'a'.repeat(112)}😀😀`, 'csv');
  expect(name).toBe(`四川省活动_含${'a'.repeat(112)}😀.csv`);
  expect(() => encodeURIComponent(name)).not.toThrow();
});

test('an open-ended period is named in a file as the caption says it, never with a dangling 至', () => {
  // /dashboard/?period=custom&from=2026-03-01 then 导出 gave 四川省指标_2026-03-01至.xlsx beside the caption 2026-03-01 起.
  expect(filterFileParts({ period: { from: '2026-03-01' } })).toEqual(['2026-03-01起']);
  expect(filterFileParts({ period: { to: '2021-06-30' } })).toEqual(['截至2021-06-30']);
  expect(filterFileParts({ period: { from: '2021-01-01', to: '2021-06-30' } })).toEqual(['2021-01-01至2021-06-30']);
  expect(filterFileParts({ period: {} })).toEqual([]);
  // The caption names it in words, as the briefing does (it said 2026-03-01 起, 2021-01-01 至 2021-06-30).
  expect(periodWords({ from: '2026-03-01' })).toBe('2026年3月1日起');
  expect(periodWords({ to: '2021-06-30' })).toBe('截至2021年6月30日');
  expect(periodWords({ from: '2021-01-01', to: '2021-06-30' })).toBe('2021年上半年');
  expect(periodWords({ from: '2021-03-15', to: '2021-05-20' })).toBe('2021年3月15日至2021年5月20日');
  expect(periodWords(undefined)).toBe('全部时期');
  // The ASCII name beside it: linju-figures-from-2026-03-01.xlsx, not linju-figures-2026-03-01_.xlsx.
  expect(asciiFileName(['figures', asciiPeriod({ from: '2026-03-01' })], 'xlsx')).toBe('linju-figures-from-2026-03-01.xlsx');
  expect(asciiFileName(['figures', asciiPeriod({ to: '2021-06-30' })], 'xlsx')).toBe('linju-figures-until-2021-06-30.xlsx');
  expect(asciiFileName(['figures', asciiPeriod({ from: '2021-01-01', to: '2021-06-30' })], 'xlsx')).toBe('linju-figures-2021-01-01_2021-06-30.xlsx');
});

test('a region or an alliance whose side gave no name is （名称暂缺） in the caption and left out of the file name, never its ID', () => {
  // The caption said 区划：sichuan:Region:anju-district while Sichuan did not answer.
  const filter = { region: { id: 'sichuan:Region:anju-district', name: undefined }, alliance: { id: 'joint:Alliance:a1', name: undefined } };
  expect(filterCaption(filter)).toEqual(['联盟：（名称暂缺）', '区划：（名称暂缺）']);
  expect(filterFileParts(filter)).toEqual([]);
});

/**
 * An export of a period not yet over holds records up to today: its caption named the dashboard's
 * current month as 联合总览 2026年12月 on 8 December, as if the month were over (the briefing names it by
 * its days, reportedPeriod).
 */
test('a period not yet over is named in a caption by the days it holds, as the briefing names it', () => {
  // Not yet over: named by the days it holds, as the briefing names it, never as the whole month or year.
  expect(periodWords({ from: '2026-12-01', to: '2026-12-31' }, '2026-12-08')).toBe('2026年12月1日至2026年12月8日');
  expect(periodWords({ from: '2026-01-01', to: '2026-12-31' }, '2026-06-30')).toBe('2026年1月1日至2026年6月30日');
  // Ending today, or over, or not begun: as asked.
  expect(periodWords({ from: '2026-12-01', to: '2026-12-31' }, '2026-12-31')).toBe('2026年12月');
  expect(periodWords({ from: '2026-11-01', to: '2026-11-30' }, '2026-12-08')).toBe('2026年11月');
  expect(periodWords({ from: '2027-01-01', to: '2027-06-30' }, '2026-12-08')).toBe('2027年上半年');
});
