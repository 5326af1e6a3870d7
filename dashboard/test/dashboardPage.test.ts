import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { todayInChina } from '@linju/contract/todayInChina';
import { definitionText, type FigureName } from '@linju/contract/figures';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import { loadRegisteredOperations, type RegisteredOperation } from '@linju/schema/operations';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ComparisonAnswer } from '../src/compare/answers.ts';
import { changeFrom } from '../src/compare/change.ts';
import { comparisonVariables } from '../src/compare/comparisonVariables.ts';
import { CARD_CATEGORIES, CARD_FIGURES } from '../src/figures/cardFigures.ts';
import { cardLargest, cardValues, type ShownSide } from '../src/figures/cardValues.ts';
import { HEADLINE } from '../src/figures/headlineChoice.ts';
import { formatDate, formatFigure } from '../src/format/formatNumber.ts';
import type { FiguresAnswer } from '../src/graphql/answers.ts';
import { figuresByName } from '../src/graphql/figureValues.ts';
import { periodChoices, type Period } from '../src/period/periodChoices.ts';
import { ensureDashboardBuilt, RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { nextRefresh, refreshCount, shownFigures } from './support/readPage.ts';
import { watchPage } from './support/watchPage.ts';

/**
 * Issue 15's page in Chromium against the real federation (registered operations only): the
 * current period by default and in the address, refreshing itself, 数据截至, 同比/环比 and 累计 equal
 * to what the gateway answers for the comparison periods, 统计口径 on every figure by tap and by
 * keyboard, every category, the layouts (screenshots as artefacts) and the printout (a PDF).
 */

const SEED_YEAR: Period = { from: '2022-07-01', to: '2023-06-30' };

let federation: Federation;
let browser: Browser;
let operations: Record<string, RegisteredOperation>;
let origin: string;

async function gateway<T>(name: string, variables: Record<string, unknown>) {
  const response = await federation.query<T>(operations[name]!.document, variables, { as: 'anonymous' });
  expect(response.errors).toBeUndefined();
  return figuresByName(response.data) as T;
}

/** The page's two answers for a period, as the page asks for them. */
async function answersFor(period: Period) {
  const [figures, comparison] = await Promise.all([
    gateway<FiguresAnswer>('DashboardFigures', { period, sides: null, allSides: true }),
    gateway<ComparisonAnswer>('DashboardComparison', comparisonVariables(period, null)),
  ]);
  const sides: ShownSide[] = figures.jurisdictions!.map((s) => ({ key: s!.key, name: s!.name, figures: s }));
  return { figures, comparison, sides };
}

async function open(search = '', options: { viewport?: { width: number; height: number }; clock?: boolean } = {}): Promise<{ page: Page; context: BrowserContext; sent: () => { operationName: string; variables: Record<string, unknown> }[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true, hasTouch: (options.viewport?.width ?? 1366) < 600 });
  const page = await context.newPage();
  if (options.clock) await page.clock.install();
  const { requests, errors } = watchPage(page);
  await page.goto(`${origin}/dashboard/${search}`);
  await nextRefresh(page, 0);
  /** The GraphQL requests made so far. */
  const sent = () => requests.filter((r) => r.url.endsWith('/graphql')).map((r) => JSON.parse(r.body!) as { operationName: string; variables: Record<string, unknown> });
  return { page, context, sent, errors };
}

const fullWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe.skipIf(skipWithoutChromium('the dashboard page’s'))('the dashboard page (issue 15) in Chromium', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    await mkdir(RESULTS_DIRECTORY, { recursive: true });
    const listed = await loadRegisteredOperations([fileURLToPath(new URL('../operations/', import.meta.url))]);
    operations = Object.fromEntries(listed.map((operation) => [operation.name, operation]));
    [federation, browser] = await Promise.all([startFederation({ registeredOperations: { only: true } }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
    // The joint office's targets for 2021 (as setFigureTarget writes them; the registered-only gateway
    // takes no other mutation): 交叉任职 for the joint total and for Sichuan.
    await federation.subgraphs['joint']!.pool.query(
      `INSERT INTO figure_target (id, figure, jurisdiction, period_from, period_to, value, note)
       VALUES ('joint:FigureTarget:test-total', 'crossAppointments', NULL, '2021-01-01', '2021-12-31', 112, '年度目标'),
              ('joint:FigureTarget:test-sichuan', 'crossAppointments', 'sichuan', '2021-01-01', '2021-12-31', 116, NULL)`,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('opens on the current year in China; the choice lives in the address: a link, a reload and Back keep it', async () => {
    const { page, context, sent, errors } = await open();
    const today = todayInChina();
    const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
    expect(await page.inputValue('#period')).toBe('year');
    expect(await page.textContent('#period-text')).toBe(`（本年：${formatDate(year.from)}至${formatDate(today)}）`);
    expect(sent().find((b) => b.operationName === 'DashboardFigures')!.variables['period']).toEqual(year);
    const lastHalf = periodChoices(today).find((c) => c.id === 'last-half')!.label;
    const lastYear = `${Number(today.slice(0, 4)) - 1}年`;
    const lastQuarter = periodChoices(today).find((c) => c.id === 'last-quarter')!;
    expect(await page.locator('#period option').allTextContents()).toEqual(['本年', '本季度', '本月', '近12个月', lastQuarter.label, lastHalf, lastYear, '2021年上半年', '2021年7月—2023年6月', '全部时间', '自定义…']);
    // 上季度 (the last whole quarter, named by its dates) is asked as its dates, and kept in the address.
    let count = await refreshCount(page);
    await page.selectOption('#period', 'last-quarter');
    await nextRefresh(page, count);
    expect(new URL(page.url()).search).toBe('?period=last-quarter');
    expect(sent().filter((b) => b.operationName === 'DashboardFigures').at(-1)!.variables['period']).toEqual(lastQuarter.period);
    expect(await page.textContent('#period-text')).toBe(`（${lastQuarter.label}：${formatDate(lastQuarter.period.from!)}至${formatDate(lastQuarter.period.to!)}）`);

    count = await refreshCount(page);
    await page.selectOption('#period', '2021h1');
    await nextRefresh(page, count);
    expect(new URL(page.url()).search).toBe('?period=2021h1');
    expect((await shownFigures(page))['crossAppointments']!.total).toBe('56');
    count = await refreshCount(page);
    await page.selectOption('#side', 'chongqing');
    await nextRefresh(page, count);
    expect(new URL(page.url()).search).toBe('?period=2021h1&side=chongqing');

    await page.reload();
    await nextRefresh(page, 0);
    expect(await page.inputValue('#period')).toBe('2021h1');
    expect(await page.inputValue('#side')).toBe('chongqing');
    // Opened on one side, the selector still offers every side by its name.
    await expect.poll(() => page.locator('#side option').allTextContents()).toEqual(['全部辖区（合计）', '四川省', '重庆市']);

    count = await refreshCount(page);
    await page.goBack();
    await nextRefresh(page, count);
    expect(new URL(page.url()).search).toBe('?period=2021h1');
    expect(await page.inputValue('#side')).toBe('');
    count = await refreshCount(page);
    await page.goBack();
    await nextRefresh(page, count);
    expect(new URL(page.url()).search).toBe('?period=last-quarter');
    expect(await page.inputValue('#period')).toBe('last-quarter');
    count = await refreshCount(page);
    await page.goBack();
    await nextRefresh(page, count);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.inputValue('#period')).toBe('year');

    // A custom period, shared as a link.
    const link = await open('?period=custom&from=2021-03-01&to=2021-06-30');
    expect(await link.page.isVisible('#period-from')).toBe(true);
    expect(link.sent().find((b) => b.operationName === 'DashboardFigures')!.variables['period']).toEqual({ from: '2021-03-01', to: '2021-06-30' });
    await link.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('progress against the joint office’s target for the figure, side and period: 完成 x%', async () => {
    const { page, context } = await open('?period=2021h1');
    const target = page.locator('article[data-field="crossAppointments"] .target');
    expect(await target.getAttribute('data-done')).toBe(String(56 / 112));
    expect(await target.textContent()).toContain('完成 50%');
    expect(await target.textContent()).toContain('目标 112 人（至2021年12月31日） · 年度目标');
    // No target for another figure, nor for a period that does not start with the target's.
    expect(await page.locator('article[data-field="problemsSolved"] .target').count()).toBe(0);
    await page.locator('article[data-field="crossAppointments"]').screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-target-card.png') });
    const count = await refreshCount(page);
    await page.selectOption('#side', 'sichuan');
    await nextRefresh(page, count);
    expect(await target.textContent()).toContain('完成 25%');
    const later = await open('?period=custom&from=2021-02-01&to=2021-06-30');
    expect(await later.page.locator('article[data-field="crossAppointments"] .target').count()).toBe(0);
    await later.context.close();
    await context.close();
  });

  test('refreshes itself every minute and when the tab is shown again; 数据截至 is each store’s own time', async () => {
    const { page, context, sent } = await open('?period=2021h1', { clock: true });
    const asked = () => sent().filter((b) => b.operationName === 'DashboardFigures').length;
    const before = asked();
    let count = await refreshCount(page);
    await page.clock.fastForward(59_000);
    expect(asked()).toBe(before);
    await page.clock.fastForward(2_000);
    await nextRefresh(page, count);
    expect(asked()).toBe(before + 1);

    count = await refreshCount(page);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await nextRefresh(page, count);
    expect(asked()).toBe(before + 2);

    const line = (await page.textContent('#data-as-of'))!;
    expect(line).toMatch(/^数据截至：四川 .+ · 重庆 .+ · 联合办公室 .+$/);
    // The stores' own times once the operation asks for them (dataAsOf); until then, 未提供 rather than the browser's clock.
    const asksAsOf = operations['DashboardFigures']!.document.includes('dataAsOf');
    const stamps = await page.locator('#data-as-of .as-of').evaluateAll((spans) => spans.map((s) => (s as HTMLElement).dataset.asOf ?? null));
    if (asksAsOf) {
      const answer = await gateway<FiguresAnswer>('DashboardFigures', { period: { from: '2021-01-01', to: '2021-06-30' }, sides: null, allSides: true });
      const expected = [...answer.jurisdictions!.map((s) => (s as { dataAsOf?: string }).dataAsOf), (answer.overview as { dataAsOf?: string }).dataAsOf];
      expect(stamps).toEqual(expected);
      expect(line).toMatch(/四川 (\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    } else {
      expect(stamps).toEqual([null, null, null]);
      expect(line).toContain('未提供');
    }
    await context.close();
  });

  test('同比, 环比 and 累计 on every card equal what the gateway answers for the comparison periods', async () => {
    // A year of seed 001 (two years have no 同比: the year before would be half their own days).
    const { page, context } = await open(`?period=custom&from=${SEED_YEAR.from}&to=${SEED_YEAR.to}`);
    const readings = await answersFor(SEED_YEAR);
    const shown = await page.$$eval('article.figure', (cards) =>
      cards.map((card) => ({
        field: (card as HTMLElement).dataset.field!,
        yearBefore: (card.querySelector('[data-compare="year-before"]') as HTMLElement).dataset.change!,
        before: (card.querySelector('[data-compare="before"]') as HTMLElement).dataset.change!,
        texts: [...card.querySelectorAll('.compare strong')].map((s) => s.textContent),
        cumulative: (card.querySelector('.cumulative-value data') as HTMLDataElement | null)?.value ?? null,
      })),
    );
    expect(shown.map((c) => c.field).sort()).toEqual(CARD_FIGURES.map((f) => f.name).sort());
    let compared = 0;
    for (const figure of CARD_FIGURES) {
      const values = cardValues(figure, { ...readings, side: null, period: SEED_YEAR });
      const card = shown.find((c) => c.field === figure.name)!;
      const [yearBefore, before] = [changeFrom(values.total, values.yearBefore), changeFrom(values.total, values.before)];
      expect(card.yearBefore, figure.name).toBe(yearBefore === null ? '' : String(yearBefore));
      expect(card.before, figure.name).toBe(before === null ? '' : String(before));
      // A standing figure (新增) says the bases themselves, never a fall: 上年同期新增 56人, 上期新增 27人.
      // In the card's one unit (682.1亿元 beside 149.6亿元, never 6,821,000万元).
      const base = (reading: number | null | undefined) => (reading === null || reading === undefined ? '未上报' : formatFigure(reading, figure.unit, cardLargest(values)).replace(' ', ''));
      if (figure.standing) expect(card.texts, figure.name).toEqual([base(values.yearBefore), base(values.before)]);
      else if (yearBefore === null) expect(card.texts[0]).toBe('无可比数据');
      if (yearBefore !== null) compared += 1;
      if (values.cumulative !== null) expect(card.cumulative, figure.name).toBe(String(values.cumulative));
    }
    // The seed has records on both sides of 2021-07-01: some figures do compare.
    expect(compared).toBeGreaterThan(0);
    // 累计 counts every alliance founded up to the period's end, at least those founded within it.
    const alliances = readings.comparison.cumulative!.alliances;
    expect(alliances.total).toBeGreaterThanOrEqual(readings.figures.overview!.alliances.total);
    await context.close();
  });

  test('统计口径 on every figure, by tap and by keyboard; ratios are weighted means; every category, each figure once', async () => {
    const { page, context } = await open('?period=all', { viewport: { width: 390, height: 844 } });
    expect(await page.locator('#headline details.group').evaluateAll((d) => d.map((e) => (e as HTMLElement).dataset.category))).toEqual(CARD_CATEGORIES);
    expect(await page.locator('#headline .headline article.figure').evaluateAll((c) => c.map((e) => (e as HTMLElement).dataset.field))).toEqual([...HEADLINE]);
    // Seed 001's figures are among them, with what the gateway answers for all time.
    const all = await gateway<FiguresAnswer>('DashboardFigures', { period: { from: null, to: null }, sides: null, allSides: true });
    const shown = await shownFigures(page);
    for (const field of ['talentEvents', 'talentsRecruited', 'majorProjects', 'majorProjectInvestmentWan'] as FigureName[]) {
      expect(shown[field]!.total, field).toBe(String(all.overview!.total![field]));
    }

    // A tap on ⓘ opens the 口径, generated from the catalogue.
    const info = page.locator('article[data-field="pensionTransferPeople"] button.info');
    await info.tap();
    const popover = page.locator('#meaning-pensionTransferPeople');
    await expect.poll(() => popover.isVisible()).toBe(true);
    expect(await popover.locator('.basis').textContent()).toBe(definitionText('pensionTransferPeople'));
    expect(await popover.textContent()).toContain('单位人');
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-meaning-390x844.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.isVisible()).toBe(false);
    // The keyboard: focus ⓘ, Enter opens, Escape closes.
    await page.locator('article[data-field="incomePerHouseholdYuan"] button.info').focus();
    await page.keyboard.press('Enter');
    const ratio = page.locator('#meaning-incomePerHouseholdYuan');
    await expect.poll(() => ratio.isVisible()).toBe(true);
    expect(await ratio.textContent()).toContain('加权的平均数，不是各方之和');
    await page.keyboard.press('Escape');
    // The ratio's card says what its big number is; no card or legend calls it a sum.
    expect(await page.textContent('article[data-field="incomePerHouseholdYuan"] .total-label')).toBe('加权平均（按受益农户），非合计');
    expect(await page.textContent('#figures-legend')).toContain('比率类指标为加权平均');
    // The chart names 川渝通办 figures as their cards do, with the same unit (on a line of its own).
    await expect.poll(async () => (await page.locator('#cases-chart svg').textContent()) ?? '').toMatch(/养老保险关系转移\s*（人）/);
    expect(await fullWidth(page)).toBeLessThanOrEqual(390);
    // A side's name opens the records behind its part (the drill-through), for the page's period.
    const drill = 'article[data-field="crossAppointments"] button.drill[data-drill="sichuan"]';
    await page.locator(drill).tap();
    await expect.poll(() => page.locator('dialog#figure-records[open] #figure-records-title').textContent()).toBe('交叉任职村党组织委员：记录明细');
    // The cards are redrawn behind the open dialog (the tab shown again): closing it returns focus to
    // the same side's button of the card as redrawn.
    const opener = await page.locator(drill).elementHandle();
    const count = await refreshCount(page);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await nextRefresh(page, count);
    expect(await opener!.evaluate((element) => element.isConnected)).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate((selector) => document.activeElement?.matches(selector), drill)).toBe(true);
    await context.close();
  });

  test('未上报 is not 0: a period with no records says so per category', async () => {
    const { page, context } = await open('?period=custom&from=2015-01-01&to=2015-01-31');
    const summaries = await page.locator('#headline details.group > summary').allTextContents();
    // The stores answered 0 for each category: no records, not 未上报 over cards that read 0.
    expect(summaries.every((s) => s.includes('本时间段无记录') && !s.includes('未上报'))).toBe(true);
    // The stores answered: zero, not 未上报, on each count; a ratio with no weight is 未上报.
    const shown = await shownFigures(page);
    expect(shown['crossAppointments']!.total).toBe('0');
    expect(shown['incomePerHouseholdYuan']!.total).toBe('');
    expect(shown['incomePerHouseholdYuan']!.totalText).toContain('未上报');
    expect(await page.textContent('article[data-field="jointSeminarSessions"] [data-compare="year-before"]')).toContain('无可比数据');
    // Cross-appointments stand: what was newly made in the year before is said, 0 of them, not a change.
    expect(await page.textContent('article[data-field="crossAppointments"] [data-compare="year-before"]')).toBe('上年同期新增 0人');
    await context.close();
  });

  test('dates typed the wrong way round: said in Chinese, and no figure of the period before stays on screen or on paper', async () => {
    const { page, context, sent } = await open('?period=2021h1');
    expect(await page.locator('#headline article[data-field]').count()).toBeGreaterThan(0);
    const asked = sent().length;
    const count = await refreshCount(page);
    await page.selectOption('#period', 'custom');
    await nextRefresh(page, count);
    await page.fill('#period-from', '2021-06-30');
    await page.fill('#period-to', '2021-01-01');
    await page.locator('#period-to').dispatchEvent('change');
    await page.waitForFunction(() => document.body.textContent?.includes('时间段有误'));
    expect(await page.locator('#headline article[data-field]').count()).toBe(0);
    expect(await page.textContent('#headline')).toContain('请更正时间段');
    // Nothing was asked of the gateway for the wrong period.
    const wrongWay = (r: { variables: Record<string, unknown> }) => JSON.stringify(r.variables.period) === JSON.stringify({ from: '2021-06-30', to: '2021-01-01' });
    expect(sent().slice(asked).filter(wrongWay)).toEqual([]);
    await context.close();
  });

  test('the trend by month or by quarter, and each chart saved as a PNG with a Chinese name', async () => {
    const { page, context, errors } = await open('?period=2021h2-2023h1');
    const months = page.locator('#trend-chart svg text', { hasText: /^\d{1,2}月/ });
    const quarters = page.locator('#trend-chart svg text', { hasText: /^\d季度/ });
    await expect.poll(() => months.count()).toBeGreaterThan(0);
    expect(await quarters.count()).toBe(0);
    await page.locator('.steps button[data-step="quarter"]').click();
    expect(await page.getAttribute('.steps button[data-step="quarter"]', 'aria-pressed')).toBe('true');
    await expect.poll(() => quarters.count()).toBeGreaterThan(0);
    expect(await months.count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.locator('#trend-chart').locator('xpath=..').locator('button.save-image').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('活动趋势_2021年7月1日至2023年6月30日.png');
    const path = join(RESULTS_DIRECTORY, 'dashboard-trend-chart.png');
    await file.saveAs(path);
    expect(execFileSync('file', ['-b', path]).toString()).toMatch(/^PNG image data, \d+ x \d+/);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('layouts: a laptop, a projector, a 4K wall screen rotating its categories and a phone; nothing wider than the screen', async () => {
    for (const [viewport, search] of [
      [{ width: 1366, height: 768 }, '?period=2021h1'],
      [{ width: 1920, height: 1080 }, '?period=2021h1'],
      [{ width: 390, height: 844 }, '?period=2021h1'],
      [{ width: 3840, height: 2160 }, '?period=2021h1&mode=wall'],
    ] as const) {
      const wall = search.includes('wall');
      const { page, context } = await open(search, { viewport, clock: wall });
      await page.waitForTimeout(400);
      expect(await fullWidth(page), `${viewport.width}`).toBeLessThanOrEqual(viewport.width);
      const name = `dashboard-page-${viewport.width}x${viewport.height}${wall ? '-wall' : ''}`;
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `${name}.png`) });
      if (!wall) await page.screenshot({ path: join(RESULTS_DIRECTORY, `${name}-full.png`), fullPage: true });
      if (wall) {
        // One category on air at a time, the next after 15 s; the key indicators stay.
        const onAir = () => page.getAttribute('#headline', 'data-on-air');
        expect(await onAir()).toBe(CARD_CATEGORIES[0]);
        expect(await page.locator('details.group:visible').count()).toBe(1);
        await page.clock.fastForward(15_000);
        await expect.poll(onAir).toBe(CARD_CATEGORIES[1]);
        expect(await page.isVisible('.group.headline')).toBe(true);
        expect(await page.isVisible('#alliances-heading')).toBe(false);
        // Large type: a card's big number at least 60 px high on the screen.
        expect((await page.locator('.group.headline .figure .total').first().boundingBox())!.height).toBeGreaterThanOrEqual(60);
        await page.screenshot({ path: join(RESULTS_DIRECTORY, `${name}-next.png`) });
      }
      await context.close();
    }
  });

  test('printed to PDF: an A4 report with title and period, no card or chart cut across pages', async () => {
    const { page, context } = await open('?period=2021h1');
    await page.waitForTimeout(400);
    // A marker at the top and at the bottom of every card and chart (test only): a box cut across two
    // pages puts its markers on different pages.
    await page.addStyleTag({
      content: `.figure::before, .chart-card::before { content: "[[S:" attr(data-mark) "]]"; font-size: 5px; color: #fff; display: block; }
                .figure::after, .chart-card::after { content: "[[E:" attr(data-mark) "]]"; font-size: 5px; color: #fff; display: block; }`,
    });
    const marks = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll<HTMLElement>('.figure, .chart-card')];
      boxes.forEach((box, i) => (box.dataset.mark = `m${i}`));
      return boxes.map((_, i) => `m${i}`);
    });
    // What to press is said on screen, and left out of a print (Ctrl+P, a PDF): nothing to press on paper.
    const hints = ['点 ⓘ 查看统计口径，点辖区名称查看记录明细', '点按或悬停查看确切数字'];
    for (const hint of hints) expect(await page.getByText(hint).isVisible(), hint).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const hint of hints) expect(await page.getByText(hint).isVisible(), hint).toBe(false);
    expect(await page.locator('#figures-legend').isVisible()).toBe(true);
    await page.emulateMedia({ media: null }); // page.pdf prints with the print media again
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const path = join(RESULTS_DIRECTORY, 'dashboard-2021h1.pdf');
    await writeFile(path, pdf);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toContain('遂潼邻聚党建 · 联合看板 · 数据报告');
    expect(text.replace(/\s+/g, '')).toContain('时间段：2021年上半年（2021年1月1日至2021年6月30日）');
    expect(text).toContain('打印日期');
    expect(text).toContain('数据截至');
    expect(text).not.toContain('保存图片');
    expect(text.replace(/\s+/g, '')).not.toContain('点按或悬停');
    expect(text.replace(/\s+/g, '')).not.toContain('查看统计口径');
    const pages = text.split('\f');
    const pageOf = (mark: string) => pages.findIndex((p) => p.includes(mark));
    for (const mark of marks) {
      expect(pageOf(`[[S:${mark}]]`), mark).toBeGreaterThanOrEqual(0);
      expect(pageOf(`[[E:${mark}]]`), mark).toBe(pageOf(`[[S:${mark}]]`));
    }
    execFileSync('pdftoppm', ['-png', '-r', '50', path, join(RESULTS_DIRECTORY, 'dashboard-2021h1-pdf')]);
    await context.close();
  });
});
