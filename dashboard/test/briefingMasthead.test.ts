import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { skipWithoutChromium } from '@linju/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { zipMember } from '../../ledger/test/zipMember.ts';
import { RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { startDashboardWithDocuments, type DashboardWithDocuments } from './support/dashboardWithDocuments.ts';
import { nextRefresh } from './support/readPage.ts';

/**
 * The 简报 panel's 期数 and 印发单位 on a phone, as a clerk of the joint office makes the briefing:
 * the real gateway passing `/documents/` to a real documents server over real stores, Debian's
 * Chromium. A bad 期数 is said beside its field and nothing is asked; 第7期 and the office typed are
 * printed in the Word document downloaded; the fields keep what was typed for the tab's session.
 */

const OFFICE = '中共遂宁市委组织部';

let running: DashboardWithDocuments;

/** The text of a docx's body, its runs joined. */
const documentText = (docx: Buffer) => [...zipMember(docx, 'word/document.xml').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');

describe.skipIf(skipWithoutChromium('the dashboard briefing'))('the briefing’s 期数 and 印发单位 from the dashboard', () => {
  beforeAll(async () => {
    running = await startDashboardWithDocuments();
  }, 300_000);
  afterAll(() => running?.stop());

  test('a bad 期数 is said beside its field, nothing asked; 第7期 and the office typed are in the Word document; the tab keeps them', async () => {
    const { browser, origin } = running;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const asked: string[] = [];
    page.on('request', (request) => request.url().includes('/documents/report') && asked.push(request.url()));
    await page.goto(`${origin}/dashboard/?period=2021h1`);
    await nextRefresh(page, 0);

    const panel = page.locator('section[aria-labelledby="briefing-heading"]');
    const issue = panel.getByLabel('期数');
    const office = panel.getByLabel('印发单位');
    // Optional, each with its default shown.
    expect(await issue.getAttribute('placeholder')).toBe('1');
    expect(await office.getAttribute('placeholder')).toBe('遂潼联合办公室');
    expect(await panel.locator('label').allTextContents()).toEqual(['期数（可选）', '印发单位（可选）']);

    // 第0期 is no issue: said beside the field and in the panel's line, the field focused; no briefing asked for.
    await issue.fill('0');
    await panel.getByRole('button', { name: '生成简报（Word）' }).click();
    await expect.poll(() => panel.locator('.documents-status').textContent()).toBe('期数“0”应为 1 至 9999 的整数。');
    expect(await issue.getAttribute('aria-invalid')).toBe('true');
    expect(await panel.locator('.field-problem:not([hidden])').allTextContents()).toEqual(['期数“0”应为 1 至 9999 的整数']);
    expect(await issue.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(asked).toEqual([]);
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-briefing-masthead-refused-390x844.png') });

    // 第7期 (typed as a Chinese input method types it) by 中共遂宁市委组织部: printed in the masthead and the closing rule.
    await issue.fill('７');
    expect(await issue.getAttribute('aria-invalid')).toBeNull();
    await office.fill(` ${OFFICE} `);
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await panel.getByRole('button', { name: '生成简报（Word）' }).click();
    const briefing = await download;
    expect(briefing.suggestedFilename()).toBe('2021年上半年工作简报.docx');
    const text = documentText(await readFile((await briefing.path())!));
    expect(text).toMatch(new RegExp(`党建联建工作简报第7期${OFFICE}\\d{4}年\\d+月\\d+日`));
    expect(text).toMatch(new RegExp(`。${OFFICE}\\d{4}年\\d+月\\d+日印发$`));
    expect(asked).toHaveLength(1);
    expect(new URL(asked[0]!).searchParams.get('issue')).toBe('７');

    // The fields sit within the phone's width, 期数 beside 印发单位 or above it, never cut.
    for (const field of [issue, office]) {
      const box = (await field.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-briefing-masthead-390x844.png') });

    // Opened again in the tab (a reload), the fields hold what was typed.
    await page.reload();
    await nextRefresh(page, 0);
    expect(await issue.inputValue()).toBe('７');
    expect(await office.inputValue()).toBe(` ${OFFICE} `);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
