import { join } from 'node:path';
import { mintDevToken } from '@linju/gateway/devKeys';
import { skipWithoutChromium } from '@linju/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ledgerKind } from '../../ledger/src/kinds/index.ts';
import { RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { startDashboardWithDocuments, type DashboardWithDocuments } from './support/dashboardWithDocuments.ts';
import { nextRefresh } from './support/readPage.ts';

/**
 * The dashboard under a finger: on a phone (a coarse pointer) every control a clerk taps (buttons,
 * inputs, selects, the period's presets and dates, a category's heading, the names that open records
 * or an alliance, the import's 下载导入结果) is at least 44 px tall (Apple's 44 pt; Material's 48 dp), where
 * the page's 14 px type made them about 34 px, and the page is still no wider than the screen.
 */

/** The least height of a control under a finger, in CSS pixels. */
const TOUCH = 44;

let running: DashboardWithDocuments;

const ACTIVITIES = ledgerKind('activities');

/** A live organization of 安居区 itself, with a name no other shares: the organizer of the row imported. */
async function anjuOrganization(): Promise<string> {
  const { rows } = await running.federation.subgraphs['sichuan']!.pool.query<{ name: string }>(
    `SELECT o.name FROM organization o JOIN region r ON r.id = o.region_id
     WHERE r.code = '510904' AND o.dissolved_on IS NULL AND o.founded_on < '2024-01-01'
       AND (SELECT count(*) FROM organization p WHERE p.name = o.name) = 1
     ORDER BY o.name LIMIT 1`,
  );
  return rows[0]!.name;
}

/**
 * The controls shown (within the page, not hidden) that are shorter than a finger needs: each named by
 * its tag, class and text with its height. A checkbox is tapped through its label: the label's box counts.
 */
function shortTargets(page: Page, within = 'body'): Promise<string[]> {
  return page.$eval(within, (root, least) => {
    const controls = root.querySelectorAll<HTMLElement>('button, input:not([type="hidden"]), select, textarea, summary, a[href], [role="button"]');
    return [...controls].flatMap((control) => {
      const input = control instanceof HTMLInputElement && /^(checkbox|radio)$/.test(control.type);
      const label = control.closest('label') ?? (control.id ? document.querySelector<HTMLElement>(`label[for="${control.id}"]`) : null);
      const target = input ? (label ?? control) : control;
      const box = target.getBoundingClientRect();
      const shown = box.width > 0 && box.height > 0 && getComputedStyle(target).visibility !== 'hidden' && box.bottom > -window.scrollY && box.right > 0;
      if (!shown || box.height >= least - 0.5) return [];
      const name = `${target.tagName.toLowerCase()}${target.className ? `.${String(target.className).replace(/ /g, '.')}` : ''}`;
      return [`${name} “${(target.textContent || (control as HTMLInputElement).placeholder || control.getAttribute('aria-label') || (control as HTMLInputElement).type || '').trim().slice(0, 16)}” ${box.height.toFixed(1)} px`];
    });
  }, TOUCH);
}

/** Each short control once (a card's side names repeat on every card). */
const kinds = (targets: readonly string[]) => [...new Set(targets)];

describe.skipIf(skipWithoutChromium('the touch targets'))('the dashboard under a finger', () => {
  beforeAll(async () => {
    running = await startDashboardWithDocuments();
  }, 300_000);
  afterAll(() => running?.stop());

  for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 740 }]) {
    test(`at ${viewport.width}×${viewport.height}, touch: every control an operator sees is at least ${TOUCH} px tall, in the page, the records and the alliance; nothing wider than the screen`, async () => {
      const { browser, origin, federation } = running;
      const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await context.newPage();
      // 安居区's operator: the period, the side, 登记活动, 台账导入, the documents and the alliance list.
      const token = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-district', '1h', { name: '陈刚', region: '510904' });
      await page.goto(`${origin}/dashboard/?period=2021h1#token=${token}`);
      await nextRefresh(page, 0);
      await page.locator('section.record-activity[data-ready="true"]').waitFor();
      await page.locator('section.ledger-import[data-ready="true"]').waitFor();
      await page.locator('#alliance-list button.link').first().waitFor();
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      // The custom period's dates shown too.
      await page.selectOption('#period', 'custom');
      await page.locator('#period-from').waitFor();
      expect(kinds(await shortTargets(page)), 'the page').toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      // Screens as the phone shows them (a full-page screenshot drew the controls at their fine-pointer height).
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `touch-targets-${viewport.width}-header.png`) });
      await page.selectOption('#period', '2021h1');
      await nextRefresh(page, 1);
      await page.locator('#headline').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `touch-targets-${viewport.width}-cards.png`) });

      // A row imported: its result's 下载导入结果 link and 撤销本次导入.
      const panel = page.locator('section.ledger-import[data-ready="true"]');
      const header = ACTIVITIES.columns.map((c) => c.header);
      const cells: Record<string, string> = { 类别: '座谈交流', 名称: `触屏${viewport.width}-${Date.now().toString(36)}`, 举办日期: '2024-03-01', 主办组织: await anjuOrganization(), 场次: '1', 人次: '12' };
      const csv = `\ufeff${header.join(',')}\r\n${header.map((h) => cells[h] ?? '').join(',')}`;
      await page.getByLabel('选择文件').setInputFiles({ name: '触屏.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await panel.getByRole('button', { name: '预览' }).click();
      await panel.locator('[data-outcome="previewed"]').waitFor();
      await panel.getByRole('button', { name: '确认导入' }).click();
      const imported = panel.locator('[data-outcome="imported"]');
      await imported.waitFor({ timeout: 120_000 });
      expect(await imported.getByRole('link', { name: /下载导入结果/ }).count()).toBe(1);
      expect(kinds(await shortTargets(page, 'section.ledger-import')), 'the import').toEqual([]);
      await imported.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `touch-targets-${viewport.width}-imported.png`) });

      // A side's name on a card opens its records; the records' names, pages and 关闭.
      await page.locator('.parts button.drill').first().click();
      const records = page.locator('dialog.figure-records[open]');
      await records.locator('button.link').first().waitFor();
      expect(kinds(await shortTargets(page, 'dialog.figure-records[open]')), 'the records').toEqual([]);
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `touch-targets-records-${viewport.width}.png`) });
      await page.keyboard.press('Escape');

      // An alliance's name opens its members and agreements.
      await page.locator('#alliance-list button.link').first().click();
      await page.locator('#alliance-detail[open]').waitFor();
      await page.locator('#alliance-detail .detail-body h3').first().waitFor();
      expect(kinds(await shortTargets(page, '#alliance-detail')), 'the alliance').toEqual([]);
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `touch-targets-alliance-${viewport.width}.png`) });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await context.close();
    });
  }

  test('with a mouse (a fine pointer) the laptop page keeps its controls as they were', async () => {
    const { browser, origin } = running;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}/dashboard/?period=2021h1`);
    await nextRefresh(page, 0);
    expect(await page.evaluate(() => matchMedia('(pointer: fine)').matches)).toBe(true);
    const heights = await page.$$eval('#period, #wall-button, .steps button', (controls) => controls.map((c) => Math.round(c.getBoundingClientRect().height)));
    expect(heights.length).toBeGreaterThan(2);
    for (const height of heights) expect(height).toBeLessThan(TOUCH);
    await context.close();
  });
});
