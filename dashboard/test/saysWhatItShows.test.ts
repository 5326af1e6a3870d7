import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { todayInChina } from '@linju/contract/todayInChina';
import { findDevAccount } from '@linju/identity/devAccounts';
import { confirmSignOutOnProviderPage, launchChromium, signInOnProviderPage, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt, RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { nextRefresh } from './support/readPage.ts';
import { refusePeriodOfFigures } from './support/refusedPeriod.ts';
import { watchPage } from './support/watchPage.ts';

/**
 * The page says what it shows, in Chromium against the real gateway and identity provider (QA's
 * second pass): a card in one unit; the trend's months of an empty period; an address's unknown
 * period named; a period not begun or out of range said as such, never as stores down; the header's
 * role by the jurisdiction's name; 退出 keeping the choice; the records' dialog offering 登录;
 * a saved chart with its title, period, unit and source; each chart described from its data.
 */

let federation: Federation;
let browser: Browser;
let origin: string;
let issuer: string;

async function open(search: string): Promise<{ page: Page; errors: string[]; graphql: () => string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const { requests, errors } = watchPage(page);
  await page.goto(`${origin}/dashboard/${search}`);
  await nextRefresh(page, 0);
  const graphql = () => requests.filter((r) => r.url.endsWith('/graphql')).map((r) => (JSON.parse(r.body!) as { operationName: string }).operationName);
  return { page, errors, graphql };
}

/** A tab of `search`, signed in through the provider's page as `account`, once the header reads `named`. */
async function signedIn(search: string, account: string, named: string): Promise<Page> {
  const { page } = await open(search);
  await page.click('#sign-in-button');
  await signInOnProviderPage(page, findDevAccount(account)!, `${origin}/dashboard/`);
  await expect.poll(() => page.textContent('#token-state'), { timeout: 15_000 }).toContain(named);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(RESULTS_DIRECTORY, name), fullPage: false });

