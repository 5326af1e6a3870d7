import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureExplorerBuilt } from './support/explorerBuild.ts';

let federation: Federation;
let browser: Browser;
let origin: string;

describe.skipIf(skipWithoutChromium('the explorer'))('the explorer on a phone', () => {
  beforeAll(async () => {
    ensureExplorerBuilt();
    [federation, browser] = await Promise.all([startFederation(), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
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
