import { expect, test } from 'vitest';
import { stillShown, updatedText } from '../src/period/shownFigures.ts';
import { periodChoices } from '../src/period/periodChoices.ts';

const periodOf = (today: string, id: string) => periodChoices(today).find((c) => c.id === id)!.period;
/** 本年's figures read at 23:50:12 on 8 December 2026. */
const year = { period: periodOf('2026-12-08', 'year'), side: null, readOn: '2026-12-08', at: '23:50:12' };

test('the gateway out of reach: the figures on screen stand for their own period and side', () => {
  expect(stillShown(year, { from: '2026-01-01', to: '2026-12-08' }, null)).toBe(true);
  expect(stillShown(year, { from: '2026-01-01', to: '2026-12-08' }, 'sichuan')).toBe(false);
  expect(stillShown(year, periodOf('2026-12-08', '2021h1'), null)).toBe(false);
  expect(stillShown(null, periodOf('2026-12-08', 'year'), null)).toBe(false);
  expect(updatedText(year, '2026-12-08')).toBe('更新于 23:50:12');
});

// A wall left open on 本年 overnight, the gateway out of reach: at midnight 本年 runs to the 9th, and the
// wall dropped every figure for 无法连接网关，尚未读到所选时间段和辖区的指标, though no record is dated after
// the day it is registered, so what was read on the 8th was 2026-01-01..2026-12-09's as of the read.
test('past midnight, the figures of a period that ran to the day read stand for it run on, said with the day they were read', () => {
  expect(stillShown(year, periodOf('2026-12-09', 'year'), null)).toBe(true);
  expect(stillShown({ ...year, period: periodOf('2026-12-08', 'quarter') }, periodOf('2026-12-09', 'quarter'), null)).toBe(true);
  expect(updatedText(year, '2026-12-09')).toBe('更新于 2026年12月8日 23:50:12');
  // Another period, not the same one run on: 本月 in a new month, 近12个月 a day later, 本年 in a new year.
  expect(stillShown({ ...year, period: periodOf('2026-11-30', 'month'), readOn: '2026-11-30' }, periodOf('2026-12-01', 'month'), null)).toBe(false);
  expect(stillShown({ ...year, period: periodOf('2026-12-08', '12m') }, periodOf('2026-12-09', '12m'), null)).toBe(false);
  expect(stillShown({ ...year, period: periodOf('2026-12-31', 'year'), readOn: '2026-12-31' }, periodOf('2027-01-01', 'year'), null)).toBe(false);
  // A period that ended before the day read (a custom one to 12-01) is not another one run on.
  expect(stillShown({ ...year, period: { from: '2026-01-01', to: '2026-12-01' } }, { from: '2026-01-01', to: '2026-12-09' }, null)).toBe(false);
  // Read just before midnight for the 8th but finished on the 9th: nothing is known of the 9th's records.
  expect(stillShown({ ...year, readOn: '2026-12-09' }, periodOf('2026-12-09', 'year'), null)).toBe(false);
});
