import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { todayInChina } from '@linju/contract/todayInChina';
import { findDevAccount } from '@linju/identity/devAccounts';
import { signInOnProviderPage, skipWithoutChromium, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RATE_LIMITED_BODY } from '@linju/testing/haproxy';
import { ledgerKind } from '../../ledger/src/kinds/index.ts';
import { RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { startDashboardWithDocuments, type DashboardWithDocuments } from './support/dashboardWithDocuments.ts';
import { nextRefresh, refreshCount } from './support/readPage.ts';
import { sessionLapses, signedInOnClock, signInAgain } from './support/signedInOnClock.ts';

/**
 * The dashboard's documents as the 安居区 operator uses them on a phone: the real identity provider,
 * the real gateway passing `/documents/` to a real documents server, real stores, Debian's Chromium.
 * The operator signs in, previews a small ledger (a table of each row's status, the bad rows with
 * column and reason; nothing written), confirms it (the good rows written, the report workbook
 * offered), withdraws that import (撤销本次导入, with a reason: the rows it wrote leave the store and
 * the result workbook is offered), downloads an export of the alliance list and the
 * briefing of the period the page shows.
 */

const operator = findDevAccount('anju-district')!;
const ACTIVITIES = ledgerKind('activities');
/** What the 月日 test uses of an exceljs workbook (ledger/'s package, which the dashboard's typecheck may not have). */
interface TemplateWorkbook {
  getWorksheet(name: string): { getRow(n: number): { values: unknown[]; getCell(n: number): { numFmt: string; value: unknown } } } | undefined;
  xlsx: { writeBuffer(): Promise<ArrayBuffer> };
}
const PEOPLE = ledgerKind('people');
const ORGANIZATIONS = ledgerKind('organizations');

let running: DashboardWithDocuments;
let federation: Federation;
let browser: Browser;
let origin: string;

const sichuanRows = async <T>(sql: string, values: unknown[] = []) => (await federation.subgraphs['sichuan']!.pool.query(sql, values)).rows as T[];

/** A live organization of 安居区 itself (its district level), founded before 2024, with a name no other shares. */
async function anjuOrganization(): Promise<string> {
  const [row] = await sichuanRows<{ name: string }>(
    `SELECT o.name FROM organization o JOIN region r ON r.id = o.region_id
     WHERE r.code = $1 AND o.dissolved_on IS NULL AND o.founded_on < '2024-01-01'
       AND (SELECT count(*) FROM organization p WHERE p.name = o.name) = 1
     ORDER BY o.name LIMIT 1`,
    [operator.region],
  );
  return row!.name;
}

/** A live 党委 of 安居区's 磨溪镇 with a name no other shares: a committee may lead another (parent-kind). */
async function anjuTownCommittee(): Promise<string> {
  const [row] = await sichuanRows<{ name: string }>(
    `SELECT o.name FROM organization o JOIN region r ON r.id = o.region_id JOIN region d ON d.id = r.parent_id
     WHERE d.code = $1 AND r.name = '磨溪镇' AND o.kind = '党委' AND o.dissolved_on IS NULL AND o.founded_on < '2024-01-01'
       AND (SELECT count(*) FROM organization p WHERE p.name = o.name) = 1
     ORDER BY o.name LIMIT 1`,
    [operator.region],
  );
  return row!.name;
}

const activitiesTitled = async (prefix: string) => (await sichuanRows<{ n: string }>('SELECT count(*) AS n FROM activity WHERE title LIKE $1', [`${prefix}%`]))[0]!.n;

/**
 * Imports `count` 座谈交流 rows of 安居区 titled `<tag>-<n>` through the signed-in page's panel (a CSV
 * named `name`, previewed then confirmed) and answers the panel and its result box.
 */
async function importRows(page: Page, name: string, tag: string, count: number, whileImporting?: () => Promise<void>) {
  const panel = page.locator('section.ledger-import[data-ready="true"]');
  await panel.waitFor();
  const org = await anjuOrganization();
  const header = ACTIVITIES.columns.map((c) => c.header);
  const lines = Array.from({ length: count }, (_, n) => {
    const cells: Record<string, string> = { 类别: '座谈交流', 名称: `${tag}-${n}`, 举办日期: '2024-03-01', 主办组织: org, 场次: '1', 人次: '12' };
    return header.map((h) => cells[h] ?? '').join(',');
  });
  await page.getByLabel('选择文件').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${[header.join(','), ...lines].join('\r\n')}`, 'utf8') });
  await panel.getByRole('button', { name: '预览' }).click();
  await panel.locator('[data-outcome="previewed"]').waitFor();
  await panel.getByRole('button', { name: '确认导入' }).click();
  await whileImporting?.();
  const imported = panel.locator('[data-outcome="imported"]');
  await imported.waitFor({ timeout: 120_000 });
  return { panel, imported };
}

async function signedInOnPhone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${origin}/dashboard/`);
  await nextRefresh(page, 0);
  await page.click('#sign-in-button');
  await signInOnProviderPage(page, operator, `${origin}/dashboard/`);
  await nextRefresh(page, 0);
  await expect.poll(() => page.textContent('#token-state')).toContain(operator.name);
  return page;
}

