import type { Page } from 'playwright-core';

/**
 * On the identity provider's Chinese sign-in page (where a page's 登录 led the browser), types the
 * account and password as a person would and submits; resolves once the browser is back on
 * `returnTo` (the page's redirect URI) and the page has taken the answer out of its address.
 */
export async function signInOnProviderPage(page: Page, account: { id: string; password: string }, returnTo: string): Promise<void> {
  await page.getByLabel('账号').fill(account.id);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.href.startsWith(returnTo) && !url.searchParams.has('code'));
}

/** On the identity provider's 退出登录 page (where a page's 退出 led the browser), confirms; resolves once back on `returnTo`. */
export async function confirmSignOutOnProviderPage(page: Page, returnTo: string): Promise<void> {
  await page.getByRole('heading', { name: '退出登录' }).waitFor();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.href.startsWith(returnTo));
}

/** Every value of the page's localStorage and the cookies the browser holds for `origin`: where no token may be. */
export async function persistentStorage(page: Page, origin: string): Promise<{ localStorage: string[]; cookies: string[] }> {
  const values = await page.evaluate(() => {
    // In the page (this package's TypeScript knows no DOM): localStorage's keys index its values.
    const storage = (globalThis as unknown as { localStorage: Record<string, string> }).localStorage;
    return Object.keys(storage).map((key) => `${key}=${storage[key]}`);
  });
  const cookies = (await page.context().cookies(origin)).map((cookie) => `${cookie.name}=${cookie.value}`);
  return { localStorage: values, cookies };
}
