import { readFileSync } from 'node:fs';
import { callerRegionProblem, ROLES } from '@linju/access';
import { describe, expect, test } from 'vitest';
import { DEV_ACCOUNTS, findDevAccount, linjuClaims, signInDevAccount } from '../src/devAccounts.ts';

describe('the development accounts', () => {
  test('cover every role, and an account without one, each with a distinct account ID and password', () => {
    expect(new Set(DEV_ACCOUNTS.flatMap((account) => account.role ?? []))).toEqual(new Set(ROLES));
    expect(DEV_ACCOUNTS.filter((account) => !account.role).map((account) => account.id)).toEqual(['no-rights']);
    expect(new Set(DEV_ACCOUNTS.map((account) => account.id)).size).toBe(DEV_ACCOUNTS.length);
    expect(new Set(DEV_ACCOUNTS.map((account) => account.password)).size).toBe(DEV_ACCOUNTS.length);
  });

  test('cover each level of both sides: province, city (Sichuan), district, town', () => {
    const regions = DEV_ACCOUNTS.flatMap((account) => account.region ?? []);
    expect(regions).toEqual(expect.arrayContaining(['510000', '510900', '510904', '510904101', '500000', '500152', '500152101']));
  });

  test('each jurisdiction operator names a region of its own side, and only they name one', () => {
    for (const account of DEV_ACCOUNTS) {
      if (account.role) expect(callerRegionProblem(account.role, account.region), account.id).toBeNull();
      if (!account.role?.endsWith('-operator') || account.role === 'joint-operator') expect(account.region, account.id).toBeUndefined();
    }
  });

  test('are the accounts docs/security-and-audit.md lists, with their posts, roles and regions as npm start prints them', () => {
    // The docs' table said 四川省委组织部 李建国 where npm start printed 四川省委组织部 组织二处 李建国.
    const docs = readFileSync(new URL('../../docs/security-and-audit.md', import.meta.url), 'utf8');
    const rows = [...docs.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \| (?:`([a-z-]+)`|none) \| (\d*)[^|]*\|$/gm)].map((m) => ({ id: m[1], person: m[2]!.trim(), role: m[3], region: m[4] || undefined }));
    expect(rows).toEqual(DEV_ACCOUNTS.map((account) => ({ id: account.id, person: `${account.unit} ${account.name}`, role: account.role, region: account.region })));
  });

  test('each carries a Chinese name and post', () => {
    for (const account of DEV_ACCOUNTS) {
      expect(account.name, account.id).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(account.unit, account.id).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('signing in', () => {
  const clerk = findDevAccount('moxi-clerk')!;

  test('the right password signs in (the account ID may carry stray spaces)', () => {
    expect(signInDevAccount('moxi-clerk', clerk.password)).toBe(clerk);
    expect(signInDevAccount(' moxi-clerk ', clerk.password)).toBe(clerk);
  });

  test.each([
    ['a wrong password', 'moxi-clerk', 'moxi'],
    ['another account\'s password', 'moxi-clerk', findDevAccount('viewer')!.password],
    ['an unknown account', 'nobody', clerk.password],
    ['an empty password', 'moxi-clerk', ''],
  ])('%s does not', (_what, id, password) => {
    expect(signInDevAccount(id, password)).toBeUndefined();
  });

  test('the claims Linju reads: role, name, and the region of a jurisdiction operator only', () => {
    expect(linjuClaims(clerk)).toEqual({ role: 'sichuan-operator', name: '张敏', region: '510904101' });
    expect(linjuClaims(findDevAccount('joint-office')!)).toEqual({ role: 'joint-operator', name: '黄涛' });
    // Staff without Linju rights: a name, no role (the gateway refuses such a token, saying why).
    expect(linjuClaims(findDevAccount('no-rights')!)).toEqual({ name: '钱明' });
  });
});
