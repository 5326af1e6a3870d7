import { findDevAccount } from '@linju/identity/devAccounts';
import { confirmSignOutOnProviderPage, launchChromium, signInOnProviderPage, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt } from './support/dashboardBuild.ts';
import { nextRefresh } from './support/readPage.ts';

/**
 * What the dashboard says and asks after a sign-in ends: 已退出登录。 once back from the provider's
 * 退出 page, and the provider's account form (prompt=login) at the 登录 after an account the gateway
 * refused, so that someone else can sign in.
 */

let federation: Federation;
let browser: Browser;
let origin: string;

async function openOnPhone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${origin}/dashboard/?period=2021h1`);
  await nextRefresh(page, 0);
  return page;
}

/** Presses 登录 and resolves with the authorization request's `prompt` once the provider's page shows. */
async function promptOfNextSignIn(page: Page): Promise<string | null> {
  const authorization = page.waitForRequest((request) => request.url().startsWith(federation.identity!.issuer) && new URL(request.url()).searchParams.has('code_challenge'));
  await page.click('#sign-in-button');
  return new URL((await authorization).url()).searchParams.get('prompt');
}

describe.skipIf(skipWithoutChromium('the dashboard sign-in'))('after a sign-in ends on the dashboard', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    [federation, browser] = await Promise.all([startFederation({ identityProvider: true }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('refused as an account with no Linju role, the next 登录 asks for account and password (prompt=login), and another person signs in', async () => {
    const page = await openOnPhone();
    expect(await promptOfNextSignIn(page)).toBeNull();
    await signInOnProviderPage(page, findDevAccount('no-rights')!, `${origin}/dashboard/`);
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 10_000 }).toContain('已退出登录：您的账号尚未开通邻聚的权限');
    // The provider's session is still the refused account's: without prompt=login it came straight back as it.
    expect(await promptOfNextSignIn(page)).toBe('login');
    const clerk = findDevAccount('moxi-clerk')!;
    await signInOnProviderPage(page, clerk, `${origin}/dashboard/`);
    await expect.poll(() => page.textContent('#token-state'), { timeout: 10_000 }).toContain(clerk.name);
    await page.context().close();
  });

  test('退出 says 已退出登录。 once back from the provider, whichever button was pressed there, and only once', async () => {
    const page = await openOnPhone();
    await page.click('#sign-in-button');
    await signInOnProviderPage(page, findDevAccount('moxi-clerk')!, `${origin}/dashboard/`);
    await expect.poll(() => page.isVisible('#sign-out-button')).toBe(true);
    await page.click('#sign-out-button');
    await confirmSignOutOnProviderPage(page, `${origin}/dashboard/`);
    await expect.poll(() => page.textContent('#outage-banner')).toContain('已退出登录。');
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    // A reload is a new visit: nothing more to say.
    await page.reload();
    await nextRefresh(page, 0);
    expect(await page.textContent('#outage-banner')).not.toContain('已退出登录');

    // 取消 at the provider (its session kept): the page signed out all the same, and says so.
    await page.click('#sign-in-button');
    await page.getByLabel('密码').waitFor();
    await signInOnProviderPage(page, findDevAccount('moxi-clerk')!, `${origin}/dashboard/`);
    await expect.poll(() => page.isVisible('#sign-out-button')).toBe(true);
    await page.click('#sign-out-button');
    await page.getByRole('heading', { name: '退出登录' }).waitFor();
    await page.getByRole('button', { name: /^取消/ }).click();
    await page.waitForURL((url) => url.href.startsWith(`${origin}/dashboard/`));
    await expect.poll(() => page.textContent('#outage-banner')).toContain('已退出登录。');
    await page.context().close();
  });

  test("退出 in one tab signs the browser's other tabs of the page out at once, saying so, whichever button was pressed at the provider", async () => {
    const clerk = findDevAccount('moxi-clerk')!;
    for (const button of ['退出登录', /^取消/] as const) {
      const first = await openOnPhone();
      await first.click('#sign-in-button');
      await signInOnProviderPage(first, clerk, `${origin}/dashboard/`);
      await expect.poll(() => first.isVisible('#sign-out-button')).toBe(true);
      // A second tab of the same browser: signed in by the provider's session, no password asked.
      const second = await first.context().newPage();
      await second.goto(`${origin}/dashboard/?period=2021h1`);
      await nextRefresh(second, 0);
      await second.click('#sign-in-button');
      await second.waitForURL((url) => url.href.startsWith(`${origin}/dashboard/`) && !url.searchParams.has('code'));
      await expect.poll(() => second.textContent('#token-state'), { timeout: 10_000 }).toContain(clerk.name);

      await first.bringToFront();
      await first.click('#sign-out-button');
      await first.getByRole('heading', { name: '退出登录' }).waitFor();
      await first.getByRole('button', { name: button }).click();
      await first.waitForURL((url) => url.href.startsWith(`${origin}/dashboard/`));
      await expect.poll(() => first.textContent('#outage-banner')).toContain('已退出登录。');
      // The provider no longer honours the second tab's sign-in (its grant went with the 退出, 取消
      // too): it is signed out now, not at its next renewal up to 14 minutes later, its records and
      // 登记活动 left meanwhile on the shared computer. Before, it read 已登录 here.
      await expect.poll(() => second.textContent('#token-state'), { timeout: 5_000 }).toBe('未登录：仅公开指标');
      await expect.poll(() => second.textContent('#outage-banner')).toContain('登录已到期或已在别处退出，请重新登录。');
      expect(await second.isVisible('#record-activity')).toBe(false);
      await first.context().close();
    }
  });
});
