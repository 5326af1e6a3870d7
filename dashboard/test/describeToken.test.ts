import { expect, test } from 'vitest';
import { describeToken } from '../src/auth/describeToken.ts';

const tokenAs = (role: string) => `header.${btoa(JSON.stringify({ role })).replace(/=+$/, '')}.signature`;
const listed = [{ key: 'sichuan', name: '四川省' }, { key: 'chongqing', name: '重庆市' }, { key: 'shanxi', name: '山西省' }];

test('an operator is named after the jurisdiction the gateway lists, a third one too', () => {
  expect(describeToken(tokenAs('shanxi-operator'), listed)).toBe('令牌：山西省操作员');
  expect(describeToken(tokenAs('sichuan-operator'), listed)).toBe('令牌：四川省操作员');
});

test('roles of no jurisdiction keep their names; an operator of a side not yet seen shows its key', () => {
  expect(describeToken(tokenAs('viewer'), [])).toBe('令牌：查看者');
  expect(describeToken(tokenAs('joint-operator'), [])).toBe('令牌：联合办公室操作员');
  expect(describeToken(tokenAs('jilin-operator'), listed)).toBe('令牌：辖区操作员（jilin）');
  expect(describeToken(null, listed)).toBe('未登录：仅公开指标');
  expect(describeToken('not-a-token', listed)).toBe('令牌：无法识别');
});
