import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt } from './support/dashboardBuild.ts';
import { nextRefresh } from './support/readPage.ts';

/**
 * Addresses a person types or a link carries wrongly: the dashboard says what is wrong with them,
 * in the banner, instead of the gateway's generic refusal or the figures of another period.
 */

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

describe.skipIf(skipWithoutChromium('the dashboard'))('the dashboard opened at a wrong address', () => {
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
});
