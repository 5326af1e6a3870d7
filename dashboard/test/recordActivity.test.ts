import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintDevToken } from '@linju/gateway/devKeys';
import { federationSnapshot, launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { TestPage } from './support/testPage.ts';

/**
 * The 登记活动 panel as the 磨溪镇 clerk uses it on a phone: real subgraphs on throwaway PostgreSQL,
 * the real gateway in registered-only mode (so the panel can send nothing but its registered
 * operations), Debian's Chromium, and a page with nothing but the panel (test/recordPage/), built by
 * Vite as the dashboard is and served at the gateway's origin. The clerk records an activity of
 * 磨溪镇 (a double click writes it once), is refused one of 分水镇 with both towns named, and both
 * attempts are in Sichuan's audit log under the clerk's name.
 */

const MOXI = '510904101';
const recordPage = new TestPage(fileURLToPath(new URL('./recordPage/', import.meta.url)), '/record-activity-test/');

let federation: Federation;
let browser: Browser;
let origin: string;

/**
 * Reads Sichuan's store itself: the gateway runs registered-only, and these checks are no
 * operation of the page's.
 */
async function sichuanRows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await federation.subgraphs['sichuan']!.pool.query(sql, values)).rows as T[];
}

/** Sichuan's activities titled `title`. */
const activitiesTitled = (title: string) => sichuanRows<{ title: string; organizer_id: string }>('SELECT title, organizer_id FROM activity WHERE title = $1', [title]);

/** The live organizations of a region and every region below it, with their region's name. */
const liveOrganizationsOf = (regionCode: string) =>
  sichuanRows<{ id: string; name: string; region: string }>(
    `WITH RECURSIVE sub(id) AS (SELECT id FROM region WHERE code = $1 UNION ALL SELECT r.id FROM region r JOIN sub ON r.parent_id = sub.id)
     SELECT o.id, o.name, r.name AS region FROM organization o JOIN region r ON r.id = o.region_id
     WHERE o.region_id IN (SELECT id FROM sub) AND o.dissolved_on IS NULL`,
    [regionCode],
  );

/** A fresh phone-sized tab on the panel's page with `token`, its page errors recorded. */
async function openPanel(token: string): Promise<{ page: Page; context: BrowserContext; errors: string[]; graphqlBodies: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  // The built test page, served at the gateway's origin so its /graphql is the real gateway's.
  await recordPage.serve(context, origin);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d|status of 5\d\d/.test(message.text())) errors.push(message.text());
  });
  const graphqlBodies: string[] = [];
  page.on('request', (request) => {
    if (request.url() === `${origin}/graphql`) graphqlBodies.push(request.postData() ?? '');
  });
  await page.goto(`${origin}${recordPage.path}index.html#token=${token}`);
  return { page, context, errors, graphqlBodies };
}

/** The clerk of 磨溪镇, 张敏, as the development identity provider's account `moxi-clerk` is. */
const clerkToken = (expiresIn = '1h') => mintDevToken(federation.devKeys, 'sichuan-operator', 'moxi-clerk', expiresIn, { name: '张敏', region: MOXI });

/** Fills the form's fields by their labels (so each control is labelled as a person and a screen reader find it). */
async function fill(page: Page, values: { title: string; organizer: string; personTimes: string }): Promise<void> {
  await page.getByLabel('类别').selectOption('政策宣讲');
  await page.getByLabel('名称', { exact: true }).fill(values.title);
  await page.getByLabel('主办组织', { exact: true }).selectOption({ label: values.organizer });
  await page.getByLabel('场次').fill('1');
  await page.getByLabel('人次').fill(values.personTimes);
}

