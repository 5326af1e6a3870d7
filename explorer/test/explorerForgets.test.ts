import { findDevAccount } from '@linju/identity/devAccounts';
import { confirmSignOutOnProviderPage, launchChromium, signInOnProviderPage, signInThroughProvider, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureExplorerBuilt } from './support/explorerBuild.ts';

/**
 * What the explorer keeps of a session: GraphiQL's tabs and history in the tab's sessionStorage,
 * never a request header, and nothing after 退出; what GraphiQL kept in localStorage before (a
 * token in its history among it) goes at the next load.
 */

const clerk = findDevAccount('moxi-clerk')!;
const otherClerk = findDevAccount('shuangjiang-clerk')!;
/** An ID number typed into Variables: personal data that must not outlive the session either. */
const ID_NUMBER = '51090419900101123X';

let federation: Federation;
let browser: Browser;
let origin: string;

/** Every key and value of the page's localStorage and sessionStorage, as `storage key=value`. */
function storedValues(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (['localStorage', 'sessionStorage'] as const).flatMap((name) => {
      const storage = window[name];
      return Object.keys(storage).map((key) => `${name} ${key}=${storage.getItem(key)}`);
    }),
  );
}

describe.skipIf(skipWithoutChromium('the explorer'))('what the explorer keeps', () => {
  beforeAll(async () => {
    ensureExplorerBuilt();
    [federation, browser] = await Promise.all([startFederation({ identityProvider: true }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('a token typed into Headers and run is kept nowhere, in localStorage or sessionStorage; after 退出 nothing of the session is', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // What GraphiQL 5.4 kept in localStorage before: its history with a run's headers.
    await page.goto(`${origin}/`);
    const old = await signInThroughProvider({ issuer: federation.identity!.issuer, clientId: 'linju-explorer', redirectUri: `${origin}/`, account: otherClerk.id, password: otherClerk.password });
    if (!old.signedIn) throw new Error(`sign-in failed (${old.status})`);
    await page.evaluate((token) => localStorage.setItem('graphiql:queries', JSON.stringify({ queries: [{ query: '{ __typename }', headers: JSON.stringify({ Authorization: `Bearer ${token}` }) }] })), old.accessToken);
    await page.reload();
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    expect((await storedValues(page)).filter((value) => value.includes(old.accessToken))).toEqual([]);

    await page.click('#sign-in-button');
    await signInOnProviderPage(page, clerk, `${origin}/`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    // Another person's token typed into Headers, an ID number into Variables, and run.
    const typed = await signInThroughProvider({ issuer: federation.identity!.issuer, clientId: 'linju-explorer', redirectUri: `${origin}/`, account: otherClerk.id, password: otherClerk.password });
    if (!typed.signedIn) throw new Error(`sign-in failed (${typed.status})`);
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${typed.accessToken}` }));
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines').textContent()).toBe('');
    // Monaco closes the brace as it is typed.
    await page.keyboard.insertText(`{"idNumber": "${ID_NUMBER}"`);
    await expect.poll(() => page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines').textContent()).toMatch(new RegExp(`^\\{"idNumber":\\s"${ID_NUMBER}"\\}$`));
    await page.waitForTimeout(300);
    const answered = page.waitForResponse((response) => response.url() === `${origin}/graphql` && (response.request().headers()['authorization'] ?? '') === `Bearer ${typed.accessToken}` && (response.request().postData() ?? '').includes(ID_NUMBER));
    await page.locator('.graphiql-execute-button').click();
    await answered;
    await page.waitForTimeout(500);
    const running = await storedValues(page);
    // The history is kept (this tab's sessionStorage), with the variables, but never the typed token.
    expect(running.some((value) => value.startsWith('sessionStorage graphiql:queries=') && value.includes(ID_NUMBER))).toBe(true);
    expect(running.filter((value) => value.includes(typed.accessToken))).toEqual([]);
    expect(running.filter((value) => value.startsWith('localStorage graphiql:'))).toEqual([]);
    const held = JSON.parse((await page.evaluate(() => sessionStorage.getItem('linju.signIn.linju-explorer.tokens')))!) as { accessToken: string };

    await page.click('#sign-out-button');
    await confirmSignOutOnProviderPage(page, `${origin}/`);
    await expect.poll(() => page.textContent('#account-state')).toBe('未登录：仅可查询公开指标');
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await page.waitForTimeout(500);
    const after = await storedValues(page);
    for (const secret of [typed.accessToken, held.accessToken, ID_NUMBER]) expect(after.filter((value) => value.includes(secret))).toEqual([]);
    await context.close();
  });
});
