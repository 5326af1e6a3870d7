import { expect, test } from 'vitest';
import { recordOrder } from '@linju/contract';
import { fieldLabel, fieldLead } from '@linju/contract/fieldLabels';
import { orderOf } from '../src/resolvers/paginate.ts';
import '../src/subgraph.ts';

test('the joint office’s own arguments have the Chinese names its schema gives them, which lead a refusal’s Chinese half', () => {
  expect([fieldLabel('joinedOn'), fieldLabel('leftOn'), fieldLabel('signatoryIds'), fieldLabel('value')]).toEqual(['加入日期', '退出日期', '签署方党组织', '目标值']);
  expect(fieldLead('joinedOn', '2022-06-30 不晚于该组织上次退出该联盟的日期')).toBe('加入日期 2022-06-30 不晚于该组织上次退出该联盟的日期');
  expect(fieldLead('leftOn', '：该组织自 2023-01-01 起另有一段成员期')).toBe('退出日期：该组织自 2023-01-01 起另有一段成员期');
  // A whole input is no field; the contract's inputs keep their names (所在党组织, 任职组织 → 组织).
  expect([fieldLabel('input'), fieldLabel('organizationId')]).toEqual(['input', '组织']);
  // An argument no description names is called by its one Chinese name (ARGUMENT_LABELS), never its API name.
  expect(fieldLead('idempotencyKey', '：不能含有控制字符')).toBe('幂等键：不能含有控制字符');
  expect(fieldLead('orderBy', '“X”不是可选的顺序')).toBe('排序方式“X”不是可选的顺序');
});

test('a name the sides’ writes take is never relabelled by the joint office’s schema, which shares a process with them in the tests', () => {
  // `id` names an alliance in most joint writes, an agreement or a target in others: no one name, so none (it named a withdrawn agreement 联盟).
  expect(fieldLabel('id')).toBe('id');
  // The sides' own descriptions name their arguments, in this process as in a side's own.
  expect([fieldLabel('successorId'), fieldLabel('dissolvedOn'), fieldLabel('endedOn'), fieldLabel('reason')]).toEqual(['承继组织', '撤销日期', '离任日期', '撤销原因']);
  expect(fieldLead('successorId', '：该组织下有党支部')).toBe('承继组织：该组织下有党支部');
});

test('the joint office’s lists refuse an order in the words a side’s do (the contract’s recordOrder: one text)', () => {
  const side = expect.objectContaining({
    message: '排序方式：此列表的记录没有名称，不能按名称排序，可用：NEWEST、OLDEST / orderBy cannot be NAME: Agreement records have no name to order by',
    extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'orderBy', rule: 'not-applicable' }),
  });
  expect(() => recordOrder('NAME', { type: 'Agreement', named: false })).toThrow(side);
  expect(() => orderOf({ type: 'Agreement', dateOf: () => new Date(), dateField: 'signedOn', order: 'NAME' })).toThrow(side);
});
