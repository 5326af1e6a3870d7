import { expect, test } from 'vitest';
import { memoryTrends, slope } from '../soak/memoryTrend.ts';

test('the slope is fitted after warm-up only: growth during warm-up is not a leak, growth after it is', () => {
  // 0–60 s: warming up from 80 to 140 MB; then flat at 140 ± 1 for the gateway, +2 MB a minute for a leaking subgraph.
  const memory = Array.from({ length: 61 }, (_, i) => {
    const t = i * 10;
    const warm = Math.min(140, 80 + t);
    return { t, rssMb: { gateway: warm + (t > 60 ? (i % 2 ? 1 : -1) : 0), sichuan: warm + (t > 60 ? ((t - 60) / 60) * 2 : 0), 'sichuan:postgres': 50 } };
  });
  const trends = memoryTrends(memory, 60);
  expect(trends.gateway!.slopeMbPerMinute).toBeCloseTo(0, 1);
  expect(trends.gateway!.peakMb).toBe(141);
  expect(trends.sichuan!.slopeMbPerMinute).toBeCloseTo(2, 5);
  expect(trends.sichuan!.afterWarmupMb).toEqual({ first: 140, last: 158 });
  expect(trends['sichuan:postgres']!.slopeMbPerMinute).toBe(0);
  // Counted from the whole run, the warm-up would read as growth.
  expect(memoryTrends(memory, 0).gateway!.slopeMbPerMinute).toBeGreaterThan(0.5);
});

test('a process never sampled after warm-up has no trend; a flat line has slope 0', () => {
  expect(memoryTrends([{ t: 0, rssMb: { gateway: 100 } }], 10)).toEqual({});
  expect(slope([{ t: 5, mb: 1 }, { t: 5, mb: 3 }])).toBe(0);
});