describe.skipIf(skipWithoutChromium('the 登记活动 panel’s'))('the 登记活动 panel in Chromium', () => {
  beforeAll(async () => {
    await recordPage.build();
    [federation, browser] = await Promise.all([startFederation({ registeredOperations: { only: true } }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('the clerk of 磨溪镇 records an activity of 磨溪镇, is refused one of 分水镇 naming both towns, and finds both in the audit log', async () => {
    const { page, context, errors, graphqlBodies } = await openPanel(await clerkToken());
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    await expect.poll(() => page.locator('.record-intro').textContent()).toContain('磨溪镇（510904101）');

    // The organizers offered are exactly the live organizations of 磨溪镇 and its villages.
    const moxi = await liveOrganizationsOf(MOXI);
    expect(moxi.length).toBeGreaterThan(1);
    const offered = await page.getByLabel('主办组织', { exact: true }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered.sort()).toEqual(moxi.map((o) => o.id).sort());
    const town = moxi.find((o) => o.region === '磨溪镇')!;

    // Recorded: a double click on 登记 writes once.
    const title = `磨溪镇政策宣讲（看板测试 ${Date.now()}）`;
    await fill(page, { title, organizer: `${town.name}（磨溪镇）`, personTimes: '48' });
    // 所属联盟 offers the open alliances the organizer counts for (a member, or above or below one), not the joint office's others.
    const chain = (
      await sichuanRows<{ id: string }>(
        'WITH RECURSIVE up (id, parent_id) AS (SELECT id, parent_id FROM organization WHERE id = $1 UNION SELECT o.id, o.parent_id FROM organization o JOIN up ON o.id = up.parent_id), ' +
          'down (id) AS (SELECT id FROM organization WHERE parent_id = $1 UNION SELECT o.id FROM organization o JOIN down ON o.parent_id = down.id) SELECT id FROM up UNION SELECT id FROM down',
        [town.id],
      )
    ).map((r) => r.id);
    const joint = federation.subgraphs['joint']!.pool;
    const open = (await joint.query<{ id: string }>('SELECT id FROM alliance WHERE closed_on IS NULL')).rows;
    const theirs = (await joint.query<{ id: string }>('SELECT DISTINCT a.id FROM alliance a JOIN alliance_member m ON m.alliance_id = a.id WHERE a.closed_on IS NULL AND m.organization_id = ANY($1)', [chain])).rows.map((r) => r.id).sort();
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.length).toBeLessThan(open.length);
    const allianceOptions = () => page.locator('select[name="allianceId"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean).sort());
    await expect.poll(allianceOptions).toEqual(theirs);
    await page.getByRole('button', { name: '登记' }).dblclick();
    const recorded = page.locator('[data-outcome="recorded"]');
    await recorded.waitFor();
    expect(await recorded.textContent()).toContain(`已登记：《${title}》`);
    expect(await recorded.textContent()).toContain(`主办：${town.name}（磨溪镇）`);
    expect(await activitiesTitled(title)).toEqual([{ title, organizer_id: town.id }]);
    expect(await page.getByLabel('名称', { exact: true }).inputValue()).toBe('');
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-recorded-phone.png'), fullPage: true });

    // Refused: an organization of 分水镇, listed once the clerk widens the list and searches for it.
    await page.getByLabel('也列出本区划以外的组织').check();
    await page.getByLabel('按名称筛选主办组织').fill('分水镇');
    const fenshui = page.getByLabel('主办组织', { exact: true }).locator('option', { hasText: '（分水镇）' }).first();
    await fenshui.waitFor({ state: 'attached' });
    const refusedTitle = `分水镇政策宣讲（看板测试 ${Date.now()}）`;
    await fill(page, { title: refusedTitle, organizer: (await fenshui.textContent())!, personTimes: '30' });
    const before = await federationSnapshot(federation.subgraphs);
    await page.getByRole('button', { name: '登记' }).click();
    const refused = page.locator('[data-outcome="refused"]');
    await refused.waitFor();
    expect(await federationSnapshot(federation.subgraphs), 'every store as it was').toEqual(before);
    const message = (await refused.locator('.record-message').textContent())!;
    expect(message).toContain('磨溪镇');
    expect(message).toContain('分水镇');
    expect(message).toContain('未作任何更改');
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await refused.textContent()).not.toMatch(/[{}]|FORBIDDEN|outside-region/);
    expect(await activitiesTitled(refusedTitle)).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-refused-phone.png'), fullPage: true });

    // A phone's width: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Only registered operations were sent, by hash (the gateway refuses anything else in this mode).
    for (const body of graphqlBodies) expect(JSON.parse(body).query, body).toBeUndefined();
    expect(errors).toEqual([]);

    // Both attempts are in Sichuan's log under the clerk's account, name and region, and the chain holds.
    const writes = await sichuanRows(
      `SELECT subject, name, role, region, operation_name, outcome, error_codes FROM audit_log WHERE subject = 'moxi-clerk' AND kind = 'write' ORDER BY seq`,
    );
    const entry = { subject: 'moxi-clerk', name: '张敏', role: 'sichuan-operator', region: MOXI, operation_name: expect.stringContaining('DashboardRecordSichuanActivity') };
    expect(writes).toEqual([
      { ...entry, outcome: 'ok', error_codes: [] },
      { ...entry, outcome: 'error', error_codes: ['FORBIDDEN'] },
    ]);
    expect(await sichuanRows('SELECT bool_and(hash = audit_log_hash(a)) AS verified FROM audit_log a')).toEqual([{ verified: true }]);
    await context.close();
  });

  test('a field the owner refuses is marked, with the reason beside it; the keyboard alone reaches every control', async () => {
    const { page, context, errors } = await openPanel(await clerkToken());
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    const moxi = await liveOrganizationsOf(MOXI);
    // Longer than the owner accepts (200 characters): only the store says so.
    await fill(page, { title: '长'.repeat(201), organizer: `${moxi[0]!.name}（${moxi[0]!.region}）`, personTimes: '5' });
    await page.getByRole('button', { name: '登记' }).click();
    await page.locator('[data-outcome="refused"]').waitFor();
    const titleInput = page.getByLabel('名称', { exact: true });
    expect(await titleInput.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-problem:not([hidden])').allTextContents()).toEqual(['名称过长，请精简']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');

    // An empty form, sent from the keyboard: every required field named, none sent.
    await page.reload();
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    await page.getByLabel('名称', { exact: true }).fill('');
    await page.getByLabel('人次').focus();
    await page.keyboard.press('Enter');
    // What the API requires, no more: 场次 (1 by default, the store's) and 人次 may stay empty.
    expect(await page.locator('.field-problem:not([hidden])').allTextContents()).toEqual(['请选择类别', '请填写名称', '请选择主办组织']);
    expect(await page.getByLabel('人次').getAttribute('aria-required')).toBeNull();
    expect(await page.getByLabel('场次').inputValue()).toBe('1');
    // Tab order: 类别, 名称, 举办日期, the organizer's search box and list, … 登记.
    await page.getByLabel('类别').focus();
    const reached: string[] = [];
    // A date input takes a Tab per part (year, month, day): each control is counted once.
    for (let i = 0; i < 20 && reached.at(-1) !== '登记'; i++) {
      const at = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name || document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent || '');
      if (reached.at(-1) !== at) reached.push(at);
      await page.keyboard.press('Tab');
    }
    expect(reached).toEqual(['kind', 'title', 'heldOn', '按名称筛选主办组织', 'organizerId', 'widen', 'sessions', 'personTimes', 'talentsRecruited', '按名称筛选所属联盟', 'allianceId', '登记']);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an expired token: the panel asks the person to sign in again, and shows nothing raw', async () => {
    const { page, context } = await openPanel(await clerkToken('1s'));
    await page.waitForTimeout(2_100);
    await page.reload();
    const failure = page.locator('[data-outcome="refused"]');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('请重新登录');
    expect(await failure.textContent()).not.toMatch(/UNAUTHENTICATED|[{}]/);
    await context.close();
  });
});
