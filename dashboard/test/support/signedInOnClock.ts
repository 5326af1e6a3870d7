import { signInOnProviderPage } from '@linju/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { nextRefresh } from './readPage.ts';

/** The tokens the tab holds (sessionStorage), as the dashboard keeps them. */
export async function heldTokens(page: Page): Promise<{ accessToken: string; idToken: string; refreshToken?: string; expiresAt: number } | null> {
  return JSON.parse((await page.evaluate(() => sessionStorage.getItem('linju.signIn.linju-dashboard.tokens'))) ?? 'null');
}

/**
 * A desktop tab whose clock the test moves (a token's fifteen minutes pass in an instant), `account`
 * signed in through the identity provider's page, once the header names the person.
 */
export async function signedInOnClock(browser: Browser, origin: string, account: { id: string; password: string; name: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  await context.clock.install();
  const page = await context.newPage();
  await page.goto(`${origin}/dashboard/`);
  await nextRefresh(page, 0);
  await page.click('#sign-in-button');
  await signInOnProviderPage(page, account, `${origin}/dashboard/`);
  await expect.poll(() => page.textContent('#token-state')).toContain(account.name);
  return { context, page };
}

/**
 * The identity provider unreachable until the tab's token has expired on its clock: the page is
 * signed out, says 请重新登录, and shows the public view. `issuer` is the provider's address.
 */
export async function sessionLapses(context: BrowserContext, page: Page, issuer: string): Promise<void> {
  await context.route(`${issuer}/**`, (route) => route.abort('connectionrefused'));
  const held = (await heldTokens(page))!;
  await page.clock.fastForward(held.expiresAt - (await page.evaluate(() => Date.now())) + 1_000);
  await expect.poll(() => page.textContent('#outage-banner'), { timeout: 10_000 }).toContain('请重新登录');
}

/**
 * The provider back, 登录 again: its own session is still open, so it asks no password and sends the
 * person straight back to the page (`origin`'s dashboard), signed in.
 */
export async function signInAgain(context: BrowserContext, page: Page, issuer: string, origin: string): Promise<void> {
  await context.unroute(`${issuer}/**`);
  await page.click('#sign-in-button');
  await page.waitForURL((url) => url.href.startsWith(`${origin}/dashboard/`) && !url.searchParams.has('code'));
}
