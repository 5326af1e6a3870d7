import { mintDevToken } from '@linju/gateway/devKeys';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt } from './support/dashboardBuild.ts';

/** A display name as long as the gateway takes (200 characters): the header on a phone stays a header. */
const LONG_NAME = '阿卜杜热合曼·'.repeat(29).slice(0, 200);

let federation: Federation;
let browser: Browser;
let origin: string;

describe.skipIf(skipWithoutChromium('the dashboard'))('a long display name in the dashboard header', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    [federation, browser] = await Promise.all([startFederation(), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('on a 390-px phone the name is one line cut short with an ellipsis, whole in its tooltip; the role stays in sight', async () => {
    const token = await mintDevToken(federation.devKeys, 'viewer', 'long-name', '1h', { name: LONG_NAME });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${token}`);
    await expect.poll(() => page.textContent('#token-state'), { timeout: 10_000 }).toContain(`令牌：${LONG_NAME} · 查看者`);
    const name = page.locator('#token-state .caller-name');
    expect(await name.getAttribute('title')).toBe(LONG_NAME);
    expect(await name.evaluate((element) => getComputedStyle(element).textOverflow)).toBe('ellipsis');
    // The account line is at most two lines high (the name's alone filled half the screen).
    const lineHeight = await page.locator('#token-state').evaluate((element) => parseFloat(getComputedStyle(element).lineHeight) || parseFloat(getComputedStyle(element).fontSize) * 1.5);
    expect((await page.locator('#token-state').boundingBox())!.height).toBeLessThanOrEqual(lineHeight * 2 + 2);
    expect((await page.locator('header').first().boundingBox())!.height).toBeLessThan(844 / 3);
    expect(await page.locator('#token-state').evaluate((element) => element.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
