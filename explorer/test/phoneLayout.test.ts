import { mintDevToken } from '@linju/gateway/devKeys';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureExplorerBuilt } from './support/explorerBuild.ts';

/** A display name as long as the gateway takes (200 characters): the bar on a phone stays a bar. */
const LONG_NAME = '阿卜杜热合曼·'.repeat(29).slice(0, 200);

let federation: Federation;
let browser: Browser;
let origin: string;

describe.skipIf(skipWithoutChromium('the explorer'))('the explorer on a 390-px phone', () => {
  beforeAll(async () => {
    ensureExplorerBuilt();
    [federation, browser] = await Promise.all([startFederation(), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('on a 390-px phone the name of a token typed into Headers is one line cut short with an ellipsis, whole in its tooltip', async () => {
    const token = await mintDevToken(federation.devKeys, 'viewer', 'long-name', '1h', { name: LONG_NAME });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${token}` }));
    await expect.poll(() => page.textContent('#account-state'), { timeout: 10_000 }).toBe(`正在使用编辑器中填写的令牌：${LONG_NAME} · 查看者`);
    const name = page.locator('#account-state .caller-name');
    expect(await name.getAttribute('title')).toBe(LONG_NAME);
    expect(await name.evaluate((element) => getComputedStyle(element).textOverflow)).toBe('ellipsis');
    // The name fills one line at most, not half the screen: the bar is as high as with a short name.
    expect((await page.locator('#account-state').boundingBox())!.height).toBeLessThanOrEqual(60);
    expect((await page.locator('.account-bar').boundingBox())!.height).toBeLessThan(844 / 4);
    await context.close();
  });

  test('at 390 px the query editor has most of the width (GraphiQL’s desktop margins left it 218 px), and nothing is wider than the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    expect((await page.locator('.graphiql-query-editor .monaco-editor').boundingBox())!.width).toBeGreaterThanOrEqual(260);
    const sidebar = (await page.locator('.graphiql-sidebar').boundingBox())!;
    expect(sidebar.width).toBeLessThanOrEqual(44);
    // Its buttons are still ones a finger can press.
    for (const box of await page.locator('.graphiql-sidebar > button').evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.width).toBeGreaterThanOrEqual(32);
      expect(box.height).toBeGreaterThanOrEqual(32);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const sessions = (await page.locator('.graphiql-sessions').boundingBox())!;
    expect(sessions.x + sessions.width).toBeLessThanOrEqual(390);
    await context.close();
  });
});
