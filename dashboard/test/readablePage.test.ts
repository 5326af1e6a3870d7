import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figureOf, SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt, RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { WALL_ROTATE_MS } from '../src/view/wallMode.ts';
import { CHART_OF_OTHER_PERIOD } from '../src/charts/chartTable.ts';
import { nextRefresh } from './support/readPage.ts';
import { watchPage } from './support/watchPage.ts';
import { installOwnPackage } from '../../scripts/installOwnPackage.ts';

/** What the test reads of an exceljs workbook (ledger/'s package, which the dashboard's typecheck may not have). */
interface ReadWorkbook {
  xlsx: { load(data: Buffer): Promise<unknown> };
  worksheets: { name: string; getSheetValues(): unknown[][] }[];
}

/**
 * What a person reads on the page, as QA found it wanting: a period from the API's first date
 * compares with nothing rather than leaking the gateway's error, every time on China's clock on a
 * UTC machine, no export an anonymous caller may not run, and charts legible on a phone, a laptop
 * and a wall screen (screenshots `readable-*.png`); and a wall screen is not scrolled: on a 4K screen (and a
 * 1080p projector) every card and chart on air lies within the screen, a category too long for the space
 * below the key indicators is shown a screenful at a time, every card of every category gets its turn,
 * and a banner (a store down) pushes nothing off the screen (screenshots `wall-*.png`).
 */

const PHONE = { width: 390, height: 844 };
/** The narrowest phone the joint office's staff carry. */
const SMALL_PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1366, height: 768 };
const WALL = { width: 2560, height: 1440 };
const WALL_4K = { width: 3840, height: 2160 };
const PROJECTOR = { width: 1920, height: 1080 };


let federation: Federation;
let browser: Browser;
let origin: string;

async function open(search: string, viewport = LAPTOP) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'UTC', hasTouch: viewport.width < 600 });
  const page = await context.newPage();
  const watched = watchPage(page);
  await page.goto(`${origin}/dashboard/${search}`);
  await nextRefresh(page, 0);
  return { page, context, ...watched };
}

/** The chart's texts as drawn (ECharts' SVG): each one's text and box, in page pixels. */
function chartTexts(page: Page, id: string) {
  return page.$$eval(`#${id} svg text`, (texts) =>
    texts
      .map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect().toJSON() as DOMRect }))
      .filter((t) => t.text.trim() && t.box.width > 0),
  );
}

/** The lines `name` is drawn in: the chart's consecutive texts that together read it (null: not drawn whole). */
async function linesOf(page: Page, id: string, name: string): Promise<string[] | null> {
  const texts = (await chartTexts(page, id)).map((t) => t.text);
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1, joined = texts[i]!; joined.length <= name.length && j <= texts.length; joined += texts[j++] ?? '') {
      if (joined === name) return texts.slice(i, j);
    }
  }
  return null;
}

/**
 * How each category's name may be drawn: whole on its line, or a long one broken between its words.
 * ECharts' own break at the label's width drew 新增跨省异地就 / 医定点医院, 养老保险关系转 / 移 and
 * 毗邻乡镇党建联 / 建 on a phone.
 */
const SENSIBLE_LINES: Readonly<Record<string, readonly string[][]>> = {
  新增跨省异地就医定点医院: [['新增跨省异地就医定点医院'], ['新增跨省异地', '就医定点医院']],
  养老保险关系转移: [['养老保险关系转移'], ['养老保险', '关系转移']],
};

const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

/** Pairs of a chart's texts drawn over each other (tick labels run together, value labels stacked). */
async function overlappingTexts(page: Page, id: string): Promise<string[]> {
  const texts = await chartTexts(page, id);
  const pairs: string[] = [];
  texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => overlap(a.box, b.box) && pairs.push(`${a.text} × ${b.text}`)));
  return pairs;
}

/** Texts drawn (partly) outside their chart's box. */
async function textsOutside(page: Page, id: string): Promise<string[]> {
  const box = (await page.locator(`#${id}`).boundingBox())!;
  return (await chartTexts(page, id)).filter(({ box: t }) => t.left < box.x - 1 || t.right > box.x + box.width + 1 || t.top < box.y - 1 || t.bottom > box.y + box.height + 1).map((t) => t.text);
}

