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

// The gateway's words for a subgraph down, as the 简报 panel showed them: 重庆市的数据暂时无法读取（重庆市的数据暂不可用，本次回答中其部分为空） (QA, 2026-12-07).
const subgraphDown = (side: string, name: string) => ({ message: `${name}的数据暂不可用，本次回答中其部分为空，请稍后再试 / ${name} is unavailable: the gateway could not connect to its subgraph "${side}". Its parts of this answer are null`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: side } });

test('a part whose store is down is named once, in plain words: neither the gateway’s 本次回答中其部分为空 nor the same thing twice', () => {
  expect(missingPartsReason([{ what: '重庆市的数据', errors: [subgraphDown('chongqing', '重庆市')], fallback: '其子图不可用' }])).toEqual({ reasons: '重庆市的数据暂时无法读取', outage: true });
  // Another store's outage keeps its name in brackets: it says which store the part waits for.
  expect(missingPartsReason([{ what: '党建联盟列表', errors: [subgraphDown('joint', '遂潼联合办公室')], fallback: '其子图不可用' }]).reasons).toBe('党建联盟列表暂时无法读取（遂潼联合办公室的数据暂不可用）');
});
