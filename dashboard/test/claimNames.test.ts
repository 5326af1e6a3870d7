import { readFileSync } from 'node:fs';
import { identityKeysFile, type IdentityKeys } from '@linju/identity/signingKeys';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import { importJWK, SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt } from './support/dashboardBuild.ts';
import { nextRefresh } from './support/readPage.ts';

/**
 * An office's identity provider that keeps Linju's claims its own way (LINJU_CLAIM_ROLE=linju.role,
 * LINJU_CLAIM_REGION=linju.region, LINJU_CLAIM_NAME=linju.name), and gives roles as a list as
 * Keycloak and Entra ID do: the page reads the holder where the gateway does (the names come with
 * `/auth/config.json`), so the 磨溪镇 clerk is named, with role and town, and gets 登记活动 and
 * 台账导入, as with Linju's own claim names (QA of issue 13: 令牌：未知角色, no sections).
 */

let federation: Federation;
let browser: Browser;
let origin: string;

/** A token of the identity provider (signed with its own key) holding `claims`, for the 磨溪镇 clerk. */
async function providerToken(claims: Record<string, unknown>): Promise<string> {
  const identity = federation.identity!;
  const keys = JSON.parse(readFileSync(identityKeysFile(identity.dataDir), 'utf8')) as IdentityKeys;
  const key = keys.signing[0]!;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.kid! })
    .setIssuer(identity.issuer)
    .setAudience('linju')
    .setSubject('moxi-clerk')
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(await importJWK(key, 'ES256'));
}

describe.skipIf(skipWithoutChromium('the claim names of an office provider'))('a token whose claims are where LINJU_CLAIM_* say', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    [federation, browser] = await Promise.all([
      startFederation({ identityProvider: true, claims: { role: 'linju.role', region: 'linju.region', name: 'linju.name' } }),
      launchChromium(),
    ]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test.each([
    ['a role given as text', 'sichuan-operator'],
    ['a role given as a list with other roles (Keycloak, Entra ID)', ['offline_access', 'sichuan-operator', 'uma_authorization']],
  ])('%s: the header names the clerk, role and town; 登记活动 and 台账导入 are offered', async (_, role) => {
    const token = await providerToken({ linju: { role, region: '510904101', name: '张敏' } });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${token}`);
    await nextRefresh(page, 0);
    await expect.poll(() => page.textContent('#token-state')).toMatch(/^令牌：张敏 · 四川省操作员 · 磨溪镇，有效至/);
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    expect(await page.isVisible('#record-activity')).toBe(true);
    await page.locator('section.ledger-import').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  // QA: the names came only with the figures, which a wrong period skips: the header read
  // 令牌：未验证 (a signed-in clerk: 辖区操作员（sichuan） · 区划 510904101) and stayed so, and the
  // 辖区 selector offered 全部辖区 alone. They depend on no period.
  test.each([
    ['dates in the wrong order', '?period=custom&from=2021-06-30&to=2021-01-01'],
    ['a date that is no day', '?period=custom&from=2021-02-30&to=2021-06-01'],
  ])('%s: the header still names the clerk’s role and town, the 辖区 selector every side', async (_, search) => {
    const token = await providerToken({ linju: { role: 'sichuan-operator', region: '510904101', name: '张敏' } });
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/dashboard/${search}#token=${token}`);
    await page.locator('.wrong-period-message').waitFor();
    await expect.poll(() => page.textContent('#token-state')).toMatch(/^令牌：张敏 · 四川省操作员 · 磨溪镇，有效至/);
    await expect.poll(() => page.$$eval('#side option', (options) => options.map((o) => o.textContent))).toEqual(expect.arrayContaining(['全部辖区（合计）', '四川省', '重庆市']));
    expect(errors).toEqual([]);
    await context.close();
  });
});
