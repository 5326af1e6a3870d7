import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { figureOf, SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDashboardBuilt, RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { layoutSettled, nextRefresh } from './support/readPage.ts';
import { WALL_ROTATE_MS } from '../src/view/wallMode.ts';

/**
 * The layout's edges QA found (the second pass): the wall screen at 本年, whose key indicators carry
 * the joint office's 2026 targets, showed one of 联盟与协议's six cards a turn, its panel drawn over the
 * footer, and with a side down 川渝通办's chart, below a banner across the screen, lost the first and
 * last bars' names; on paper 活动交流's one card was a 59 px column, the alliance list printed its search and
 * order, the signed-out page its 需要登录, and a side's name blue and underlined; on a phone the
 * records' dates broke (2021年6月29 / 日), at 320 px 辖区 stood alone at a line's end, and ⓘ opened
 * its 统计口径 mid-screen. Each is measured on the element boxes (screenshots `layout-*.png`).
 */

const A4_WIDTH = 703; // 210 mm less the 12 mm margins, in CSS px: the width the print stylesheet lays out
/** 本年 when the seed's targets (2026) apply: the key indicators' cards at their tallest. */
const IN_2026 = new Date('2026-12-07T04:00:00Z');

let federation: Federation;
let browser: Browser;
let origin: string;

async function open(search: string, viewport: { width: number; height: number }, options: { clock?: Date; touch?: boolean } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', hasTouch: options.touch ?? false, isMobile: options.touch ?? false });
  const page = await context.newPage();
  if (options.clock) await page.clock.install({ time: options.clock });
  await page.goto(`${origin}/dashboard/${search}`);
  await nextRefresh(page, 0);
  await layoutSettled(page); // the charts' entry animation over
  return { page, context };
}

/** The wall's turn on air, measured: its cards, where the figures' panel's room ends, and the footer. */
function wallTurn(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect();
    const zoom = Number.parseFloat(getComputedStyle(document.body).zoom) || 1;
    const panel = document.querySelector('section:has(> #headline)')!;
    const style = getComputedStyle(panel);
    const group = document.querySelector<HTMLElement>('details.group.on-air')!;
    const grid = group.querySelector('.cards')!;
    const shown = [...group.querySelectorAll<HTMLElement>('.figure')].filter((card) => box(card).height > 0);
    return {
      category: group.dataset.category!,
      continued: group.classList.contains('continued'),
      cards: shown.map((card) => card.dataset.field!),
      all: group.querySelectorAll('.figure').length,
      columns: getComputedStyle(grid).gridTemplateColumns.split(' ').length,
      rowGap: Number.parseFloat(getComputedStyle(grid).rowGap) * zoom,
      firstHeight: box(shown[0]!).height,
      bottom: Math.max(...shown.map((card) => box(card).bottom)),
      /** The panel's content box ends here: the cards have this much room. */
      room: box(panel).bottom - (Number.parseFloat(style.paddingBottom) + Number.parseFloat(style.borderBottomWidth)) * zoom,
      panelBottom: box(panel).bottom,
      footerTop: box(document.querySelector('footer')!).top,
    };
  });
}

/** A text's lines as laid out: how many distinct line tops its characters have. */
function linesOf(page: Page, selector: string) {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      return { text: element.textContent!.trim(), lines: tops.size };
    }),
  );
}

