import { join } from 'node:path';
import { todayInChina } from '@linju/contract/todayInChina';
import { findDevAccount } from '@linju/identity/devAccounts';
import { signInOnProviderPage, skipWithoutChromium } from '@linju/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { startDashboardWithDocuments, type DashboardWithDocuments } from './support/dashboardWithDocuments.ts';
import { layoutSettled, nextRefresh, refreshCount } from './support/readPage.ts';

/**
 * What each user finds when the page opens, as they would look at it every morning, in Chromium
 * against the federation with its documents server and the development identity provider:
 * a period whose dates are the wrong way round says so in the cards' place, with no empty chart
 * frames around it; the joint office, on 本年, finds the alliances it runs (those standing by the
 * period's end), not an empty list of those founded this year; a district operator at 1920×1080
 * finds the key indicators on the first screen beside 登记活动 and 台账导入, not below them.
 */

let running: DashboardWithDocuments;
let origin: string;

async function open(search: string, width: number, height: number, deviceScaleFactor = 1): Promise<Page> {
  const context = await running.browser.newContext({ viewport: { width, height }, deviceScaleFactor, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${origin}/dashboard/${search}`);
  await nextRefresh(page, 0);
  return page;
}

/** A page of `search`, signed in as the development account `account` through the provider's page. */
async function signedIn(account: string, search: string, width: number, height: number, deviceScaleFactor = 1): Promise<Page> {
  const page = await open(search, width, height, deviceScaleFactor);
  const person = findDevAccount(account)!;
  await page.click('#sign-in-button');
  await signInOnProviderPage(page, person, `${origin}/dashboard/`);
  await nextRefresh(page, 0);
  await expect.poll(() => page.textContent('#token-state'), { timeout: 15_000 }).toContain(person.name);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(RESULTS_DIRECTORY, name) });

/** The joint office's alliances by name, as its store holds them. */
async function jointAlliances(where: string, values: unknown[] = []): Promise<string[]> {
  const result = await running.federation.subgraphs['joint']!.pool.query<{ name: string }>(`SELECT name FROM alliance WHERE ${where} ORDER BY name`, values);
  return result.rows.map((row) => row.name);
}

describe.skipIf(skipWithoutChromium('the first screen'))('what each user finds when the page opens', () => {
  beforeAll(async () => {
    running = await startDashboardWithDocuments({ identityProvider: true });
    origin = running.origin;
  }, 300_000);
  afterAll(() => running?.stop());

  test('dates the wrong way round: the message stands in the cards’ place, and no empty chart, list or briefing frame is left around it', async () => {
    const page = await open('?period=custom&from=2021-06-30&to=2021-03-01', 1366, 768);
    await expect.poll(() => page.textContent('#outage-banner')).toContain('时间段有误：起始日期（2021年6月30日）晚于截止日期（2021年3月1日）。');
    expect(await page.locator('#headline').innerText()).toBe('请更正时间段后查看指标。图表与联盟名单同样在更正后显示。');
    // Nothing of a period is drawn: no chart box, no alliance list, no briefing, no 导出 of the period.
    for (const part of ['#charts-heading', '#trend-chart', '#cases-chart', '#kinds-chart', '#alliances-heading', '#briefing-heading', '#data-as-of']) {
      expect(await page.locator(part).isVisible(), part).toBe(false);
    }
    expect(await page.locator('main .download-buttons:visible').count()).toBe(0);
    expect(await page.locator('main button.save-image:visible').count()).toBe(0);
    await shot(page, 'first-screen-wrong-period-1366x768.png');

    // Put right, the period's figures and charts come back.
    const shown = await refreshCount(page);
    await page.fill('#period-from', '2021-01-01');
    await page.dispatchEvent('#period-from', 'change');
    await nextRefresh(page, shown);
    await expect.poll(() => page.locator('#headline article.figure').count()).toBeGreaterThan(0);
    for (const part of ['#trend-chart', '#cases-chart', '#kinds-chart', '#briefing-heading']) expect(await page.locator(part).isVisible(), part).toBe(true);
    await page.context().close();
  }, 120_000);

  test('the joint office on 本年 finds every alliance standing by today, those founded this year marked; 2021年7月—2023年6月 marks those founded in it', async () => {
    const today = todayInChina();
    const yearStart = `${today.slice(0, 4)}-01-01`;
    const standing = await jointAlliances('founded_on <= $1', [today]);
    const foundedThisYear = await jointAlliances('founded_on BETWEEN $1 AND $2', [yearStart, today]);
    expect(standing.length).toBeGreaterThan(30);
    const page = await signedIn('joint-office', '', 1920, 1080);
    const list = page.locator('#alliance-list');
    await expect.poll(() => list.locator('button[data-alliance]').count(), { timeout: 15_000 }).toBe(standing.length);
    expect(new Set(await list.locator('button[data-alliance]').allTextContents())).toEqual(new Set(standing));
    const [year, month, day] = today.split('-').map(Number);
    expect(await list.locator('p.count').textContent()).toContain(`共 ${standing.length} 个联盟（截至${year}年${month}月${day}日已成立，其中本期新成立 ${foundedThisYear.length} 个）`);
    expect(await list.locator('.badge', { hasText: '本期新成立' }).count()).toBe(foundedThisYear.length);
    await page.locator('#alliances-heading').evaluate((heading) => heading.scrollIntoView());
    await shot(page, 'first-screen-joint-office-alliances-1920x1080.png');

    // 2021年7月—2023年6月: those standing by its end, only those founded in it marked.
    const shown = await refreshCount(page);
    await page.selectOption('#period', '2021h2-2023h1');
    await nextRefresh(page, shown);
    const byEnd = await jointAlliances(`founded_on <= '2023-06-30'`);
    const inPeriod = await jointAlliances(`founded_on BETWEEN '2021-07-01' AND '2023-06-30'`);
    expect(inPeriod.length).toBeGreaterThan(0);
    expect(byEnd.length).toBeGreaterThan(inPeriod.length);
    await expect.poll(() => list.locator('button[data-alliance]').count()).toBe(byEnd.length);
    expect(await list.locator('p.count').textContent()).toContain(`共 ${byEnd.length} 个联盟（截至2023年6月30日已成立，其中本期新成立 ${inPeriod.length} 个）`);
    const marked = await list.locator('tbody tr:has(.badge:text("本期新成立")) button[data-alliance]').allTextContents();
    expect(new Set(marked)).toEqual(new Set(inPeriod));
    await page.locator('#alliances-heading').evaluate((heading) => heading.scrollIntoView());
    await shot(page, 'first-screen-joint-office-alliances-2021h2-2023h1-1920x1080.png');
    await page.context().close();
  }, 120_000);

  test('the proxy’s rate limit (429 with a page of its own, no GraphQL): the banner and the alliance list say so and when the page reads again, never 无法连接网关; it then reads by itself', async () => {
    const page = await signedIn('joint-office', '', 1366, 768);
    const list = page.locator('#alliance-list');
    await expect.poll(() => list.locator('button[data-alliance]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Every read refused by the public proxy from now on, as an HAProxy without the JSON body would answer.
    let limited = 0;
    await page.route(`${origin}/graphql`, (route) => {
      limited++;
      return route.fulfill({ status: 429, headers: { 'retry-after': '2' }, contentType: 'text/html', body: '<html><body><h1>429 Too Many Requests</h1></body></html>' });
    });
    await page.selectOption('#period', '2021h1');
    const said = '请求过于频繁，暂时无法读取；页面将在 2 秒后自动重试。';
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 15_000 }).toContain(said);
    expect(await page.textContent('#outage-banner')).not.toMatch(/无法连接网关|错误代码|RATE_LIMITED/);
    expect(await list.textContent()).toBe(`联盟名单：${said}`);
    expect(limited).toBeGreaterThan(0);
    await shot(page, 'first-screen-rate-limited-1366x768.png');

    // The limit over, the page reads again by itself (after the 2 s Retry-After asks), and shows the period.
    const shown = await refreshCount(page);
    await page.unroute(`${origin}/graphql`);
    await nextRefresh(page, shown);
    await expect.poll(() => list.locator('button[data-alliance]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#headline article.figure').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 15_000 }).not.toContain('请求过于频繁');
    await page.context().close();
  }, 120_000);

  test.each([
    [1920, 1080],
    [1366, 768],
  ])('a district operator at %i×%i finds the key indicators on the first screen, beside 登记活动 and 台账导入', async (width, height) => {
    const page = await signedIn('anju-district', '', width, height);
    await page.locator('#record-activity .record-activity').waitFor();
    await page.locator('#ledger-import section.ledger-import').waitFor();
    await layoutSettled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const boxes = await page.evaluate(() => {
      const box = (element: Element) => {
        const { top, bottom, left, right } = element.getBoundingClientRect();
        return { top, bottom, left, right };
      };
      return {
        record: box(document.querySelector('#record-activity')!),
        ledger: box(document.querySelector('#ledger-import')!),
        keyCards: [...document.querySelectorAll('#headline .group.headline article.figure')].map(box),
        pageWidth: document.documentElement.scrollWidth,
      };
    });
    await shot(page, `first-screen-district-operator-${width}x${height}.png`);
    // Every key indicator within the first screen, and both panels begin on it too.
    expect(boxes.keyCards.length).toBeGreaterThan(3);
    for (const card of boxes.keyCards) expect(card.bottom).toBeLessThanOrEqual(height);
    expect(boxes.record.top).toBeLessThan(height / 2);
    // Beside the figures, not over them, and nothing wider than the screen.
    for (const card of boxes.keyCards) expect(card.right).toBeLessThanOrEqual(boxes.record.left);
    expect(boxes.pageWidth).toBeLessThanOrEqual(width);
    await page.context().close();
  }, 120_000);

  test('on an office laptop at 125 % (1366×768 is 1093 px wide to the page, 530 tall below the browser’s bars) the key indicators begin on the first screen, beside 登记活动', async () => {
    const [width, height] = [1093, 530];
    const page = await signedIn('anju-district', '', width, height, 1.25);
    await page.locator('#record-activity .record-activity').waitFor();
    await layoutSettled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const { record, keyCards, pageWidth } = await page.evaluate(() => {
      const box = (element: Element) => {
        const { top, left, right } = element.getBoundingClientRect();
        return { top, left, right };
      };
      return {
        record: box(document.querySelector('#record-activity')!),
        keyCards: [...document.querySelectorAll('#headline .group.headline article.figure')].map(box),
        pageWidth: document.documentElement.scrollWidth,
      };
    });
    await shot(page, `first-screen-district-operator-${width}x${height}-125.png`);
    // Below 1200 px the two panels stood above the figures and filled the screen: no figure on it.
    expect(keyCards[0]!.top).toBeLessThan(height - 100);
    expect(record.top).toBeLessThan(height / 2);
    for (const card of keyCards) expect(card.right).toBeLessThanOrEqual(record.left);
    expect(pageWidth).toBeLessThanOrEqual(width);
    await page.context().close();
  }, 120_000);
  test('beside 登记活动 and 台账导入 (1024 px on), the charts stand two a row, 活动趋势 across, until three fit: none narrower than 250 px', async () => {
    for (const [width, height] of [[1150, 800], [1366, 768], [1440, 900]] as const) {
      const page = await signedIn('anju-district', '', width, height);
      await page.locator('#record-activity .record-activity').waitFor();
      await layoutSettled(page);
      const cards = await page.evaluate(() => [...document.querySelectorAll('.charts > .chart-card')].map((card) => Math.round(card.getBoundingClientRect().width)));
      const record = await page.evaluate(() => document.querySelector('#record-activity')!.getBoundingClientRect().left);
      await page.locator('.charts').scrollIntoViewIfNeeded();
      await shot(page, `first-screen-district-operator-charts-${width}x${height}.png`);
      // Three a row in the figures' column (as a page wider than 1100 px has them): 党建联盟（按类别） 190 px wide at 1150, 241 at 1366.
      expect(cards.length).toBe(3);
      for (const card of cards) expect(card, `${width} px: ${cards.join(", ")}`).toBeGreaterThanOrEqual(250);
      expect(record).toBeGreaterThan(cards[0]!);
      await page.context().close();
    }
  }, 120_000);
});
