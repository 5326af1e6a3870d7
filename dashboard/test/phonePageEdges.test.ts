import { mintDevToken } from '@linju/gateway/devKeys';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt } from './support/dashboardBuild.ts';
import { nextRefresh } from './support/readPage.ts';

/**
 * The dashboard on a phone, given what it does not choose: addresses a person types or a link
 * carries wrongly (it says what is wrong with them, in the banner, instead of the gateway's generic
 * refusal or the figures of another period), and a display name as long as the gateway takes.
 */

/** A display name as long as the gateway takes (200 characters): the header on a phone stays a header. */
const LONG_NAME = '阿卜杜热合曼·'.repeat(29).slice(0, 200);

let federation: Federation;
let browser: Browser;
let origin: string;

async function open(address: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${origin}/dashboard/${address}`);
  await nextRefresh(page, 0);
  return page;
}

describe.skipIf(skipWithoutChromium('the dashboard'))('the dashboard on a phone: a wrong address, a long name', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    [federation, browser] = await Promise.all([startFederation(), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('a side no jurisdiction is (?side=tibet) is named and ignored: all sides are shown, and the address says so', async () => {
    const page = await open('?period=2021h1&side=tibet');
    await expect.poll(() => page.textContent('#outage-banner')).toContain('页面地址中的辖区“tibet”不存在，已改为显示全部辖区。');
    expect(await page.textContent('#outage-banner')).not.toContain('所选条件无法查询');
    await expect.poll(() => page.locator('#headline .cards > *').count()).toBeGreaterThan(0);
    expect(await page.inputValue('#side')).toBe('');
    expect(new URL(page.url()).search).toBe('?period=2021h1');
    await page.context().close();
  });

  test('a custom period whose start is no day (2021-02-30) is said, and no figures of another period are shown', async () => {
    const page = await open('?period=custom&from=2021-02-30&to=2021-06-30');
    await expect.poll(() => page.textContent('#outage-banner')).toContain('页面地址中的起始日期“2021-02-30”不是实际存在的日期');
    expect(await page.textContent('#period-text')).not.toContain('截至');
    expect(await page.textContent('#headline')).toContain('请更正时间段后查看指标。');
    // Choosing the dates again is the way out.
    await page.fill('#period-from', '2021-02-28');
    await page.dispatchEvent('#period-from', 'change');
    await expect.poll(() => page.textContent('#period-text')).toContain('2021年2月28日');
    await expect.poll(() => page.locator('#headline .cards > *').count()).toBeGreaterThan(0);
    expect(await page.textContent('#outage-banner')).not.toContain('不是实际存在的日期');
    await page.context().close();
  });

  test('a long display name: on a 390-px phone the name is one line cut short with an ellipsis, whole in its tooltip; the role stays in sight', async () => {
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