describe.skipIf(skipWithoutChromium('the dashboard page’s'))('the dashboard says what it shows', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    await mkdir(RESULTS_DIRECTORY, { recursive: true });
    [federation, browser] = await Promise.all([startFederation({ identityProvider: true }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
    issuer = federation.identity!.issuer;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('a card reads in one unit: 重大项目总投资 in 亿元 in its total, its sides’ parts and its bases alike; ⓘ names the catalogue’s unit and the rule', async () => {
    const { page, errors } = await open('?period=2021h2-2023h1');
    const card = page.locator('article.figure[data-field="majorProjectInvestmentWan"]');
    const units = await card.evaluate((article) => ({
      total: article.querySelector('.total-value .unit')?.textContent,
      parts: [...article.querySelectorAll('.part-value .unit')].map((unit) => unit.textContent),
      bases: [...article.querySelectorAll('.compare strong')].map((strong) => strong.textContent ?? ''),
      meaning: [...article.querySelectorAll('.meaning dt')].find((dt) => dt.textContent === '单位')?.nextElementSibling?.textContent,
    }));
    expect(units.total).toBe('亿元');
    expect(units.parts.length).toBeGreaterThan(1);
    expect(new Set(units.parts)).toEqual(new Set(['亿元']));
    for (const base of units.bases.filter((text) => /\d/.test(text))) expect(base).toMatch(/^[\d.,]+亿元$/);
    expect(units.meaning).toBe('万元（满一亿元时以亿元显示）');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(RESULTS_DIRECTORY, 'card-one-unit.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the trend of a period without activities draws its months as 0; one not begun says 本时间段无记录 in the box and, in the banner, that it has not begun', async () => {
    const empty = await open('?period=custom&from=2019-01-01&to=2019-06-30');
    const label = await empty.page.getAttribute('#trend-chart', 'aria-label');
    expect(label).toMatch(/^活动趋势（按月，单位：项）。/);
    for (const month of [1, 2, 3, 4, 5, 6]) expect(label).toContain(`2019年${month}月 0项`);
    expect(await empty.page.locator('#trend-chart svg').textContent()).toContain('2019');
    await empty.page.locator('#trend-chart').scrollIntoViewIfNeeded();
    await shot(empty.page, 'trend-empty-period.png');
    await empty.page.context().close();

    const future = await open('?period=custom&from=2099-01-01&to=2099-12-31');
    expect(await future.page.textContent('#outage-banner')).toContain('所选时间段（2099年1月1日至2099年12月31日）尚未开始：新增均为 0，累计为截至今日的数。');
    expect(await future.page.locator('#trend-chart svg').textContent()).toContain('本时间段无记录');
    expect(await future.page.getAttribute('#trend-chart', 'aria-label')).toBe('活动趋势（按月，单位：项）：本时间段无记录。');
    // The pickers offer up to this year's end, 止 from 起.
    const year = todayInChina().slice(0, 4);
    expect(await future.page.getAttribute('#period-from', 'max')).toBe(`${year}-12-31`);
    await future.page.fill('#period-from', '2021-03-01');
    await future.page.locator('#period-from').dispatchEvent('input');
    expect(await future.page.getAttribute('#period-to', 'min')).toBe('2021-03-01');
    await future.page.context().close();
  });

  test('this year’s trend shows its months so far, each chart describes its own data to a screen reader', async () => {
    const { page } = await open('');
    const today = todayInChina();
    const label = (await page.getAttribute('#trend-chart', 'aria-label'))!;
    for (let month = 1; month <= Number(today.slice(5, 7)); month++) expect(label).toContain(`${today.slice(0, 4)}年${month}月 `);
    for (const chart of ['#trend-chart', '#cases-chart', '#kinds-chart']) {
      // The box (role="img") carries it, as ECharts' aria sets it; no words of ECharts' own.
      const described = await page.$eval(chart, (box) => [box.getAttribute('role'), box.getAttribute('aria-label')]);
      expect(described[0]).toBe('img');
      expect(described[1]).not.toMatch(/第0个系列|系列|数据是/);
    }
    expect(await page.getAttribute('#cases-chart', 'aria-label')).toMatch(/^川渝通办。四川省：.+；重庆市：.+。$/);
    await page.locator('#trend-chart').scrollIntoViewIfNeeded();
    await shot(page, 'trend-this-year.png');
    await page.context().close();
  });

  test('the gateway out of reach: the figures on screen keep when they were read, and a period or side chosen meanwhile shows none of them under its name', async () => {
    const { page } = await open('');
    const read = (await page.textContent('#status'))!;
    expect(read).toMatch(/^更新于 \d\d:\d\d:\d\d$/);
    const readYear = await page.textContent('#headline');
    await page.route(`${origin}/graphql`, (route) => route.abort('connectionrefused'));
    const unreachable = async (act: () => Promise<unknown>) => {
      await act();
      await expect.poll(() => page.textContent('#outage-banner')).toContain('无法连接网关');
      await expect.poll(() => page.getAttribute('main', 'aria-busy')).toBeNull();
    };
    // Read again (the tab shown again), the same period: its figures stay, and say since when (it read nothing).
    await unreachable(() => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))));
    expect(await page.textContent('#status')).toBe(`${read}，此后未能连接网关`);
    expect(await page.textContent('#headline')).toBe(readYear);
    // Another period chosen: it read 2021年上半年 over 本年's figures, charts and 数据截至.
    await unreachable(() => page.selectOption('#period', '2021h1'));
    expect(await page.textContent('#period-text')).toContain('2021年上半年');
    expect(await page.textContent('#headline')).toBe('无法连接网关，尚未读到所选时间段和辖区的指标；连接恢复后自动显示，图表与联盟名单同样。');
    expect(await page.isVisible('#data-as-of')).toBe(false);
    expect(await page.isVisible('#charts-heading')).toBe(false);
    expect(await page.textContent('#status')).toBe('');
    // Back within reach: the period chosen, read.
    await page.unroute(`${origin}/graphql`);
    const before = Number(await page.getAttribute('body', 'data-loaded'));
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await nextRefresh(page, before);
    expect(await page.locator('article.figure').count()).toBeGreaterThan(0);
    expect(await page.isVisible('#charts-heading')).toBe(true);
    expect(await page.textContent('#status')).toMatch(/^更新于 \d\d:\d\d:\d\d$/);
    await page.context().close();
  });

  test('an address’s unknown period is named in the banner, as an unknown side is, and the address then names 本年', async () => {
    const { page } = await open('?period=bogus');
    expect(await page.textContent('#outage-banner')).toContain('页面地址中的时间段“bogus”不存在，已改为显示本年。');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.inputValue('#period')).toBe('year');
    await shot(page, 'unknown-period.png');
    await page.context().close();
  });

  test('a period out of what the federation can mean is said as a wrong period: no 暂缺, no 暂不可用, no request for its figures', async () => {
    const { page, graphql } = await open('?period=custom&from=9999-01-01&to=9999-12-31');
    const banner = await page.textContent('#outage-banner');
    expect(banner).toContain('时间段有误：起始日期（9999-01-01）超出可查询的范围（1800-01-01 至 2999-12-31）。');
    const main = await page.textContent('main');
    expect(main).not.toMatch(/暂缺|暂不可用/);
    expect(main).toContain('请更正时间段后查看指标。');
    expect(graphql()).not.toContain('DashboardFigures');
    await shot(page, 'period-out-of-range.png');
    await page.context().close();
  });

  test('a period the gateway refuses is said as a wrong period in the gateway’s Chinese words, never as stores down', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await refusePeriodOfFigures(page, origin);
    await page.goto(`${origin}/dashboard/?period=2021h1`);
    await nextRefresh(page, 0);
    expect(await page.textContent('#outage-banner')).toContain('时间段有误：时间段的起始日期 2021-06-30 晚于截止日期 2021-01-01');
    const main = await page.textContent('main');
    expect(main).not.toMatch(/暂缺|暂不可用|所选条件无法查询/);
    expect(main).toContain('请更正时间段后查看指标。');
    await context.close();
  });

  test('anonymous, a side’s records offer the page’s 登录 in their dialog, focused, without search, sort or paging that do nothing', async () => {
    const { page } = await open('?period=2021h1');
    await page.locator('button.drill').first().click();
    const dialog = page.locator('dialog#figure-records');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('记录明细需要登录（查看者或以上）。公开指标无需登录。');
    expect(await dialog.locator('.records-controls').isVisible()).toBe(false);
    expect(await dialog.locator('.records-pages').isVisible()).toBe(false);
    const signIn = dialog.getByRole('button', { name: '登录' });
    expect(await signIn.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'drill-anonymous.png') });
    await signIn.click();
    await page.waitForURL((url) => url.href.startsWith(issuer));
    // The round trip keeps the period.
    await signInOnProviderPage(page, findDevAccount('moxi-clerk')!, `${origin}/dashboard/`);
    await page.waitForURL((url) => url.searchParams.get('period') === '2021h1');
    await page.context().close();
  });

  test('signed in on a page of Chongqing alone, 安居区’s operator reads as 四川省操作员, never by the key', async () => {
    const page = await signedIn('?period=2021h1&side=chongqing', 'anju-district', '陈刚 · 四川省操作员 · 安居区');
    expect(await page.textContent('#token-state')).not.toContain('sichuan');
    await page.locator('header.top').screenshot({ path: join(RESULTS_DIRECTORY, 'header-other-side.png') });
    await page.context().close();
  });

  test('退出 comes back from the provider to the same period and side, as 登录 does', async () => {
    const page = await signedIn('?period=2021h1&side=sichuan', 'moxi-clerk', '张敏');
    await page.click('#sign-out-button');
    await confirmSignOutOnProviderPage(page, `${origin}/dashboard/`);
    await page.waitForURL((url) => url.searchParams.get('period') === '2021h1' && url.searchParams.get('side') === 'sichuan', { timeout: 10_000 });
    await nextRefresh(page, 0);
    expect(await page.inputValue('#period')).toBe('2021h1');
    expect(await page.textContent('#outage-banner')).toContain('已退出登录');
    await page.context().close();
  });

  test('保存图片 saves the chart under its title, period and unit, over its source', async () => {
    const { page } = await open('?period=2021h1');
    // The PNG the page hands the browser, caught as its link is clicked.
    await page.evaluate(() => {
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        (window as unknown as { saved: string }).saved = this.href;
      };
    });
    await page.locator('button.save-image').first().click();
    await page.waitForFunction(() => 'saved' in window);
    const measured = await page.evaluate(async () => {
      const image = new Image();
      image.src = (window as unknown as { saved: string }).saved;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      // Dark pixels in the band above the plot (the caption) and below it (the source).
      const dark = (y: number, height: number) => {
        const data = context.getImageData(0, y, image.width, height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) count++;
        return count;
      };
      const box = document.getElementById('trend-chart')!.getBoundingClientRect();
      return { width: image.width, height: image.height, chartHeight: box.height, caption: dark(0, 2 * 80), source: dark(image.height - 2 * 30, 2 * 30), png: image.src.slice(0, 22) };
    });
    expect(measured.png).toBe('data:image/png;base64,');
    expect(measured.height).toBeGreaterThan(2 * measured.chartHeight + 2 * 100);
    expect(measured.caption).toBeGreaterThan(200);
    expect(measured.source).toBeGreaterThan(50);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.id = 'saved-image';
      img.src = (window as unknown as { saved: string }).saved;
      img.style.cssText = 'position:fixed;top:0;left:0;z-index:99999;width:683px;background:#fff';
      document.body.append(img);
    });
    await page.locator('#saved-image').screenshot({ path: join(RESULTS_DIRECTORY, 'saved-chart.png') });
    await page.context().close();
  });
});
