import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import { loadRegisteredOperations } from '@linju/schema/operations';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rateLimitedText } from '../src/graphql/rateLimit.ts';
import { RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { TestPage } from './support/testPage.ts';

/**
 * The drill-through from a figure to its records (src/drill/), as a viewer uses it in Chromium: the
 * real gateway in registered-only mode (so the dialog sends nothing but its registered operation),
 * a test page (test/drillPage/) with a button per figure and side as the cards will have, built by
 * Vite as the dashboard is and served at the gateway's origin. The dialog lists exactly the records
 * the figure counts (共N条 is the figure for a count), pages through them, searches and sorts, and a
 * row opens the record.
 */

const drillPage = new TestPage(fileURLToPath(new URL('./drillPage/', import.meta.url)), '/drill-test/');
const ALL_2021 = { from: '2021-01-01', to: '2021-12-31' };

let federation: Federation;
let browser: Browser;
let origin: string;

async function openPage(token: string | null): Promise<{ page: Page; context: BrowserContext; errors: string[]; operations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  await drillPage.serve(context, origin);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d|status of 5\d\d/.test(message.text())) errors.push(message.text());
  });
  const operations: string[] = [];
  page.on('request', (request) => {
    if (request.url() === `${origin}/graphql`) operations.push((JSON.parse(request.postData() ?? '{}') as { operationName?: string }).operationName ?? '');
  });
  await page.goto(`${origin}${drillPage.path}index.html?from=${ALL_2021.from}&to=${ALL_2021.to}${token ? `#token=${token}` : ''}`);
  await page.locator('main[data-ready="true"]').waitFor();
  return { page, context, errors, operations };
}

/** The figure as the gateway answers the dashboard's own registered DashboardFigures (the gateway answers nothing else). */
async function figureValue(side: string, figure: string): Promise<number> {
  const [operation] = (await loadRegisteredOperations([fileURLToPath(new URL('../operations/', import.meta.url))])).filter((o) => o.name === 'DashboardFigures');
  const response = await federation.query<{ jurisdictions: { figures: { values: { figure: string; value: number }[] } }[] }>(
    operation!.document,
    { period: ALL_2021, sides: [side], allSides: false },
    { as: 'anonymous' },
  );
  return response.data!.jurisdictions[0]!.figures.values.find((v) => v.figure === figure)!.value;
}

