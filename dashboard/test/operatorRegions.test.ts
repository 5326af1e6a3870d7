import { describeCaller } from '@linju/sign-in';
import { expect, test } from 'vitest';
import { OperatorRegions } from '../src/auth/OperatorRegions.ts';
import type { OperatorRegion } from '../src/record/findOperatorRegion.ts';
import type { RecordingOperator } from '../src/record/recordingOperator.ts';

// The header names a signed-in person's region (磨溪镇), which the token names by code only
// (510904101): found in the side's regions through the gateway, once for the header and the
// 登记活动 panel together.

const MOXI = { side: 'sichuan', region: '510904101' };
const sides = [{ key: 'sichuan', name: '四川省', code: '510000' }, { key: 'chongqing', name: '重庆市', code: '500000' }];
const MOXI_REGION = { id: 'sichuan:Region:510904101', code: '510904101', name: '磨溪镇' };

/** `findOperatorRegion` as the page runs it (a gateway answering, or a store down), counting what it was asked. */
function gateway(down = false): { find: (operator: RecordingOperator) => Promise<OperatorRegion>; asked: RecordingOperator[] } {
  const asked: RecordingOperator[] = [];
  const find = async (operator: RecordingOperator): Promise<OperatorRegion> => {
    asked.push(operator);
    return down
      ? { ok: false, errors: [{ message: '四川省数据暂不可用', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }
      : { ok: true, sideName: '四川省', region: operator.region === MOXI_REGION.code ? MOXI_REGION : null };
  };
  return { find, asked };
}

test('the clerk’s region is named, not coded, once found: 张敏 · 四川省操作员 · 磨溪镇', async () => {
  const regions = new OperatorRegions(gateway().find);
  const clerk = { name: '张敏', role: 'sichuan-operator', region: MOXI.region };
  expect(describeCaller(clerk, sides, regions.names)).toBe('张敏 · 四川省操作员 · 区划 510904101');
  const found = await regions.find(MOXI);
  expect(found).toEqual({ ok: true, sideName: '四川省', region: MOXI_REGION });
  expect(describeCaller(clerk, sides, regions.names)).toBe('张敏 · 四川省操作员 · 磨溪镇');
});

test('the header and the 登记活动 panel share one lookup: the side’s regions are read once', async () => {
  const { find, asked } = gateway();
  const regions = new OperatorRegions(find);
  const [header, panel] = await Promise.all([regions.find(MOXI), regions.find(MOXI)]);
  expect(panel).toBe(header);
  await regions.find(MOXI);
  expect(asked).toEqual([MOXI]);
});

test('a lookup the gateway could not answer is asked again next time; the region stays coded meanwhile', async () => {
  const down = gateway(true);
  const regions = new OperatorRegions(down.find);
  expect((await regions.find(MOXI)).ok).toBe(false);
  expect(regions.names.size).toBe(0);
  await regions.find(MOXI);
  expect(regions.names.size).toBe(0);
  expect(down.asked).toHaveLength(2);
  const thrown = new OperatorRegions(async () => {
    throw new TypeError('Failed to fetch');
  });
  await expect(thrown.find(MOXI)).rejects.toThrow('Failed to fetch');
  await expect(thrown.find(MOXI)).rejects.toThrow('Failed to fetch');
});
