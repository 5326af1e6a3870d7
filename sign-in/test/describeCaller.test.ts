import { expect, test } from 'vitest';
import { roleNameZh } from '@linju/access';
import { describeCaller, describeToken, roleName } from '../src/describeCaller.ts';

/** A JWT-shaped token whose payload is `claims` (UTF-8, base64url, as an issuer writes it). */
const tokenWith = (claims: Record<string, unknown>) => `header.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;
const tokenAs = (role: string) => tokenWith({ role });
const listed = [{ key: 'sichuan', name: '四川省', code: '510000' }, { key: 'chongqing', name: '重庆市', code: '500000' }, { key: 'shanxi', name: '山西省' }];

test('an operator is named after the jurisdiction the gateway lists, a third one too', () => {
  expect(describeToken(tokenAs('shanxi-operator'), listed)).toBe('令牌：山西省操作员');
  expect(describeToken(tokenAs('sichuan-operator'), listed)).toBe('令牌：四川省操作员');
});

test('roles of no jurisdiction keep their names; an operator of a side not yet seen shows its key', () => {
  expect(describeToken(tokenAs('viewer'), [])).toBe('令牌：查看者');
  expect(describeToken(tokenAs('joint-operator'), [])).toBe('令牌：遂潼联合办公室操作员');
  expect(describeToken(tokenAs('jilin-operator'), listed)).toBe('令牌：辖区操作员（jilin）');
  expect(describeToken(null, listed)).toBe('未登录：仅公开指标');
  expect(describeToken('not-a-token', listed)).toBe('令牌：无法识别');
});

test('a signed-in person: display name, role in Chinese, and region by name when the page knows it, else by code', () => {
  expect(describeCaller({ name: '张敏', role: 'sichuan-operator', region: '510904101' }, listed)).toBe('张敏 · 四川省操作员 · 区划 510904101');
  expect(describeCaller({ name: '李强', role: 'chongqing-operator', region: '500000' }, listed)).toBe('李强 · 重庆市操作员 · 重庆市');
  expect(describeCaller({ name: '王芳', role: 'viewer' }, listed)).toBe('王芳 · 查看者');
  expect(describeCaller({}, listed)).toBe('未知角色');
  expect(describeToken(tokenWith({ name: '张敏', role: 'sichuan-operator', region: '510904101' }), listed)).toBe('令牌：张敏 · 四川省操作员 · 区划 510904101');
});

test('a region below a province is named once the page has found its name, by a token or by a sign-in', () => {
  const found = new Map([['510904101', '磨溪镇']]);
  expect(describeCaller({ name: '张敏', role: 'sichuan-operator', region: '510904101' }, listed, found)).toBe('张敏 · 四川省操作员 · 磨溪镇');
  expect(describeToken(tokenWith({ name: '张敏', role: 'sichuan-operator', region: '510904101' }), listed, found)).toBe('令牌：张敏 · 四川省操作员 · 磨溪镇');
  // Another region than those found is still shown by its code.
  expect(describeCaller({ name: '周静', role: 'chongqing-operator', region: '500152101' }, listed, found)).toBe('周静 · 重庆市操作员 · 区划 500152101');
});

test('a token with an expiry says until when, on China’s clock whatever the browser’s zone', () => {
  // 08:30 UTC is 16:30 in China; 20:10 UTC is already the next day there.
  expect(describeToken(tokenWith({ role: 'viewer', exp: Date.UTC(2026, 11, 4, 8, 30) / 1000 }), [])).toBe('令牌：查看者，有效至12月4日 16:30');
  expect(describeToken(tokenWith({ role: 'viewer', exp: Date.UTC(2026, 11, 4, 20, 10) / 1000 }), [])).toBe('令牌：查看者，有效至12月5日 04:10');
});

test('the roles of no jurisdiction are named as the stores’ refusals and the ledger name them (roleNameZh), and the operators once the gateway lists their side', () => {
  for (const role of ['viewer', 'joint-operator', 'sichuan-operator', 'chongqing-operator'] as const) expect(roleName(role, listed)).toBe(roleNameZh(role));
});
