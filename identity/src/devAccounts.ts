import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@linju/access';

/** A sample person the development identity provider signs in: one per role and administrative level. */
export interface DevAccount {
  /** The account's ID: the tokens' `sub`, and what the person types as 账号. */
  readonly id: string;
  /** The person's name: the tokens' `name`, recorded in every audit entry. */
  readonly name: string;
  /** The person's post (单位与职务), shown on the sign-in page's account list and printed by `npm start`. */
  readonly unit: string;
  /**
   * The Linju role the office's identity platform gives the account; absent for staff who may sign
   * in there but were given no Linju rights (the gateway refuses their tokens, `no-role`).
   */
  readonly role?: Exclude<Role, 'anonymous'>;
  /** A jurisdiction operator's region (GB/T 2260); absent for the joint office and viewers. */
  readonly region?: string;
  /** Development only: printed by `npm start`, and this provider refuses to run in production. */
  readonly password: string;
}

/**
 * The development accounts: every role, and each administrative level a Sichuan or Chongqing
 * organization department delegates to (province, city, district, town). The regions are those
 * of the seed (subgraph-sichuan/src/seed/regions.ts, subgraph-chongqing/src/seed/regions.ts).
 */
export const DEV_ACCOUNTS: readonly DevAccount[] = [
  { id: 'sichuan-province', name: '李建国', unit: '四川省委组织部 组织二处', role: 'sichuan-operator', region: '510000', password: 'sichuan-510000' },
  { id: 'suining-city', name: '王芳', unit: '遂宁市委组织部 组织科', role: 'sichuan-operator', region: '510900', password: 'suining-510900' },
  { id: 'anju-district', name: '陈刚', unit: '安居区委组织部 组织股', role: 'sichuan-operator', region: '510904', password: 'anju-510904' },
  { id: 'moxi-clerk', name: '张敏', unit: '磨溪镇党委 组织委员', role: 'sichuan-operator', region: '510904101', password: 'moxi-510904101' },
  { id: 'chongqing-city', name: '刘洋', unit: '重庆市委组织部 组织一处', role: 'chongqing-operator', region: '500000', password: 'chongqing-500000' },
  { id: 'tongnan-district', name: '赵磊', unit: '潼南区委组织部 组织科', role: 'chongqing-operator', region: '500152', password: 'tongnan-500152' },
  { id: 'shuangjiang-clerk', name: '周静', unit: '双江镇党委 组织委员', role: 'chongqing-operator', region: '500152101', password: 'shuangjiang-500152101' },
  { id: 'joint-office', name: '黄涛', unit: '遂潼党建联建联合办公室', role: 'joint-operator', password: 'joint-office' },
  { id: 'viewer', name: '孙丽', unit: '联合看板 查阅', role: 'viewer', password: 'viewer' },
  // Signs in, as any office's staff can, but has no Linju role: what such a person is told.
  { id: 'no-rights', name: '钱明', unit: '安居区委组织部 新进人员（未开通邻聚权限）', password: 'no-rights' },
];

export function findDevAccount(id: string): DevAccount | undefined {
  return DEV_ACCOUNTS.find((account) => account.id === id);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The account whose ID and password these are, or undefined: a wrong ID and a wrong password look alike. */
export function signInDevAccount(id: string, password: string): DevAccount | undefined {
  const account = findDevAccount(id.trim());
  return account && sameText(account.password, password) ? account : undefined;
}

/** The claims Linju reads from a token for this account (`role` if it has one, `name`, and `region` for a jurisdiction operator). */
export function linjuClaims(account: DevAccount): { role?: string; name: string; region?: string } {
  return { ...(account.role && { role: account.role }), name: account.name, ...(account.region && { region: account.region }) };
}