describe.skipIf(skipWithoutChromium('the dashboard documents'))('import, export and the briefing from the dashboard', () => {
  beforeAll(async () => {
    running = await startDashboardWithDocuments({ identityProvider: true });
    ({ federation, browser, origin } = running);
  }, 300_000);
  afterAll(() => running?.stop());

  test('the 安居区 operator previews a ledger, confirms it, gets the report workbook, exports the alliance list and downloads the briefing', async () => {
    const page = await signedInOnPhone();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const panel = page.locator('section.ledger-import[data-ready="true"]');
    await panel.waitFor();
    expect(await page.getByLabel('台账类型').locator('option').allTextContents()).toContain(ACTIVITIES.label);

    // The template, as a clerk starts.
    const templateDownload = page.waitForEvent('download');
    await panel.getByRole('button', { name: '下载模板' }).click();
    expect((await templateDownload).suggestedFilename()).toBe('活动台账模板.xlsx');

    // A small ledger as a CSV: two good rows, one of a kind not in the vocabulary, one dated in the future.
    const tag = `看板台账${Date.now().toString(36)}`;
    const org = await anjuOrganization();
    const header = ACTIVITIES.columns.map((c) => c.header);
    const row = (kind: string, n: number, date: string) => {
      const cells: Record<string, string> = { 类别: kind, 名称: `${tag}-${n}`, 举办日期: date, 主办组织: org, 场次: '1', 人次: '12' };
      return header.map((h) => cells[h] ?? '').join(',');
    };
    const csv = [header.join(','), row('座谈交流', 1, '2024-03-01'), row('培训', 2, '2024/3/2'), row('聚餐', 3, '2024-03-03'), row('培训', 4, '2099-01-01')].join('\r\n');
    await page.getByLabel('选择文件').setInputFiles({ name: '安居区活动台账.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') });

    await panel.getByRole('button', { name: '预览' }).click();
    const previewed = panel.locator('[data-outcome="previewed"]');
    await previewed.waitFor();
    const statusOf = (outcome: typeof previewed) => outcome.locator('tbody tr[data-line]').evaluateAll((rows) => rows.map((r) => [Number((r as HTMLElement).dataset.line), (r as HTMLElement).dataset.status, r.children[3]!.textContent]));
    expect(await statusOf(previewed)).toEqual([[2, '已导入', ''], [3, '已导入', ''], [4, '错误', '类别'], [5, '错误', '举办日期']]);
    expect(await previewed.textContent()).toContain('将导入 2 行');
    expect(await previewed.textContent()).toMatch(/“聚餐”不在可选范围内/);
    expect(await activitiesTitled(tag)).toBe('0');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'ledger-import-preview-390x844.png') });

    await panel.getByRole('button', { name: '确认导入' }).click();
    const imported = panel.locator('[data-outcome="imported"]');
    await imported.waitFor();
    expect(await imported.locator('.ledger-summary').textContent()).toContain('已导入 2 行，已存在 0 行，错误 2 行');
    // Two rows refused: not the green of a file wholly imported, and the panel says what to do.
    expect(await imported.getAttribute('data-result')).toBe('partial');
    expect(await imported.textContent()).toContain('部分行未导入');
    expect(await activitiesTitled(tag)).toBe('2');
    const reportDownload = page.waitForEvent('download');
    await imported.getByRole('link', { name: /下载导入结果/ }).click();
    const report = await reportDownload;
    expect(report.suggestedFilename()).toBe('安居区活动台账.导入结果.xlsx');
    expect((await readFile((await report.path())!)).subarray(0, 2).toString()).toBe('PK');
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'ledger-import-done-390x844.png') });

    // 撤销本次导入: the wrong file's two written rows withdrawn again, with the reason the panel asks for.
    const openWithdraw = imported.getByRole('button', { name: '撤销本次导入' });
    const confirmWithdraw = imported.getByRole('button', { name: '确认撤销' });
    const reasonField = imported.getByLabel('撤销原因（必填）');
    const focused = (target: typeof openWithdraw) => target.evaluate((element) => element === document.activeElement);
    // Escape closes the form and gives the focus back to 撤销本次导入; so does 取消.
    await openWithdraw.click();
    expect(await focused(reasonField)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await confirmWithdraw.isVisible()).toBe(false);
    expect(await focused(openWithdraw), 'Escape gives the focus back').toBe(true);
    await openWithdraw.click();
    await imported.getByRole('button', { name: '取消' }).click();
    expect(await focused(openWithdraw), '取消 gives the focus back').toBe(true);
    await openWithdraw.click();
    expect(await imported.textContent()).toContain('撤销本次导入写入的 2 条记录');
    expect(await confirmWithdraw.isDisabled(), 'no reason yet').toBe(true);
    await reasonField.fill('   ');
    expect(await confirmWithdraw.isDisabled(), 'a blank reason').toBe(true);
    // A reason longer than the store keeps is said, not silently cut (no maxlength): nothing is sent.
    await reasonField.fill('错'.repeat(201));
    await confirmWithdraw.click();
    expect(await imported.getByRole('alert').textContent()).toContain('撤销原因至多 200 字（现有 201 字）');
    expect(await focused(reasonField)).toBe(true);
    expect(await activitiesTitled(tag)).toBe('2');
    // A reason the store refuses (a zero-width space within): said, nothing withdrawn, the focus on 确认撤销 (not the page's body).
    await reasonField.fill('导入了\u200b错误的文件');
    await confirmWithdraw.click();
    await imported.locator('[data-outcome="withdraw-refused"]').waitFor();
    expect(await focused(confirmWithdraw), 'the focus after a refusal').toBe(true);
    expect(await activitiesTitled(tag)).toBe('2');
    await reasonField.fill('导入了错误的文件');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'ledger-withdraw-reason-390x844.png') });
    const beforeWithdrawal = await refreshCount(page);
    // Enter in 撤销原因 confirms.
    await reasonField.press('Enter');
    const withdrawn = imported.locator('[data-outcome="withdrawn"]');
    await withdrawn.waitFor();
    expect(await focused(withdrawn), 'the result takes the focus').toBe(true);
    expect(await withdrawn.locator('.ledger-summary').textContent()).toBe('已撤销本次导入：已撤销 2 行，此前已撤销 0 行，错误 0 行。');
    expect(await withdrawn.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [Number((r as HTMLElement).dataset.line), (r as HTMLElement).dataset.status]))).toEqual([[2, '已撤销'], [3, '已撤销']]);
    // Each withdrawn row says what it was (类别 · 名称), as the import's table beside it does.
    expect(await withdrawn.locator('thead th').allTextContents()).toEqual(['行号', '状态', '内容', '原因']);
    const contentOf = (table: typeof withdrawn, line: number) => table.locator(`tbody tr[data-line="${line}"] td`).nth(2).textContent();
    for (const line of [2, 3]) {
      const content = await contentOf(imported.locator('table.ledger-rows:not(.ledger-withdrawn-rows)'), line);
      expect(content, `line ${line}`).toContain(tag);
      expect(await withdrawn.locator(`tbody tr[data-line="${line}"] .ledger-content`).textContent()).toBe(content);
    }
    expect(await activitiesTitled(tag)).toBe('0');
    // The import's own result says so too: its two written rows now read 已撤销 (its refused rows as they
    // were), counted so, and its box is the grey of a withdrawn import, not a result to act on.
    const importTable = imported.locator('table.ledger-rows:not(.ledger-withdrawn-rows)');
    expect(await importTable.locator('tbody tr[data-line]').evaluateAll((rows) => rows.map((r) => [Number((r as HTMLElement).dataset.line), (r as HTMLElement).dataset.status, r.children[1]!.textContent]))).toEqual([[2, '已撤销', '已撤销'], [3, '已撤销', '已撤销'], [4, '错误', '错误'], [5, '错误', '错误']]);
    expect(await imported.getAttribute('data-result')).toBe('withdrawn');
    expect(await imported.locator('.ledger-summary').first().textContent()).toMatch(/已导入 0 行，.*已撤销 2 行/);
    expect(await imported.locator('.ledger-advice').first().textContent()).toBe('本次导入写入的行已全部撤销，不再计入列表与统计。');
    expect(await imported.textContent()).not.toContain('部分行未导入');
    expect(await imported.evaluate((box) => getComputedStyle(box).backgroundColor)).toBe('rgb(247, 248, 250)');
    // The page's figures are read again, without the withdrawn rows.
    await nextRefresh(page, beforeWithdrawal);
    const resultDownload = page.waitForEvent('download');
    await withdrawn.getByRole('link', { name: /下载撤销结果/ }).click();
    expect((await resultDownload).suggestedFilename()).toBe('安居区活动台账.撤销结果.xlsx');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'ledger-withdrawn-390x844.png') });

    // A file of which nothing is written (its two bad rows alone) reads as a refusal, not as done.
    const bad = [header.join(','), row('聚餐', 5, '2024-03-03'), row('培训', 6, '2099-01-01')].join('\r\n');
    await page.getByLabel('选择文件').setInputFiles({ name: '安居区活动台账（更正）.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${bad}`, 'utf8') });
    await panel.getByRole('button', { name: '预览' }).click();
    await previewed.waitFor();
    await panel.getByRole('button', { name: '确认导入' }).click();
    await imported.waitFor();
    expect(await imported.getAttribute('data-result')).toBe('none');
    expect(await imported.textContent()).toContain('未写入任何行');
    expect(await imported.evaluate((box) => getComputedStyle(box).backgroundColor)).toBe('rgb(253, 236, 234)');
    // Nothing written: nothing to withdraw.
    expect(await imported.getByRole('button', { name: '撤销本次导入' }).count()).toBe(0);
    expect(await activitiesTitled(tag)).toBe('0');
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'ledger-import-nothing-written-390x844.png') });

    // People cannot be withdrawn (the store refuses not-withdrawable): no 撤销本次导入 under their import, a note instead.
    const peopleHeader = PEOPLE.columns.map((c) => c.header);
    const person: Record<string, string> = { 姓名: `${tag}人员`, 所在组织: org };
    // 按台账更正已登记的人员 is offered for a people ledger only (the panel's display: flex once showed it hidden for activities).
    expect(await page.getByLabel('按台账更正已登记的人员').isVisible()).toBe(false);
    await page.getByLabel('台账类型').selectOption('people');
    expect(await page.getByLabel('按台账更正已登记的人员').isVisible()).toBe(true);
    // 按台账更正已登记的人员 is row by row only: offered with that mode alone (the server refused the pair with command-line words).
    const update = page.getByLabel('按台账更正已登记的人员');
    expect(await update.isEnabled()).toBe(true);
    await page.getByLabel('导入方式').selectOption('all-or-nothing');
    expect(await update.isDisabled()).toBe(true);
    await page.getByLabel('导入方式').selectOption('row-by-row');
    expect(await update.isEnabled()).toBe(true);
    await page.getByLabel('选择文件').setInputFiles({ name: '安居区人员台账.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${[peopleHeader.join(','), peopleHeader.map((h) => person[h] ?? '').join(',')].join('\r\n')}`, 'utf8') });
    await panel.getByRole('button', { name: '预览' }).click();
    await previewed.waitFor();
    await panel.getByRole('button', { name: '确认导入' }).click();
    await imported.waitFor();
    expect(await imported.locator('.ledger-summary').textContent()).toContain('已导入 1 行');
    expect(await imported.getByRole('button', { name: '撤销本次导入' }).count()).toBe(0);
    expect(await imported.locator('.ledger-not-withdrawable').textContent()).toMatch(/^人员与任职不能撤销登记：.*离任/);

    // A 党组织台账 whose branch names the committee listed below it: the preview cannot check the branch
    // (its committee is not written yet) and says so; the import writes the committee, then the branch under it.
    // Organizations are never withdrawn either: the server's note for them, not the people's.
    const orgHeader = ORGANIZATIONS.columns.map((c) => c.header);
    const orgRow = (cells: Record<string, string>) => orgHeader.map((h) => cells[h] ?? '').join(',');
    const branch = orgRow({ 组织名称: `${tag}党支部`, 组织类别: '党支部', 层级: '村', 上级党组织: `${tag}党委`, 所在行政区划: '磨溪镇', 成立日期: '2024-03-01' });
    const townCommittee = await anjuTownCommittee();
    const committee = orgRow({ 组织名称: `${tag}党委`, 组织类别: '党委', 层级: '乡镇', 上级党组织: townCommittee, 所在行政区划: '磨溪镇', 成立日期: '2024-02-01' });
    expect(await page.getByLabel('台账类型').locator('option').allTextContents()).toContain('党组织');
    await page.getByLabel('台账类型').selectOption('organizations');
    await page.getByLabel('选择文件').setInputFiles({ name: '安居区党组织台账.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${[orgHeader.join(','), branch, committee].join('\r\n')}`, 'utf8') });
    await panel.getByRole('button', { name: '预览' }).click();
    await previewed.waitFor();
    expect(await statusOf(previewed)).toEqual([[2, '未导入', '上级党组织'], [3, '已导入', '']]);
    expect(await previewed.textContent()).toContain('预检不写入，无法由系统检查本行');
    // Said once beside the counts too (the server's uncheckedNote): a tree of hundreds of branches is not read as hundreds of rows refused.
    expect(await previewed.locator('.ledger-unchecked').textContent()).toBe('第2行（共 1 行）的上级在本文件中，预检不写入，无法由系统检查；导入时先写入其上级，再写入并检查这些行。');
    await panel.getByRole('button', { name: '确认导入' }).click();
    await imported.waitFor();
    expect(await imported.locator('.ledger-summary').textContent()).toContain('已导入 2 行');
    expect(await imported.locator('.ledger-unchecked').count()).toBe(0);
    expect(await imported.getByRole('button', { name: '撤销本次导入' }).count()).toBe(0);
    expect(await imported.locator('.ledger-not-withdrawable').textContent()).toMatch(/^党组织不能撤销登记：.*撤并/);
    expect(await sichuanRows('SELECT o.name, p.name AS parent FROM organization o JOIN organization p ON p.id = o.parent_id WHERE o.name LIKE $1 ORDER BY o.name COLLATE "C"', [`${tag}%`])).toEqual([
      { name: `${tag}党委`, parent: townCommittee },
      { name: `${tag}党支部`, parent: `${tag}党委` },
    ]);
    await page.getByLabel('台账类型').selectOption('activities');

    // 生成简报 for the period the page shows (2021年上半年, chosen; the page opens on the current year), as Word.
    const shown = await refreshCount(page);
    await page.selectOption('#period', '2021h1');
    await nextRefresh(page, shown);
    // 导出 on the alliance list: a workbook named in Chinese, through the gateway with the operator's token.
    const exportDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出联盟名单（导出 xlsx）' }).click();
    const exported = await exportDownload;
    expect(exported.suggestedFilename()).toMatch(/联盟.*\.xlsx$/);
    expect((await readFile((await exported.path())!)).subarray(0, 2).toString()).toBe('PK');
    await expect.poll(() => page.textContent('.documents-status')).toContain('已下载');
    const briefingDownload = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: '生成简报（Word）' }).click();
    expect((await briefingDownload).suggestedFilename()).toBe('2021年上半年工作简报.docx');

    await page.locator('section[aria-labelledby="alliances-heading"]').screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-alliance-export-390x844.png') });
    await page.locator('section[aria-labelledby="charts-heading"]').screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-chart-export-390x844.png') });
    await page.locator('section[aria-labelledby="briefing-heading"]').screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-briefing-390x844.png') });
    expect(errors).toEqual([]);
  }, 180_000);

  test('导出联盟名单 holds the list: on 本年 every alliance standing by today; a period before the first alliance says so and offers every alliance instead, never an empty sheet', async () => {
    const page = await signedInOnPhone();
    const joint = async (sql: string, values: unknown[] = []) => (await federation.subgraphs['joint']!.pool.query<{ name: string }>(sql, values)).rows.map((r) => r.name);
    const exports = page.locator('.list-exports');
    /** The CSV the button downloads, as text. */
    const csvOf = async (button: string) => {
      const download = page.waitForEvent('download');
      await exports.getByRole('button', { name: button }).click();
      return (await readFile((await (await download).path())!)).toString('utf8');
    };
    const all = await joint('SELECT name FROM alliance ORDER BY name');
    expect(all.length).toBeGreaterThan(1);
    // The page opens on 本年, in which the joint office founded no alliance (the seed's are from the
    // report's years): the list and its export are of the alliances standing by today, every one of them.
    const today = todayInChina();
    expect(await joint('SELECT name FROM alliance WHERE founded_on >= $1', [`${today.slice(0, 4)}-01-01`])).toEqual([]);
    const standing = await joint('SELECT name FROM alliance WHERE founded_on <= $1', [today]);
    await expect.poll(() => page.locator('#alliance-list button[data-alliance]').count()).toBe(standing.length);
    expect(await exports.locator('.list-exports-all').isVisible()).toBe(false);
    const thisYear = await csvOf('导出联盟名单（导出 csv）');
    for (const name of all) expect(thisYear.includes(name), name).toBe(standing.includes(name));

    // 2021年上半年: those founded by its end, as the list shows them.
    let shown = await refreshCount(page);
    await page.selectOption('#period', '2021h1');
    await nextRefresh(page, shown);
    const byH1End = await joint(`SELECT name FROM alliance WHERE founded_on <= '2021-06-30'`);
    expect(byH1End.length).toBeGreaterThan(0);
    expect(byH1End.length).toBeLessThan(all.length);
    await expect.poll(() => page.locator('#alliance-list button[data-alliance]').count()).toBe(byH1End.length);
    const h1 = await csvOf('导出联盟名单（导出 csv）');
    for (const name of all) expect(h1.includes(name), name).toBe(byH1End.includes(name));

    // Before the first alliance: said before anything is pressed, and the export offered is of every alliance, closed ones included.
    shown = await refreshCount(page);
    await page.selectOption('#period', 'custom');
    await nextRefresh(page, shown);
    shown = await refreshCount(page);
    await page.fill('#period-from', '2019-01-01');
    await page.fill('#period-to', '2019-06-30');
    await page.dispatchEvent('#period-to', 'change');
    await expect.poll(() => page.textContent('#alliance-list'), { timeout: 15_000 }).toContain('截至2019年6月30日尚无党建联盟。');
    await expect.poll(() => exports.locator('.list-exports-all').isVisible()).toBe(true);
    // Said once, by the list: the export beside it says only what it offers instead.
    expect(await exports.textContent()).toContain('可导出全部联盟名单（含已结束的）');
    expect(await exports.textContent()).not.toMatch(/尚无|截至本期末/);
    expect((await page.locator('section[aria-labelledby="alliances-heading"]').textContent())!.split('尚无').length - 1).toBe(1);
    expect(await exports.getByRole('button', { name: '导出联盟名单（导出 csv）' }).isVisible()).toBe(false);
    const every = await csvOf('导出全部联盟名单（导出 csv）');
    for (const name of all) expect(every).toContain(name);
    await exports.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-alliance-export-none-390x844.png') });

    // The public proxy's rate limit on an export (429, HAProxy's body and Retry-After): said as such, with the wait, never 文档服务出错.
    await page.route((url) => url.pathname.endsWith('/documents/export'), (route) => route.fulfill({ status: 429, headers: { 'retry-after': '10' }, contentType: 'application/json; charset=utf-8', body: RATE_LIMITED_BODY }));
    await exports.getByRole('button', { name: '导出全部联盟名单（导出 csv）' }).click();
    await expect.poll(() => page.textContent('.documents-status'), { timeout: 15_000 }).toBe('导出全部联盟名单失败：请求过于频繁，未能完成，请稍等 10 秒后再试。');
    await page.context().close();
  }, 120_000);

  test('台账导入 across a session that lapses: the same operator, signed in again, finds 导入方式 and the preview as they were, and the same file chosen again is imported without a new preview', async () => {
    const { context, page } = await signedInOnClock(browser, origin, operator);
    const issuer = federation.identity!.issuer;
    const panel = page.locator('section.ledger-import[data-ready="true"]');
    await panel.waitFor();
    const tag = `过期导入${Date.now().toString(36)}`;
    const org = await anjuOrganization();
    const header = ACTIVITIES.columns.map((c) => c.header);
    const line = (n: number) => header.map((h) => ({ 类别: '座谈交流', 名称: `${tag}-${n}`, 举办日期: '2024-03-01', 主办组织: org, 场次: '1', 人次: '12' } as Record<string, string>)[h] ?? '').join(',');
    // A file on disk, as a clerk's is: chosen again, its name, size and last change are the same.
    const file = join(await mkdtemp(join(tmpdir(), 'linju-ledger-')), '安居区过期台账.csv');
    await writeFile(file, `\ufeff${[header.join(','), line(1), line(2)].join('\r\n')}`, 'utf8');
    await page.getByLabel('导入方式').selectOption('all-or-nothing');
    await page.getByLabel('选择文件').setInputFiles(file);
    await panel.getByRole('button', { name: '预览' }).click();
    await panel.locator('[data-outcome="previewed"]').waitFor();

    // The provider unreachable until the token expires on the page's clock: signed out, the panel gone.
    await sessionLapses(context, page, issuer);
    await expect.poll(() => page.isVisible('#ledger-import')).toBe(false);

    // The provider's own session is still open: 登录 asks no password and comes straight back.
    await signInAgain(context, page, issuer, origin);
    await panel.waitFor();
    const restored = panel.locator('[data-outcome="restored"]');
    expect(await restored.textContent()).toContain('“安居区过期台账.csv”');
    expect(await page.getByLabel('导入方式').inputValue()).toBe('all-or-nothing');
    const previewed = panel.locator('[data-outcome="previewed"]');
    expect(await previewed.textContent()).toContain('将导入 2 行');
    expect(await activitiesTitled(tag)).toBe('0');
    await panel.screenshot({ path: join(RESULTS_DIRECTORY, 'ledger-import-restored.png') });
    // The browser kept no file: 确认导入 waits for it, and the same file, chosen again, needs no new preview.
    const confirm = panel.getByRole('button', { name: '确认导入' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('选择文件').setInputFiles(file);
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await panel.locator('[data-outcome="imported"]').waitFor();
    expect(await activitiesTitled(tag)).toBe('2');
    expect(await restored.count()).toBe(0);
    // Imported: nothing of it is kept in the tab.
    expect(await page.evaluate(() => sessionStorage.getItem('linju.dashboard.importDraft'))).toBeNull();
    await context.close();
  }, 180_000);

  test('a clerk’s 人员台账 without some optional columns: the preview says which, and it is never kept in the tab’s storage (personal data on a shared laptop); its choices are', async () => {
    const page = await signedInOnPhone();
    const panel = page.locator('section.ledger-import[data-ready="true"]');
    await panel.waitFor();
    const idCardNumber = '11010519491231002X';
    // A clerk's own ledger: four of the kind's columns, the others left out (read as blank, and said so).
    const header = ['姓名', '所在组织', '公民身份号码', '联系电话'];
    const cells: Record<string, string> = { 姓名: '测试人员', 所在组织: await anjuOrganization(), 公民身份号码: idCardNumber, 联系电话: '13800138000' };
    await page.getByLabel('台账类型').selectOption({ label: PEOPLE.label });
    await page.getByLabel('选择文件').setInputFiles({ name: '安居区人员.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${header.join(',')}\r\n${header.map((h) => cells[h] ?? '').join(',')}`, 'utf8') });
    await panel.getByRole('button', { name: '预览' }).click();
    await panel.locator('[data-outcome="previewed"]').waitFor();
    expect(await panel.locator('[data-outcome="previewed"] .ledger-absent-columns').textContent()).toMatch(/^文件中没有“性别”、“出生日期”、“住址”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）。$/);
    const kept = await page.evaluate(() => sessionStorage.getItem('linju.dashboard.importDraft'));
    expect(kept).toContain('安居区人员.csv');
    expect(kept).toContain('"people"');
    expect(kept).not.toContain(idCardNumber);
    expect(kept).not.toContain('13800138000');
    await page.context().close();
  }, 120_000);

  test('a ledger whose 举办日期 cells show 月日 only (3月12日 typed into Excel): the preview says which rows, and the year they are read with', async () => {
    const page = await signedInOnPhone();
    const panel = page.locator('section.ledger-import[data-ready="true"]');
    await panel.waitFor();
    // Loaded here, once beforeAll has installed ledger/'s exceljs, and by a specifier tsc does not
    // follow: the dashboard's typecheck may run before anything has installed it (as in CI).
    const templateModule = fileURLToPath(new URL('../../ledger/src/ledgerTemplate.ts', import.meta.url));
    const { ledgerTemplate } = (await import(templateModule)) as { ledgerTemplate: (kind: typeof ACTIVITIES) => TemplateWorkbook };
    const workbook = ledgerTemplate(ACTIVITIES);
    const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
    const organizer = await anjuOrganization();
    const date = ACTIVITIES.columns.findIndex((c) => c.header === '举办日期') + 1;
    // Rows 3 and 5 typed 3月13日 and 3月15日 in 2025 (the year Excel keeps and does not show); rows 2 and 4 with their year shown.
    // And a 备注 column, as almost every clerk's ledger has: read as nothing, said once (remarkColumnsNote).
    const remark = ACTIVITIES.columns.length + 1;
    sheet.getRow(1).getCell(remark).value = '备注';
    for (const [i, numFmt] of ['yyyy-mm-dd', 'm"月"d"日"', 'yyyy-mm-dd', 'm"月"d"日"'].entries()) {
      const row = sheet.getRow(i + 2);
      row.values = ['座谈交流', `月日台账${i + 2}`, new Date(Date.UTC(2025, 2, 12 + i)), organizer, 1, 10];
      row.getCell(date).numFmt = numFmt;
      row.getCell(remark).value = '已报镇党委';
    }
    await page.getByLabel('台账类型').selectOption({ label: ACTIVITIES.label });
    await page.getByLabel('选择文件').setInputFiles({ name: '月日台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
    await panel.getByRole('button', { name: '预览' }).click();
    await panel.locator('[data-outcome="previewed"]').waitFor();
    expect(await panel.locator('[data-outcome="previewed"] .ledger-month-day-dates').textContent()).toBe('第3、5行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年）导入，请核对。');
    expect(await panel.locator('[data-outcome="previewed"] .ledger-remark-columns').textContent()).toBe('本文件的“备注”列不导入。');
    expect(await activitiesTitled('月日台账')).toBe('0');
    await page.context().close();
  }, 120_000);

  test('a withdrawal that Sichuan’s PostgreSQL stops partway shows what was done (已撤销, 未撤销 for the rest) and the figures redrawn; 确认撤销 again once it is back withdraws the rest', async () => {
    const page = await signedInOnPhone();
    const tag = `中途停库${Date.now().toString(36)}`;
    const { imported } = await importRows(page, '中途停库.csv', tag, 150);
    expect(await activitiesTitled(tag)).toBe('150');
    // Every row written: the green of a file wholly imported, until it is withdrawn.
    const green = 'rgb(238, 247, 240)';
    const background = () => imported.evaluate((box) => getComputedStyle(box).backgroundColor);
    const importStatuses = () => imported.locator('table.ledger-rows:not(.ledger-withdrawn-rows) tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    expect([await imported.getAttribute('data-result'), await background()]).toEqual(['all', green]);
    await imported.getByRole('button', { name: '撤销本次导入' }).click();
    await imported.getByLabel('撤销原因（必填）').fill('导入了错误的文件');
    const confirmWithdraw = imported.getByRole('button', { name: '确认撤销' });
    const sichuan = federation.subgraphs['sichuan']!;
    const withdrawn = async () => Number((await sichuanRows<{ n: string }>(`SELECT count(*) AS n FROM withdrawn_record WHERE record->>'title' LIKE $1`, [`${tag}-%`]))[0]!.n);
    const beforeStop = await refreshCount(page);
    await confirmWithdraw.click();
    const stopped = imported.locator('[data-outcome="stopped"]');
    try {
      await expect.poll(withdrawn, { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(3);
      await sichuan.database.stopDatabase();
      await stopped.waitFor({ timeout: 60_000 });
    } finally {
      await sichuan.database.startDatabase();
    }
    // What was done before the outage is shown, with the result workbook, and the form stays to retry.
    expect(await imported.locator('[data-outcome="withdraw-refused"]').textContent()).toMatch(/^四川省的数据库暂时无法连接/);
    const statuses = await stopped.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    const done = statuses.filter((s) => s === '已撤销').length;
    expect(done).toBeGreaterThanOrEqual(3);
    expect(statuses).toEqual([...Array(done).fill('已撤销'), ...Array(150 - done).fill('未撤销')]);
    expect(await stopped.locator('.ledger-summary').textContent()).toContain(`已撤销 ${done} 行，此前已撤销 0 行，错误 0 行，未撤销 ${150 - done} 行`);
    expect(await stopped.getByRole('link', { name: /下载撤销结果/ }).count()).toBe(1);
    expect(await confirmWithdraw.evaluate((element) => element === document.activeElement)).toBe(true);
    // The import's own table: the rows withdrawn before the outage 已撤销, the rest still 已导入; amber, not green.
    expect(await importStatuses()).toEqual([...Array(done).fill('已撤销'), ...Array(150 - done).fill('已导入')]);
    expect(await imported.getAttribute('data-result')).toBe('partly-withdrawn');
    expect(await imported.locator('.ledger-summary').first().textContent()).toContain(`已导入 ${150 - done} 行`);
    expect(await background()).toBe('rgb(255, 247, 230)');
    // Records were withdrawn: the figures are read again.
    await nextRefresh(page, beforeStop);
    // Back: 确认撤销 again withdraws the rest; the rows withdrawn before the outage are 此前已撤销.
    await confirmWithdraw.click();
    const finished = imported.locator('[data-outcome="withdrawn"]');
    await finished.waitFor();
    const after = await finished.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    expect(after.filter((s) => s === '此前已撤销').length).toBeGreaterThanOrEqual(done);
    expect(after.every((s) => s === '已撤销' || s === '此前已撤销')).toBe(true);
    expect(await activitiesTitled(tag)).toBe('0');
    // Withdrawn in two runs: every row of the import 已撤销, the box grey.
    expect(await importStatuses()).toEqual(Array(150).fill('已撤销'));
    expect([await imported.getAttribute('data-result'), await background()]).toEqual(['withdrawn', 'rgb(247, 248, 250)']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }, 240_000);

  test('an import Sichuan’s PostgreSQL stops partway says so, and shows what it wrote with its report and 撤销本次导入', async () => {
    const page = await signedInOnPhone();
    const tag = `导入中途停库${Date.now().toString(36)}`;
    const sichuan = federation.subgraphs['sichuan']!;
    const { panel, imported } = await importRows(page, '导入中途停库.csv', tag, 2500, async () => {
      try {
        // The first call's 1000 rows written: the store goes down under the rest.
        await expect.poll(async () => Number(await activitiesTitled(tag)), { timeout: 120_000, interval: 20 }).toBeGreaterThanOrEqual(1000);
        await sichuan.database.stopDatabase();
        await page.locator('section.ledger-import [data-outcome="import-stopped"]').waitFor({ timeout: 120_000 });
      } finally {
        await sichuan.database.startDatabase();
      }
    });
    expect(await panel.locator('[data-outcome="import-stopped"]').textContent()).toMatch(/导入中途停止/);
    const statuses = await imported.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
    const written = statuses.filter((s) => s === '已导入').length;
    // The rows of the call the outage cut may have been committed unanswered: 未导入 (未能确认), never 已导入.
    const stored = Number(await activitiesTitled(tag));
    expect(written).toBeGreaterThanOrEqual(1000);
    expect(stored).toBeGreaterThanOrEqual(written);
    expect(statuses.filter((s) => s !== '已导入').every((s) => s === '未导入')).toBe(true);
    // The report of what was written, and the withdrawal of it, as after any import that wrote rows.
    expect(await imported.getByRole('link', { name: /下载导入结果/ }).count()).toBe(1);
    await imported.getByRole('button', { name: '撤销本次导入' }).click();
    await imported.getByLabel('撤销原因（必填）').fill('导入中途停止，重新导入');
    await imported.getByRole('button', { name: '确认撤销' }).click();
    await imported.locator('[data-outcome="withdrawn"]').waitFor({ timeout: 120_000 });
    expect(Number(await activitiesTitled(tag))).toBe(stored - written);
    await page.context().close();
  }, 300_000);

  test('a report saved earlier withdraws its import later, in another tab (撤销以前的导入)', async () => {
    const first = await signedInOnPhone();
    const tag = `以后撤销${Date.now().toString(36)}`;
    const { panel } = await importRows(first, '以后撤销.csv', tag, 2);
    const saved = first.waitForEvent('download');
    await panel.getByRole('link', { name: /下载导入结果/ }).click();
    const reportFile = (await (await saved).path())!;
    await first.close();
    expect(await activitiesTitled(tag)).toBe('2');

    // Later, in a new tab: the saved report, uploaded, withdraws what that import wrote.
    const page = await signedInOnPhone();
    const later = page.locator('section.ledger-import[data-ready="true"]');
    await later.waitFor();
    await later.getByText('撤销以前的导入').click();
    await page.getByLabel('导入结果工作簿').setInputFiles({ name: '以后撤销.导入结果.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await readFile(reportFile) });
    await later.getByRole('button', { name: '撤销“以后撤销.导入结果.xlsx”所记的导入' }).click();
    const shown = await refreshCount(page);
    await later.getByLabel('撤销原因（必填）').fill('导入了错误的文件');
    await later.getByLabel('撤销原因（必填）').press('Enter');
    const withdrawn = later.locator('.ledger-saved-report [data-outcome="withdrawn"]');
    await withdrawn.waitFor();
    expect(await withdrawn.locator('.ledger-summary').textContent()).toBe('已撤销该次导入：已撤销 2 行，此前已撤销 0 行，错误 0 行。');
    // Each row says what it was, read from the report's own ledger columns (this tab never saw the import).
    expect(await withdrawn.locator('thead th').allTextContents()).toEqual(['行号', '状态', '内容', '原因']);
    expect(await withdrawn.locator('tbody .ledger-content').allTextContents()).toEqual([`座谈交流 · ${tag}-0`, `座谈交流 · ${tag}-1`]);
    expect(await activitiesTitled(tag)).toBe('0');
    await nextRefresh(page, shown);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }, 180_000);
});
