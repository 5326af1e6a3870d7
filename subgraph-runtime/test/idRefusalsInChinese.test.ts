import { expect, test } from 'vitest';
import { ALLIANCE_ID, checkIdArgument, danglingReferenceError, JOINT_HOME, REGION_ID } from '@linju/contract';
import type { GraphQLError } from 'graphql';
import type { Caller } from '@linju/access';
import { requireOwnOperator, requireWholeSideOperator } from '../src/audit/auditLog.ts';
import { keyReusedError, requestHashOf, sameRequest } from '../src/writes/runMutation.ts';
import { globalId } from '../src/writes/validate.ts';

/** The Chinese half of a refusal is for the clerk: no internal ID, no store key or role name; the English half keeps them. */
const refusal = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('not refused');
};
const chineseHalf = (error: Error) => error.message.split(' / ')[0]!;
const INTERNAL = /[a-z]+:[A-Z][A-Za-z]*:|\b(?:sichuan|chongqing|joint)\b/;

test("a write's ID of another side or type, and the audit log read by another role", () => {
  const otherSide = refusal(() => globalId('chongqing:Organization:x', 'organizerId', 'sichuan', 'Organization'));
  const otherType = refusal(() => globalId('sichuan:Region:x', 'organizerId', 'sichuan', 'Organization'));
  const auditLog = refusal(() => requireOwnOperator({ subject: 'v', role: 'viewer' }, 'sichuan'));
  for (const error of [otherSide, otherType, auditLog]) {
    expect(chineseHalf(error)).toMatch(/[\u4e00-\u9fff]/);
    expect(chineseHalf(error)).not.toMatch(INTERNAL);
  }
  expect(chineseHalf(otherSide)).toBe('主办组织须为四川省的记录，所填的属于重庆市');
  expect(otherSide.message).toMatch(/ \/ organizerId chongqing:Organization:x belongs to chongqing/);
  expect(otherType.message).toMatch(/ \/ organizerId sichuan:Region:x is of type Region, not Organization/);
  expect(chineseHalf(auditLog)).toBe('只有四川省的操作员能查看其审计日志');
  expect(chineseHalf(refusal(() => globalId('joint:Alliance:x', 'allianceId', ['sichuan', 'chongqing'], 'Alliance')))).toBe(`所属联盟须为四川省或重庆市的记录，所填的属于${JOINT_HOME.name}`);
});

test('the audit log and its chain refused to another role name the role, as every FORBIDDEN does (docs/api.md)', () => {
  const viewer = refusal(() => requireOwnOperator({ subject: 'v', role: 'viewer' }, 'sichuan')) as GraphQLError;
  const regional = refusal(() => requireWholeSideOperator({ subject: 'o', role: 'sichuan-operator', region: '510903' } as Caller, 'sichuan')) as GraphQLError;
  expect(viewer.extensions).toEqual({ code: 'FORBIDDEN', role: 'viewer' });
  expect(regional.extensions).toEqual({ code: 'FORBIDDEN', role: 'sichuan-operator' });
});

test("a filter's ID of another type or home, and a dangling reference (the contract's)", () => {
  const wrongType = refusal(() => checkIdArgument('sichuan:Organization:moxi-town', 'filter.regionId', REGION_ID));
  const wrongHome = refusal(() => checkIdArgument('sichuan:Alliance:x', 'filter.allianceId', ALLIANCE_ID));
  const dangling = danglingReferenceError('chongqing:Person:gone', 'chongqing');
  for (const error of [wrongType, wrongHome, dangling]) {
    expect(chineseHalf(error)).toMatch(/[\u4e00-\u9fff]/);
    expect(chineseHalf(error)).not.toMatch(INTERNAL);
  }
  expect(wrongType.message).toMatch(/^行政区划：所填 ID 所指记录的类型不对 \/ filter\.regionId sichuan:Organization:moxi-town names a record of type Organization/);
  expect(chineseHalf(wrongHome)).toBe(`联盟：所填 ID 属于四川省，须为${JOINT_HOME.name}的记录`);
  expect(chineseHalf(dangling)).toBe('所引用的记录在重庆市的库中不存在或已不存在');
  expect(dangling.message).toMatch(/ \/ chongqing:Person:gone does not exist in the chongqing store/);
});

test('a reused idempotency key: which case it is, the key and the operation it was first used for (API names) in the English half only', () => {
  const first = { operation: 'sichuanRecordActivity', request_hash: requestHashOf('sichuanRecordActivity', { title: '座谈' }, 'clerk-a') };
  const sameByAnother = keyReusedError('3f2c0e4a-1b2c-4d5e-8f90-a1b2c3d4e5f6', first, { operation: 'sichuanRecordActivity', hash: requestHashOf('sichuanRecordActivity', { title: '座谈' }, 'clerk-b') });
  expect(chineseHalf(sameByAnother)).toBe('另一位操作员已用此幂等键提交过内容相同的请求，本次未写入；如确需另行登记，请换用新键');
  expect(sameByAnother.extensions.rule).toBe('another-sender');
  expect(sameByAnother.message).toMatch(/ \/ idempotencyKey 3f2c0e4a-1b2c-4d5e-8f90-a1b2c3d4e5f6 was already used by another caller for the same request \(sichuanRecordActivity\)/);
  const other = keyReusedError('导入-1', first, { operation: 'sichuanRecordActivity', hash: requestHashOf('sichuanRecordActivity', { title: '培训' }, 'clerk-a') });
  expect(chineseHalf(other)).toBe('此幂等键已用于另一项内容不同的请求，本次未写入；新的请求请换用新键');
  expect(other.extensions.rule).toBe('other-request');
  expect(other.message).toMatch(/ \/ idempotencyKey 导入-1 was already used for a different request \(sichuanRecordActivity\)$/);
  // A key kept before the hash had its content part: the same request by its sender is still a retry.
  expect(sameRequest(first.request_hash.split(':')[0]!, requestHashOf('sichuanRecordActivity', { title: '座谈' }, 'clerk-a'))).toBe(true);
});