describe.skipIf(skipWithoutChromium('the drill-through’s'))('the drill-through in Chromium', () => {
  beforeAll(async () => {
    await drillPage.build();
    [federation, browser] = await Promise.all([startFederation({ registeredOperations: { only: true } }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('a viewer opens 联合座谈交流 of Sichuan: 共N条, pages, sort, search, a record and back', async () => {
    const { page, context, errors, operations } = await openPage(await federation.token('viewer'));
    const dialog = page.locator('dialog#figure-records');
    await page.locator('button[data-figure="studyExchangePersonTimes"][data-side="sichuan"]').click();
    await expect.poll(() => dialog.locator('.records-count').textContent(), { timeout: 15_000 }).toMatch(/^共 \d+ 条/);
    // The count is the number of records behind the figure (activities of kind 互派学习 in 2021).
    const countText = (await dialog.locator('.records-count').textContent())!;
    const total = Number(/共 (\d+) 条/.exec(countText)![1]);
    expect(total).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: '关闭' }).click();

    // A count figure: 共N条 is the figure itself.
    await page.locator('button[data-figure="jointWarRooms"][data-side="chongqing"]').click();
    const warRooms = await figureValue('chongqing', 'jointWarRooms');
    await expect.poll(() => dialog.locator('.records-count').textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^共 ${warRooms} 条`));
    // A count adds no column: each row is one.
    expect(await dialog.locator('table.records thead th').allTextContents()).toEqual(['记录', '日期']);
    await dialog.getByRole('button', { name: '关闭' }).click();

    // Seminars of Sichuan: more than a page, so 下一页 and 上一页 work, with no record twice.
    await page.locator('button[data-figure="jointSeminarSessions"][data-side="sichuan"]').click();
    await expect.poll(() => dialog.locator('.records-count').textContent(), { timeout: 15_000 }).toMatch(/^共 \d+ 条/);
    const seminars = Number(/共 (\d+) 条/.exec((await dialog.locator('.records-count').textContent())!)![1]);
    const rowIds = () => dialog.locator('[data-record-row]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.recordRow!));
    const first = await rowIds();
    expect(first.length).toBe(Math.min(seminars, 20));
    // A summed figure shows what each record adds (场次): over every page they add up to the card's figure.
    expect(await dialog.locator('table.records thead th').allTextContents()).toEqual(['记录', '日期', '场次']);
    const sessionsOf = async () => (await dialog.locator('td.record-measure').allTextContents()).map((text) => Number(text.replaceAll(',', '')));
    let sessions = (await sessionsOf()).reduce((sum, n) => sum + n, 0);
    for (let shown = first; !(await dialog.getByRole('button', { name: '下一页' }).isDisabled());) {
      await dialog.getByRole('button', { name: '下一页' }).click();
      await expect.poll(async () => (await rowIds())[0], { timeout: 15_000 }).not.toBe(shown[0]);
      shown = await rowIds();
      sessions += (await sessionsOf()).reduce((sum, n) => sum + n, 0);
    }
    expect(sessions).toBe(await figureValue('sichuan', 'jointSeminarSessions'));
    while (!(await dialog.getByRole('button', { name: '上一页' }).isDisabled())) await dialog.getByRole('button', { name: '上一页' }).click();
    await expect.poll(rowIds, { timeout: 15_000 }).toEqual(first);
    if (seminars > 20) {
      await dialog.getByRole('button', { name: '下一页' }).click();
      await expect.poll(async () => (await rowIds())[0], { timeout: 15_000 }).not.toBe(first[0]);
      const second = await rowIds();
      expect(second.some((id) => first.includes(id))).toBe(false);
      await expect.poll(() => dialog.locator('.records-count').textContent(), { timeout: 15_000 }).toContain('第 2 页');
      await dialog.getByRole('button', { name: '上一页' }).click();
      await expect.poll(rowIds, { timeout: 15_000 }).toEqual(first);
    } else {
      expect(await dialog.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    }

    // Oldest first: the dates go up.
    await dialog.getByLabel('排序').selectOption('OLDEST');
    await expect.poll(async () => {
      const dates = await dialog.locator('[data-record-row] td.record-date').allTextContents();
      return dates.length > 1 && dates.join() === [...dates].sort((a, b) => toIso(a).localeCompare(toIso(b))).join();
    }, { timeout: 15_000 }).toBe(true);

    // Search by name: every row found holds the text, and 共N条 says how many.
    const aName = (await dialog.locator('[data-record]').first().textContent())!;
    const word = [...aName].slice(0, 2).join('');
    await dialog.getByLabel('按名称搜索').fill(word);
    await expect.poll(async () => (await dialog.locator('[data-record]').allTextContents()).every((name) => name.includes(word)), { timeout: 15_000 }).toBe(true);
    const found = await dialog.locator('[data-record]').count();
    expect(found).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'drill-records.png') });

    // A row opens its record; 返回列表 comes back to the same row.
    const row = dialog.locator('[data-record]').first();
    const id = (await row.getAttribute('data-record'))!;
    await row.click();
    const detail = dialog.locator(`[data-record-detail="${id}"]`);
    await detail.waitFor();
    expect(await detail.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['名称', '类别', '举办日期', '主办组织', '场次']));
    expect(await detail.locator('dd').nth(1).textContent()).toBe('座谈交流');
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'drill-record-detail.png') });
    await dialog.getByRole('button', { name: '返回列表' }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.record), { timeout: 15_000 }).toBe(id);

    // Esc closes it and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.figure), { timeout: 15_000 }).toBe('jointSeminarSessions');
    // The test page loads its alliance list first; the dialog sends its one registered operation.
    expect(new Set(operations)).toEqual(new Set(['DashboardAlliances', 'DashboardFigureRecords']));
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the alliance list searches by name, filters by kind and orders by founding date or name', async () => {
    const { page, context, errors } = await openPage(await federation.token('viewer'));
    const list = page.locator('#alliances');
    const names = () => list.locator('button[data-alliance]').allTextContents();
    const all = await names();
    expect(all.length).toBeGreaterThan(2);
    const kinds = await list.locator('tbody tr td:nth-child(2)').allTextContents();
    const dates = () => list.locator('tbody tr td:nth-child(3)').allTextContents();

    await list.getByLabel('联盟排序').selectOption('OLDEST');
    await expect.poll(async () => (await dates()).map(toIso).join(), { timeout: 15_000 }).toBe([...(await dates()).map(toIso)].sort().join());
    await list.getByLabel('联盟排序').selectOption('NAME');
    const collator = new Intl.Collator('zh-CN');
    await expect.poll(async () => (await names()).join(), { timeout: 15_000 }).toBe([...all].sort(collator.compare).join());

    const kind = kinds[0]!;
    await list.getByLabel('联盟类别').selectOption(kind);
    await expect.poll(async () => (await list.locator('tbody tr td:nth-child(2)').allTextContents()).every((k) => k === kind), { timeout: 15_000 }).toBe(true);
    expect(await list.locator('tbody tr').count()).toBe(kinds.filter((k) => k === kind).length);
    await list.getByLabel('联盟类别').selectOption('');

    const word = [...all[0]!].slice(0, 3).join('');
    await list.getByLabel('按名称搜索联盟').fill(word);
    await expect.poll(async () => (await names()).sort().join(), { timeout: 15_000 }).toBe(all.filter((n) => n.includes(word)).sort().join());
    const kept = all.filter((n) => n.includes(word)).length;
    if (kept < all.length) await expect.poll(() => list.locator('p.count').textContent(), { timeout: 15_000 }).toContain(`符合条件 ${kept} 个`);
    await list.screenshot({ path: join(RESULTS_DIRECTORY, 'drill-alliance-list.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the public proxy’s rate limit (429) reads as the 登记 panel’s reads say it (rateLimitedText), not as records 暂不可用', async () => {
    const { page, context, errors } = await openPage(await federation.token('viewer'));
    // HAProxy's answer: its JSON body and Retry-After: 10 (testing/src/cluster/haproxyConfig.ts).
    await page.route(`${origin}/graphql`, (route) =>
      route.fulfill({ status: 429, headers: { 'retry-after': '10' }, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] }) }),
    );
    await page.locator('button[data-figure="jointSeminarSessions"][data-side="sichuan"]').click();
    const body = page.locator('dialog#figure-records .records-body');
    await expect.poll(() => body.textContent(), { timeout: 15_000 }).toBe(rateLimitedText(10, 'by-hand'));
    expect(await body.textContent()).toBe('请求过于频繁，未能完成，请稍等 10 秒后再试。');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('without a token the dialog says records need a sign-in, and asks nothing', async () => {
    const { page, context, errors, operations } = await openPage(null);
    await page.locator('button[data-figure="jointSeminarSessions"][data-side="sichuan"]').click();
    await expect.poll(() => page.locator('dialog#figure-records .records-body').textContent(), { timeout: 15_000 }).toContain('记录明细需要登录');
    expect(operations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** 2021年3月5日 → 2021-03-05, to compare dates as shown. */
function toIso(shown: string): string {
  const [, y, m, d] = /(\d+)年(\d+)月(\d+)日/.exec(shown) ?? [];
  return y ? `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` : shown;
}