/** The span of the value axis: from its first tick label to its last (numbers alone, as 0 and 600). */
async function valueAxisSpan(page: Page, id: string): Promise<number> {
  const ticks = (await chartTexts(page, id)).filter((t) => /^[\d,.]+万?$/.test(t.text.trim()));
  return Math.max(...ticks.map((t) => t.box.right)) - Math.min(...ticks.map((t) => t.box.left));
}

/** The activity trend's step labels as drawn, left to right: each month (3月) or quarter (2季度), and the year drawn under it. */
async function trendStepLabels(page: Page): Promise<{ step: string; year: string | null; x: number }[]> {
  const texts = await chartTexts(page, 'trend-chart');
  const centre = (box: DOMRect) => (box.left + box.right) / 2;
  const years = texts.filter((t) => /^\d{4}年$/.test(t.text.trim()));
  return texts
    .filter((t) => /^(\d{1,2}月|\d季度)$/.test(t.text.trim()))
    .map((t) => ({ step: t.text.trim(), year: years.find((y) => Math.abs(centre(y.box) - centre(t.box)) < 2 && y.box.top > t.box.top)?.text.trim() ?? null, x: centre(t.box) }))
    .sort((a, b) => a.x - b.x);
}

/**
 * What the trend's labels leave a reader unsure of: a label that starts a year (its month not after
 * the last one's) without naming it, the first label without a year, and a label drawn where its
 * step, read in the year named before it, does not lie (the steps evenly spaced from the first).
 */
function unnamedYears(labels: readonly { step: string; year: string | null; x: number }[]): string[] {
  const problems: string[] = [];
  const perYear = labels[0]?.step.endsWith('季度') ? 4 : 12;
  let year: number | null = null;
  let part = 0;
  const ordinals: number[] = [];
  for (const label of labels) {
    const number = Number.parseInt(label.step, 10);
    if (label.year) year = Number.parseInt(label.year, 10);
    else if (year === null || number <= part) problems.push(`${label.step} names no year (after ${part})`);
    part = number;
    ordinals.push((year ?? 0) * perYear + number - 1);
  }
  const perStep = (labels.at(-1)!.x - labels[0]!.x) / (ordinals.at(-1)! - ordinals[0]!);
  labels.forEach((label, i) => {
    if (Math.abs(labels[0]!.x + (ordinals[i]! - ordinals[0]!) * perStep - label.x) > 2) problems.push(`${label.step} drawn off its place (${label.year ?? ''})`);
  });
  return problems;
}

