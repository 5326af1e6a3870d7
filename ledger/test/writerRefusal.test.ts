import { afterEach, expect, test, vi } from 'vitest';
import { writerRefusal } from '../src/writerRefusal.ts';

/**
 * Who may import or withdraw on a side, read from the token where the gateway reads its role
 * (LINJU_CLAIM_ROLE, a list holding one Linju role): an office whose provider gives the role as
 * Keycloak's realm_access.roles has its viewer refused up front too, not left to the gateway's
 * refusal of the first write (a 撤销结果 workbook of 错误 rows, a confirm saying 已写入的行不受影响).
 */
const jwt = (payload: object) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;
const holding = (...roles: string[]) => jwt({ sub: 'someone', realm_access: { roles: ['offline_access', ...roles] } });

afterEach(() => {
  vi.unstubAllEnvs();
});

test('the role at LINJU_CLAIM_ROLE decides: a viewer and the joint office refused, the other side’s operator refused, the side’s own operator and a token of no Linju role let through', () => {
  vi.stubEnv('LINJU_CLAIM_ROLE', 'realm_access.roles');
  expect(writerRefusal(holding('viewer'), 'withdraw')).toMatchObject({ kind: 'forbidden', message: '当前账号（查看者）无权撤销导入：只有辖区（四川省、重庆市）的操作员能撤销导入。未撤销任何记录。' });
  expect(writerRefusal(holding('joint-operator'), 'import', 'sichuan')).toMatchObject({
    kind: 'forbidden',
    message: '当前账号（遂潼联合办公室操作员）无权导入台账：只有辖区（四川省、重庆市）的操作员能导入台账，请以四川省的操作员身份登录。未导入任何内容。',
  });
  expect(writerRefusal(holding('chongqing-operator'), 'import', 'sichuan')).toMatchObject({ kind: 'forbidden', message: '只能导入本方（重庆市）的台账，不能写入四川省的库。未导入任何内容。' });
  expect(writerRefusal(holding('sichuan-operator'), 'import', 'sichuan')).toBeNull();
  expect(writerRefusal(holding('sichuan-operator'), 'withdraw')).toBeNull();
  // No Linju role (or two): the gateway says why (no-role), which a new sign-in does not cure.
  expect(writerRefusal(holding(), 'import', 'sichuan')).toBeNull();
});