describe.skipIf(skipWithoutChromium('the layout edges’'))('the layout’s edges: wall screen, paper, phone', () => {
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

  for (const viewport of [{ width: 3840, height: 2160 }, { width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
    test(`wall at ${viewport.width}×${viewport.height}, 本年 with targets: each turn shows as many cards as fit, none over the panel's foot or the footer`, async () => {
      const { page, context } = await open('?mode=wall&period=year', viewport, { clock: IN_2026 });
      expect(await page.locator('.group.headline .target').count()).toBeGreaterThan(0);
      const turns = [await wallTurn(page)];
      for (let i = 0; i < 30; i++) {
        if (i === 0) await page.screenshot({ path: join(RESULTS_DIRECTORY, `layout-wall-year-${viewport.width}x${viewport.height}.png`) });
        await page.clock.fastForward(WALL_ROTATE_MS);
        const turn = await wallTurn(page);
        if (turn.category === turns[0]!.category && !turn.continued) break;
        turns.push(turn);
      }
      expect(turns.length).toBeGreaterThanOrEqual(8);
      turns.forEach((turn, i) => {
        const name = `${turn.category}${turn.continued ? '（续）' : ''}: ${turn.cards.join(', ')}`;
        // Nothing over the footer, no card past the panel's room (nor clipped there).
        expect(turn.panelBottom, name).toBeLessThanOrEqual(turn.footerTop + 0.5);
        expect(turn.bottom, name).toBeLessThanOrEqual(turn.room + 0.5);
        const next = turns[i + 1];
        if (next?.continued) {
          // Cards left for the next turn: this one's rows are full, and another row would not have fit.
          expect(turn.cards.length % turn.columns, `${name} (${turn.columns} a row)`).toBe(0);
          expect(turn.bottom + turn.rowGap + next.firstHeight, name).toBeGreaterThan(turn.room);
        }
      });
      // 联盟与协议's six cards fit one row: all on air in one turn (it showed one).
      expect(turns.find((t) => t.category === '联盟与协议')!.cards).toHaveLength(6);
      await context.close();
    });
  }

  test('大屏 on a phone (390×844, the wall’s link opened there): one column that scrolls, each chart its own height, no title over another', async () => {
    const { page, context } = await open('?mode=wall&period=2021h1', { width: 390, height: 844 }, { touch: true });
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'layout-wall-phone-390x844.png'), fullPage: true });
    const { cards, titles, scrollHeight, onAir, all } = await page.evaluate(() => {
      const box = (el: Element) => { const { top, bottom } = el.getBoundingClientRect(); return { top, bottom }; };
      const group = document.querySelector('details.group.on-air')!;
      return {
        cards: [...document.querySelectorAll('.chart-card')].map(box),
        titles: [...document.querySelectorAll('.chart-card figcaption')].map(box),
        scrollHeight: document.documentElement.scrollHeight,
        onAir: [...group.querySelectorAll('.figure')].filter((card) => card.getBoundingClientRect().height > 0).length,
        all: group.querySelectorAll('.figure').length,
      };
    });
    // Held to the screen's height, the three charts were squeezed into a box of a few pixels, their titles drawn over each other.
    expect(scrollHeight).toBeGreaterThan(844);
    for (const card of cards) expect(card.bottom - card.top).toBeGreaterThan(200);
    for (let i = 1; i < titles.length; i++) expect(titles[i]!.top).toBeGreaterThanOrEqual(titles[i - 1]!.bottom);
    // The category on air shows its cards together (below the first screen each had a turn of its own).
    expect(onAir).toBe(all);
    await context.close();
  });

  test('wall at 1920×1080 with a side down: the banner above the figures only, the charts keep their height and every bar its name', async () => {
    await federation.stopSubgraph('sichuan');
    try {
      const { page, context } = await open('?mode=wall&period=2021h1', { width: 1920, height: 1080 });
      await expect.poll(() => page.locator('#outage-banner').isVisible()).toBe(true);
      await layoutSettled(page); // the charts laid out again under the banner
      await page.screenshot({ path: join(RESULTS_DIRECTORY, 'layout-wall-side-down-1920x1080.png') });
      const drawn = await page.$$eval('#cases-chart svg text', (texts) => texts.map((t) => t.textContent!.trim()).join(''));
      for (const figure of SERVICE_CHART_FIGURES.map(figureOf)) expect(drawn).toContain(`${figure.label}（${figure.unit}）`);
      const [banner, charts, figures, footer] = await Promise.all(['#outage-banner', 'section:has(> #charts-heading)', 'section:has(> #headline)', 'footer'].map((s) => page.locator(s).boundingBox()));
      expect(charts!.y).toBeLessThan(banner!.y + banner!.height); // beside the banner, not below it
      expect(figures!.y).toBeGreaterThanOrEqual(banner!.y + banner!.height);
      expect(charts!.y + charts!.height).toBeLessThanOrEqual(footer!.y + 0.5);
      await context.close();
    } finally {
      await federation.startSubgraph('sichuan');
    }
  });

  test('on paper (A4): a category of one card beside another prints it at least a quarter of the page wide', async () => {
    const { page, context } = await open('?period=2021h1', { width: A4_WIDTH, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const widths = await page.$$eval('details.group', (groups) =>
      groups.map((group) => ({ category: (group as HTMLElement).dataset.category!, cards: [...group.querySelectorAll('.figure')].map((card) => card.getBoundingClientRect().width) })),
    );
    const single = widths.find((group) => group.category === '活动交流')!;
    expect(single.cards).toHaveLength(1);
    for (const group of widths) for (const width of group.cards) expect(width, group.category).toBeGreaterThanOrEqual(((A4_WIDTH - 3 * 8) / 4) * 0.99);
    // No word alone on a line: the card's name and its side's names each one line.
    const lines = await linesOf(page, 'details.group[data-category="活动交流"] .figure h4, details.group[data-category="活动交流"] .side-name');
    expect(lines.filter((l) => l.lines > 1)).toEqual([]);
    await page.emulateMedia({ media: null });
    const pdf = join(RESULTS_DIRECTORY, 'layout-print-anonymous.pdf');
    await writeFile(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    // Signed out, the list holds only what to do on screen (…需要访问令牌 here, …需要登录 with a sign-in): none of it on paper.
    expect(text).toContain('主要指标');
    expect(text).not.toMatch(/需要(登录|访问令牌)/);
    expect(text).not.toContain('党建联盟名单');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, join(RESULTS_DIRECTORY, 'layout-print-anonymous')]);
    await context.close();
  });

  test('on paper, signed in as the joint office: the alliance list without its search, kind and order or Tab’s instruction; a side’s name in the text’s colour', async () => {
    const { page, context } = await open(`?period=2021h1#token=${await federation.token('joint-operator')}`, { width: A4_WIDTH, height: 1000 });
    await expect.poll(() => page.locator('table.alliances tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.alliance-controls').isVisible()).toBe(true);
    const name = page.locator('.parts button.drill').first();
    const onScreen = await name.evaluate((el) => getComputedStyle(el).color);
    await page.emulateMedia({ media: 'print' });
    const printed = await name.evaluate((el) => ({ color: getComputedStyle(el).color, decoration: getComputedStyle(el).textDecorationLine, ink: getComputedStyle(el.closest('li')!).color }));
    expect(onScreen).not.toBe(printed.ink);
    expect(printed.color).toBe(printed.ink);
    expect(printed.decoration).toBe('none');
    expect(await page.locator('.alliance-controls').isVisible()).toBe(false);
    await page.emulateMedia({ media: null });
    const pdf = join(RESULTS_DIRECTORY, 'layout-print-joint-office.pdf');
    await writeFile(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain('党建联盟名单');
    expect(text.replace(/\s+/g, '')).toMatch(/共\d+个联盟/);
    for (const screenOnly of ['搜索', '排序', '全部类别', '按Tab键']) expect(text.replace(/\s+/g, ''), screenOnly).not.toContain(screenOnly);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(RESULTS_DIRECTORY, 'layout-print-joint-office')]);
    await context.close();
  });

  test('a 390 px phone: the records’ dates and headings each one line; at 320 px 辖区 beside its select', async () => {
    const { page, context } = await open(`?period=2021h1#token=${await federation.token('viewer')}`, { width: 390, height: 844 }, { touch: true });
    await page.locator('article[data-field="pensionTransferPeople"] .parts button.drill').first().click();
    const dialog = page.locator('dialog#figure-records');
    await expect.poll(() => dialog.locator('td.record-date').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'layout-records-390.png') });
    const cells = await linesOf(page, 'dialog#figure-records table.records thead th, dialog#figure-records td.record-date, dialog#figure-records td.record-measure');
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.filter((cell) => cell.lines !== 1)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();

    for (const width of [320, 360, 390]) {
      const narrow = await open('?period=2021h1', { width, height: 700 }, { touch: true });
      const [label, select] = await Promise.all(['label[for="side"]', '#side'].map((s) => narrow.page.locator(s).boundingBox()));
      // The label's middle within its select's height, on its left.
      expect(label!.y + label!.height / 2, `${width}`).toBeGreaterThan(select!.y);
      expect(label!.y + label!.height / 2, `${width}`).toBeLessThan(select!.y + select!.height);
      expect(label!.x + label!.width, `${width}`).toBeLessThanOrEqual(select!.x);
      // 2021年上半年 and 全部辖区（合计） read whole (two selects a line at 320 px cut both).
      for (const select of ['#period', '#side']) expect((await narrow.page.locator(select).boundingBox())!.width, `${width} ${select}`).toBeGreaterThan(120);
      if (width === 320) await narrow.page.screenshot({ path: join(RESULTS_DIRECTORY, 'layout-filters-320.png'), clip: { x: 0, y: 0, width, height: 320 } });
      await narrow.context.close();
    }
  });

  test('ⓘ opens its 统计口径 next to its card, within the screen', async () => {
    for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const { page, context } = await open('?period=2021h1', viewport, { touch: viewport.width < 600 });
      for (const field of ['alliancesTotal', 'collectiveSubsidyWan']) {
        const card = page.locator(`article[data-field="${field}"]`);
        await card.scrollIntoViewIfNeeded();
        await card.locator('button.info').click();
        const meaning = card.locator('.meaning');
        await expect.poll(() => meaning.isVisible()).toBe(true);
        const [info, panel] = await Promise.all([card.locator('button.info').boundingBox(), meaning.boundingBox()]);
        const name = `${field} at ${viewport.width}`;
        // Just below ⓘ (or just above it, where the screen has no room below), overlapping its column.
        const gap = Math.min(Math.abs(panel!.y - (info!.y + info!.height)), Math.abs(info!.y - (panel!.y + panel!.height)));
        expect(gap, name).toBeLessThan(16);
        expect(panel!.x, name).toBeLessThan(info!.x + info!.width);
        expect(panel!.x + panel!.width, name).toBeGreaterThan(info!.x);
        expect(panel!.x, name).toBeGreaterThanOrEqual(0);
        expect(panel!.x + panel!.width, name).toBeLessThanOrEqual(viewport.width);
        expect(panel!.y, name).toBeGreaterThanOrEqual(0);
        expect(panel!.y + panel!.height, name).toBeLessThanOrEqual(viewport.height);
        if (field === 'alliancesTotal') await page.screenshot({ path: join(RESULTS_DIRECTORY, `layout-info-${viewport.width}.png`) });
        await page.keyboard.press('Escape');
      }
      await context.close();
    }
  });
});