async function openWall(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${origin}/dashboard/?period=2021h1&mode=wall`);
  await nextRefresh(page, 0);
  await page.waitForTimeout(400); // the charts' entry animation
  return { page, context };
}

/** What is on air: the category, its cards shown, and anything shown that ends below the screen. */
function onAir(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => el.getBoundingClientRect().height > 0;
    const group = document.querySelector<HTMLElement>('details.group.on-air')!;
    const cards = [...group.querySelectorAll<HTMLElement>('.figure')].filter(visible).map((c) => c.dataset.field!);
    const boxes = [...document.querySelectorAll<HTMLElement>('.group.headline .figure, details.group.on-air .figure, .chart-card')].filter(visible);
    const below = boxes.filter((b) => b.getBoundingClientRect().bottom > innerHeight + 1).map((b) => b.dataset.field ?? b.querySelector('h3')?.textContent ?? b.className);
    const all = [...document.querySelectorAll<HTMLElement>('details.group .figure')].map((c) => c.dataset.field!);
    return { category: group.dataset.category!, cards, below, all };
  });
}

describe.skipIf(skipWithoutChromium('the readable page’s'))('what a person reads on the dashboard', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    await mkdir(RESULTS_DIRECTORY, { recursive: true });
    [federation, browser] = await Promise.all([startFederation({ registeredOperations: { only: true } }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('a period from the API’s first date: 无可比数据 for what cannot be compared (同比 of a period longer than a year says why), 累计 read, no raw error; 更新于 on China’s clock', async () => {
    const { page, context, requests, errors } = await open('?period=custom&from=1800-01-01&to=2021-06-30');
    const banner = page.locator('main > .banner');
    expect(await banner.isHidden(), await banner.textContent() ?? '').toBe(true);
    const alliances = page.locator('article[data-field="alliancesTotal"]');
    // Longer than a year: 同比 says why there is none, the legend as the briefing does; both are of 新增, beside 累计 (QA).
    expect(await alliances.locator('.compare').innerText()).toMatch(/新增同比\s*本期长于一年\s*新增环比\s*无可比数据/);
    expect(await page.locator('#figures-legend').innerText()).toContain('本期长于一年，与上年同期大部分重叠，不作同比。');
    expect(await alliances.innerText()).toMatch(/累计 \d+/);
    expect(await page.locator('main').innerText()).not.toContain('暂缺');
    // Nothing before 1800 was asked.
    const comparison = requests.filter((r) => r.url.endsWith('/graphql')).map((r) => JSON.parse(r.body!)).find((b) => b.operationName === 'DashboardComparison');
    expect(comparison.variables).toMatchObject({ yearBefore: null, before: null, skipYearBefore: true, skipBefore: true });
    // The browser runs in UTC; 更新于 reads China's clock (UTC+8), as 数据截至 does.
    const [, hours, minutes, seconds] = /更新于 (\d\d):(\d\d):(\d\d)/.exec((await page.textContent('.status'))!)!.map(Number);
    const china = (Date.now() / 1000 + 8 * 3600) % 86_400;
    const shown = hours! * 3600 + minutes! * 60 + seconds!;
    expect(Math.min(Math.abs(china - shown), 86_400 - Math.abs(china - shown))).toBeLessThan(120);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a period the API refuses is said in Chinese, never with the gateway’s message', async () => {
    const { page, context } = await open('?period=custom&from=1799-06-01&to=2021-06-30');
    const text = (await page.locator('main > .banner').innerText()).trim();
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/[A-Za-z]{3,}/);
    await context.close();
  });

  test('each chart’s 导出 holds what the chart draws: 川渝通办’s four figures with their units, 党建联盟（按类别）’s 新增 and 累计', async () => {
    // ledger/'s exceljs (installed as npm start installs it), loaded by a path tsc does not follow.
    const ledger = fileURLToPath(new URL('../../ledger/', import.meta.url));
    installOwnPackage(ledger, 'exceljs');
    const { Workbook } = createRequire(join(ledger, 'package.json'))('exceljs') as { Workbook: new () => ReadWorkbook };
    const { page, context } = await open('?period=2021h1');
    await page.waitForTimeout(500); // ECharts' 300 ms animation
    /** The chart's 导出 xlsx, opened: its file name and its rows (without exceljs' leading empty cell). */
    const exported = async (chart: string, what: string) => {
      const download = page.waitForEvent('download');
      await page.locator(`#${chart}`).locator('xpath=..').getByRole('button', { name: `${what}（导出 xlsx）` }).click();
      const file = await download;
      const workbook = new Workbook();
      await workbook.xlsx.load(await readFile((await file.path())!));
      const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean).map((row) => row.slice(1));
      return { name: file.suggestedFilename(), rows };
    };
    /** The values drawn at the bars' ends (570 人), in the order ECharts draws them: each series' bars in turn. */
    const barLabels = async (chart: string) => (await chartTexts(page, chart)).map((t) => t.text.trim()).filter((t) => /^[\d,.]+万? \S+$/.test(t));
    const number = (label: string) => Number(label.replace(/[,\s].*$|,/g, ''));

    const cases = await exported('cases-chart', '导出川渝通办');
    // Named and captioned as the chart's picture and the page's heading name the period.
    expect(cases.name).toBe('川渝通办_2021年1月1日至2021年6月30日.xlsx');
    expect(cases.rows[0]).toEqual(['川渝通办 2021年1月1日至2021年6月30日']);
    expect(cases.rows[1]).toEqual(['指标', '单位', '四川省', '重庆市']);
    const figures = SERVICE_CHART_FIGURES.map(figureOf);
    expect(cases.rows.slice(2).map((row) => row.slice(0, 2))).toEqual(figures.map((f) => [f.label, f.unit]));
    // Each side's bars (a series each) read in the workbook's column of that side, with the figure's unit.
    const drawnCases = await barLabels('cases-chart');
    expect(drawnCases).toHaveLength(8);
    const workbookCases = [2, 3].flatMap((column) => cases.rows.slice(2).map((row) => `${row[column]} ${row[1]}`));
    expect(drawnCases.map((label) => `${number(label)} ${label.split(' ')[1]}`)).toEqual(workbookCases);

    const kinds = await exported('kinds-chart', '导出党建联盟（按类别）');
    expect(kinds.rows[1]).toEqual(['类别', '新增（本时间段成立）（个）', '累计（截至期末）（个）']);
    const drawnKinds = (await chartTexts(page, 'kinds-chart')).map((t) => t.text.trim());
    for (const [kind] of kinds.rows.slice(2)) expect(drawnKinds).toContain(kind);
    const workbookKinds = [1, 2].flatMap((column) => kinds.rows.slice(2).map((row) => `${row[column]} 个`));
    expect((await barLabels('kinds-chart')).map((label) => `${number(label)} 个`)).toEqual(workbookKinds);

    const trend = await exported('trend-chart', '导出活动趋势');
    expect(trend.rows[1]).toEqual(['月份', '四川省（项）', '重庆市（项）']);
    expect(trend.rows.slice(2).map((row) => row[0])).toEqual(['2021年1月', '2021年2月', '2021年3月', '2021年4月', '2021年5月', '2021年6月']);

    // Another period chosen and its figures not read yet: the charts still show 2021年上半年, so their
    // 导出 is refused, never the old figures under the new period's name.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/graphql', async (route) => {
      await held;
      await route.abort();
    });
    await page.selectOption('#period', 'all');
    const trendExport = page.locator('#trend-chart').locator('xpath=..').getByRole('button', { name: '导出活动趋势（导出 xlsx）' });
    await trendExport.click();
    await expect.poll(() => page.locator('.documents-status').textContent()).toBe(CHART_OF_OTHER_PERIOD);
    // The gateway unreachable: the charts and their 导出 are left out until the period is read (showNoFigures).
    answer();
    await expect.poll(() => trendExport.isVisible()).toBe(false);
    expect(await page.textContent('#headline')).toContain('尚未读到所选时间段和辖区的指标');
    await context.close();
  }, 180_000);

  test('signed out, no 导出 of the alliance list (it needs a token); the public figure tables keep theirs', async () => {
    const { page, context } = await open('?period=2021h1');
    const allianceExport = page.locator('[aria-label="导出联盟名单（导出 xlsx）"]');
    expect(await allianceExport.count()).toBe(1);
    expect(await allianceExport.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '导出主要指标（导出 xlsx）' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '导出川渝通办（导出 xlsx）' }).isVisible()).toBe(true);
    await context.close();
    // With a token the list and its export are there.
    const viewer = await open(`?period=2021h1#token=${await federation.token('viewer')}`);
    expect(await viewer.page.getByRole('button', { name: '导出联盟名单（导出 xlsx）' }).isVisible()).toBe(true);
    await viewer.context.close();
  });

  test('a chart drawn on a laptop is laid out again when the page narrows to a phone (turned, resized)', async () => {
    const { page, context } = await open('?period=all', LAPTOP);
    await page.waitForTimeout(500);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(800); // the resize, the new layout and its animation
    for (const id of ['trend-chart', 'cases-chart', 'kinds-chart']) {
      expect(await overlappingTexts(page, id), id).toEqual([]);
      expect(await textsOutside(page, id), id).toEqual([]);
    }
    // Laid out as if opened on the phone: the same value ticks (chosen from the width), the same wrapped names.
    const layout = async (p: typeof page) => (await chartTexts(p, 'cases-chart')).map((t) => t.text.trim()).filter((t) => !/ /.test(t)).sort();
    const phone = await open('?period=all', PHONE);
    await phone.page.waitForTimeout(500);
    expect(await layout(page)).toEqual(await layout(phone.page));
    await phone.context.close();
    await context.close();
  });

  for (const [name, search, viewport] of [
    ['phone', '?period=all', PHONE],
    ['small phone', '?period=all', SMALL_PHONE],
    ['laptop', '?period=all', LAPTOP],
    ['wall', '?period=all&mode=wall', WALL],
  ] as const) {
    test(`the charts are legible on a ${name} (${viewport.width}×${viewport.height})`, async () => {
      const { page, context } = await open(search, viewport);
      await page.waitForTimeout(500); // ECharts' 300 ms animation
      await page.locator('#cases-chart').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `readable-${name}.png`), fullPage: name !== 'wall' });
      for (const id of ['trend-chart', 'cases-chart', 'kinds-chart']) {
        expect(await overlappingTexts(page, id), id).toEqual([]);
        expect(await textsOutside(page, id), id).toEqual([]);
      }
      // Every bar's value is still there (none hidden to make room): two sides, four figures.
      expect((await chartTexts(page, 'cases-chart')).filter((t) => /^[\d,.]+万? [^\d\s]+$/.test(t.text.trim()))).toHaveLength(8);
      // And every bar's name, its lines in order, the unit last (a chart too short for them hid two of four on a 360×740 phone).
      const drawn = (chart: string) => chartTexts(page, chart).then((texts) => texts.map((t) => t.text.trim()).join(''));
      for (const figure of SERVICE_CHART_FIGURES.map(figureOf)) expect(await drawn('cases-chart')).toContain(`${figure.label}（${figure.unit}）`);
      for (const kind of ['毗邻乡镇党建联建', '毗邻村联村党组织', '产业链联合党组织']) expect(await drawn('kinds-chart')).toContain(kind);
      // Each name whole on a line, or broken between its words; never inside a word, never a character alone.
      for (const [id, names] of [['cases-chart', SERVICE_CHART_FIGURES.map((figure) => figureOf(figure).label)], ['kinds-chart', ['毗邻乡镇党建联建', '毗邻村联村党组织', '产业链联合党组织', '人才联盟']]] as const) {
        for (const name of names) expect(SENSIBLE_LINES[name] ?? [[name]], `${id}: ${name}`).toContainEqual(await linesOf(page, id, name));
      }
      // The value axis of 川渝通办 spans at least half its chart, and shows more than one tick.
      const width = (await page.locator('#cases-chart').boundingBox())!.width;
      expect(await valueAxisSpan(page, 'cases-chart')).toBeGreaterThan(width / 2);
      if (name === 'wall') {
        // The three charts take the wall screen's height beside the figures, rather than a third of it.
        const heights = await page.$$eval('.chart', (charts) => charts.map((c) => c.getBoundingClientRect().height));
        for (const height of heights) expect(height).toBeGreaterThan(viewport.height * 0.2);
        const bottom = await page.$eval('.charts', (c) => c.getBoundingClientRect().bottom);
        expect(bottom).toBeLessThanOrEqual(viewport.height);
        expect(bottom).toBeGreaterThan(viewport.height * 0.85);
      }
      await context.close();
    });
  }

  for (const viewport of [SMALL_PHONE, PHONE, LAPTOP]) {
    test(`at ${viewport.width} px the trend's first label of each year names the year, over seven years, two and three months, by month and by quarter`, async () => {
      for (const [name, search] of [['all', '?period=all'], ['two-years', '?period=2021h2-2023h1'], ['three-months', '?period=custom&from=2021-04-01&to=2021-06-30']] as const) {
        const { page, context } = await open(search, viewport);
        for (const step of name === 'three-months' ? ['month'] : ['month', 'quarter']) {
          if (step === 'quarter') await page.locator('button.step[data-step="quarter"]').click();
          await page.waitForTimeout(500); // ECharts' 300 ms animation
          const labels = await trendStepLabels(page);
          const shown = labels.map((l) => `${l.step}${l.year ? `/${l.year}` : ''}`).join(' ');
          expect(labels.length, `${name} by ${step}: ${shown}`).toBeGreaterThanOrEqual(name === 'all' && step === 'quarter' ? 2 : 3);
          expect(unnamedYears(labels), `${name} by ${step}: ${shown}`).toEqual([]);
          expect(await overlappingTexts(page, 'trend-chart'), `${name} by ${step}`).toEqual([]);
          expect(await textsOutside(page, 'trend-chart'), `${name} by ${step}`).toEqual([]);
          if (step === 'month') await page.locator('#trend-chart').screenshot({ path: join(RESULTS_DIRECTORY, `readable-trend-${name}-${viewport.width}.png`) });
        }
        await context.close();
      }
    });
  }

  test(`on a ${SMALL_PHONE.width} px phone a card breaks no side's name (四川 / 省) and leaves no character of a figure's name alone on its last line`, async () => {
    const { page, context } = await open('?period=2021h1', SMALL_PHONE);
    // Each text's lines as laid out: its characters grouped by the top of their box.
    const lines = await page.$$eval('article.figure', (cards) =>
      cards.flatMap((card) =>
        [card.querySelector('h4')!.firstChild!, ...[...card.querySelectorAll('.parts .side-name')].map((name) => name.firstChild!)].map((text) => {
          const range = document.createRange();
          const rows: string[] = [];
          let top: number | null = null;
          for (let i = 0; i < text.textContent!.length; i++) {
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const at = Math.round(range.getBoundingClientRect().top);
            if (at !== top) rows.push('');
            top = at;
            rows.push(rows.pop()! + text.textContent!.charAt(i));
          }
          return { field: (card as HTMLElement).dataset.field!, side: text.parentElement!.classList.contains('side-name'), rows };
        }),
      ),
    );
    expect(lines.filter((l) => l.side).length).toBeGreaterThan(40);
    expect(lines.filter((l) => l.side && l.rows.length > 1).map((l) => `${l.field}: ${l.rows.join(' / ')}`)).toEqual([]);
    expect(lines.filter((l) => !l.side && l.rows.length > 1 && l.rows.at(-1)!.length < 2).map((l) => `${l.field}: ${l.rows.join(' / ')}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SMALL_PHONE.width);
    await page.locator('[data-field="activityRoomAreaSqm"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'readable-small-phone-cards.png') });
    await context.close();
  });

  for (const [name, viewport] of [['4k', WALL_4K], ['projector', PROJECTOR]] as const) {
    test(`every card of every category on air in turn, each turn within the screen (${viewport.width}×${viewport.height})`, async () => {
      const { page, context } = await openWall(viewport);
      const seen = new Set<string>();
      const first = await onAir(page);
      let turn = first;
      for (let i = 0; i < 40; i++) {
        expect(turn.below, `${turn.category}: ${turn.cards.join(', ')}`).toEqual([]);
        expect(turn.cards.length, turn.category).toBeGreaterThan(0);
        for (const card of turn.cards) seen.add(card);
        if (i === 0) await page.screenshot({ path: join(RESULTS_DIRECTORY, `wall-${name}.png`) });
        await page.clock.fastForward(WALL_ROTATE_MS);
        turn = await onAir(page);
        if (turn.category === first.category && turn.cards[0] === first.cards[0]) break;
      }
      expect([...seen].sort()).toEqual([...new Set(first.all)].sort());
      await context.close();
    });
  }

  for (const viewport of [PROJECTOR, LAPTOP]) {
    test(`signed in as the joint office, the wall screen is not scrolled at ${viewport.width}×${viewport.height}: the footer and the charts within the screen`, async () => {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${origin}/dashboard/?period=2021h1&mode=wall#token=${await federation.token('joint-operator')}`);
      await nextRefresh(page, 0);
      await page.waitForTimeout(500); // the charts' entry animation
      const { height, below } = await page.evaluate(() => ({
        height: document.scrollingElement!.scrollHeight,
        below: [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().bottom > innerHeight + 1)
          .slice(0, 8)
          .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(el.getBoundingClientRect().top)}–${Math.round(el.getBoundingClientRect().bottom)}`),
      }));
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `wall-joint-office-${viewport.width}x${viewport.height}.png`) });
      expect(height, below.join('\n')).toBeLessThanOrEqual(viewport.height);
      await context.close();
    });
  }

  test('a store down: the banner takes a line, and the charts and the cards on air still end within the screen', async () => {
    await federation.stopSubgraph('chongqing');
    try {
      const { page, context } = await openWall(WALL_4K);
      await expect.poll(() => page.locator('#outage-banner').isVisible()).toBe(true);
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(RESULTS_DIRECTORY, 'wall-4k-chongqing-down.png') });
      for (const selector of ['.charts', '#chart-notes']) expect(await page.$eval(selector, (c) => c.getBoundingClientRect().bottom), selector).toBeLessThanOrEqual(WALL_4K.height);
      for (let i = 0; i < 12; i++) {
        const turn = await onAir(page);
        expect(turn.below, `${turn.category}: ${turn.cards.join(', ')}`).toEqual([]);
        await page.clock.fastForward(WALL_ROTATE_MS);
      }
      await context.close();
    } finally {
      await federation.startSubgraph('chongqing');
    }
  });
});
