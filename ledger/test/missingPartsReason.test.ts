import { expect, test } from 'vitest';
import { missingPartsReason } from '../src/answerParts.ts';

test('a part missing for an outage among other errors is named with the outage, as the 503 it gives says', () => {
  const refused = { message: '无权读取此列表 / Not allowed', extensions: { code: 'FORBIDDEN', subgraph: 'sichuan' } };
  const down = { message: '四川省的数据库暂时无法连接，请稍后再试 / Sichuan’s store cannot be reached', extensions: { code: 'DATABASE_UNAVAILABLE', subgraph: 'sichuan' } };
  expect(missingPartsReason([{ what: '四川省的数据', errors: [refused, down], fallback: '其子图不可用' }])).toEqual({
    reasons: '四川省的数据暂时无法读取（四川省的数据库暂时无法连接）',
    outage: true,
  });
  expect(missingPartsReason([{ what: '四川省的数据', errors: [refused], fallback: '其子图不可用' }])).toEqual({ reasons: '四川省的数据暂时无法读取（无权读取此列表）', outage: false });
});
