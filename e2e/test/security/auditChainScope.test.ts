import { afterAll, beforeAll, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { startFederation, type Federation } from '@linju/testing';

/**
 * `auditChain` recomputes a side's whole log (up to 100 000 entries a call) and answers the side's
 * entry count and head: only that side's operators of the whole side (the province's) verify it. A
 * town clerk is refused FORBIDDEN with a Chinese reason, and reads its region's entries in `auditLog`.
 */

const MOXI = '510904101'; // 磨溪镇
const CHAIN = `{ sichuan { auditChain(count: 100000) { entries verified head } } }`;

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation?.stop());

const bearer = async (role: 'sichuan-operator', region?: string) => ({
  as: { authorization: `Bearer ${await mintDevToken(federation.devKeys, role, `clerk-${region ?? 'province'}`, '1h', { name: '测试操作员', ...(region && { region }) })}` },
});

test('a town clerk may not verify the side’s chain, and still reads its own region’s log', async () => {
  const refused = await federation.query<any>(CHAIN, {}, await bearer('sichuan-operator', MOXI));
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const chinese = refused.errors![0]!.message.split(' / ')[0]!;
  expect(chinese).toMatch(/^审计链核验涵盖四川省的全部审计日志，只有不限区划的四川省操作员能进行/);
  expect(chinese).not.toMatch(/[A-Za-z]/);
  expect(refused.data?.sichuan?.auditChain ?? null).toBeNull();
  const log = await federation.query<any>(`{ sichuan { auditLog(first: 1) { totalCount } } }`, {}, await bearer('sichuan-operator', MOXI));
  expect(log.errors).toBeUndefined();
});

test('the province’s operator verifies it', async () => {
  const answer = await federation.query<any>(CHAIN, {}, await bearer('sichuan-operator'));
  expect(answer.errors).toBeUndefined();
  expect(answer.data.sichuan.auditChain).toMatchObject({ verified: true });
});
