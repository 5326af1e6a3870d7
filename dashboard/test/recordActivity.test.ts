import { todayInChina } from '@linju/contract/todayInChina';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintDevToken } from '@linju/gateway/devKeys';
import { loadRegisteredOperations, type RegisteredOperation } from '@linju/schema/operations';
import { federationSnapshot, launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LENGTH } from '@linju/contract/writeLimits';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RATE_LIMITED_BODY } from '@linju/testing/haproxy';
import { RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { TestPage } from './support/testPage.ts';

/**
 * The 登记活动 panel as the 磨溪镇 clerk uses it on a phone: real subgraphs on throwaway PostgreSQL,
 * the real gateway in registered-only mode (so the panel can send nothing but its registered
 * operations), Debian's Chromium, and a page with nothing but the panel (test/recordPage/), built by
 * Vite as the dashboard is and served at the gateway's origin. The clerk records an activity of
 * 磨溪镇 (a double click writes it once), is refused one of 分水镇 with both towns named, and both
 * attempts are in Sichuan's audit log under the clerk's name. The clerk withdraws an activity just
 * recorded (撤销这条记录): it leaves the list and the figures as the gateway answers them.
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

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 768 } };

/** A fresh tab on the panel's page with `token` (phone-sized unless told; `draft`: keeping a draft, as the dashboard does), its page errors recorded. */
async function openPanel(token: string, screen: typeof PHONE | typeof DESKTOP = PHONE, draft = false): Promise<{ page: Page; context: BrowserContext; errors: string[]; graphqlBodies: string[] }> {
  const context = await browser.newContext({ ...screen, locale: 'zh-CN' });
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
  await page.goto(`${origin}${recordPage.path}index.html#token=${token}${draft ? '&draft' : ''}`);
  return { page, context, errors, graphqlBodies };
}

/** The clerk of 磨溪镇, 张敏, as the development identity provider's account `moxi-clerk` is. */
const clerkToken = (expiresIn = '1h') => mintDevToken(federation.devKeys, 'sichuan-operator', 'moxi-clerk', expiresIn, { name: '张敏', region: MOXI });

/** Fills the form's fields by their labels (so each control is labelled as a person and a screen reader find it). */
async function fill(page: Page, values: { title: string; organizer: string; personTimes: string; kind?: string }): Promise<void> {
  await page.getByLabel('类别').selectOption(values.kind ?? '政策宣讲');
  await page.getByLabel('名称', { exact: true }).fill(values.title);
  await page.getByLabel('主办组织', { exact: true }).selectOption({ label: values.organizer });
  await page.getByLabel('场次').fill('1');
  await page.getByLabel('人次').fill(values.personTimes);
}

/** The dashboard's registered operations, by name: the gateway (registered-only) answers nothing else. */
let registered: Record<string, RegisteredOperation>;

/** Asks the gateway one of the dashboard's registered operations, anonymously or with `token`; it must answer without errors. */
async function throughGateway<T>(name: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const answer = await federation.query<T>(registered[name]!.document, variables, { as: token ? { authorization: `Bearer ${token}` } : 'anonymous' });
  expect(answer.errors, name).toBeUndefined();
  return answer.data!;
}

/** 培训基层干部 (培训's person-times) as the overview gives it: the joint total and Sichuan's part, all time. */
async function trainingFigures(): Promise<{ total: number; sichuan: number }> {
  type Values = { values: { figure: string; value: number }[] };
  const data = await throughGateway<{ overview: { total: Values }; jurisdictions: (Values & { key: string; figures: Values })[] }>('DashboardFigures', { period: null, sides: null, allSides: true });
  const value = (figures: Values) => figures.values.find((v) => v.figure === 'trainingPersonTimes')!.value;
  return { total: value(data.overview.total), sichuan: value(data.jurisdictions.find((j) => j.key === 'sichuan')!.figures) };
}

/** Sichuan's activities titled `title` as the gateway lists them (the drill-through's list), with the clerk's token. */
async function listedActivities(title: string, token: string): Promise<{ totalCount: number; ids: string[] }> {
  const data = await throughGateway<{ jurisdictions: { activities: { totalCount: number; edges: { node: { id: string; title: string } }[] } }[] }>(
    'DashboardFigureRecords',
    { keys: ['sichuan'], filter: { search: title }, activities: true },
    token,
  );
  const list = data.jurisdictions[0]!.activities;
  return { totalCount: list.totalCount, ids: list.edges.filter((e) => e.node.title === title).map((e) => e.node.id) };
}

/** The withdrawals the page sent (their operation's name and variables), from its request bodies. */
const withdrawalsSent = (bodies: readonly string[]) =>
  bodies.map((body) => JSON.parse(body) as { operationName: string; variables: { id: string; reason: string; idempotencyKey: string } }).filter((b) => b.operationName.startsWith('DashboardWithdraw'));

describe.skipIf(skipWithoutChromium('the 登记活动 panel’s'))('the 登记活动 panel in Chromium', () => {
  beforeAll(async () => {
    await recordPage.build();
    registered = Object.fromEntries((await loadRegisteredOperations([fileURLToPath(new URL('../operations/', import.meta.url))])).map((o) => [o.name, o]));
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
    // The outcome takes the focus (登记, disabled while sending, had dropped it to the body).
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.outcome)).toBe('recorded');
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
    // Refused on no field of the form: the focus is back on 登记, not lost to the body.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('登记');
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

  test('a field the owner refuses is marked, with the reason beside it; a title too long and a date before the organizer was founded are said with the bound before sending; the keyboard alone reaches every control', async () => {
    const { page, context, errors, graphqlBodies } = await openPanel(await clerkToken());
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    const moxi = await liveOrganizationsOf(MOXI);
    const recordingsSent = () => graphqlBodies.filter((body) => JSON.parse(body).operationName === 'DashboardRecordSichuanActivity').length;
    const shownProblems = () => page.locator('.field-problem:not([hidden])').allTextContents();
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('name'));
    // Longer than the owner keeps (LENGTH.title characters): said with the bound and the length typed, nothing sent.
    await fill(page, { title: '长'.repeat(LENGTH.title + 1), organizer: `${moxi[0]!.name}（${moxi[0]!.region}）`, personTimes: '5' });
    await page.getByRole('button', { name: '登记' }).click();
    expect(await shownProblems()).toEqual([`名称至多 ${LENGTH.title} 字（现有 ${LENGTH.title + 1} 字），请精简`]);
    expect(await focusedName()).toBe('title');
    // A day before the organizer was founded: said with its founding date (the store's own refusal names none the page shows), nothing sent.
    const founded = (await sichuanRows<{ founded: string }>('SELECT founded_on::text AS founded FROM organization WHERE id = $1', [moxi[0]!.id]))[0]!.founded;
    const dayBefore = new Date(Date.parse(`${founded}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('名称', { exact: true }).fill('成立之前的活动');
    await page.getByLabel('举办日期').fill(dayBefore);
    await page.getByRole('button', { name: '登记' }).click();
    expect(await shownProblems()).toEqual([`举办日期早于主办组织的成立日期（${founded}），请核对日期或主办组织`]);
    expect(await focusedName()).toBe('heldOn');
    // The date picker offers no earlier day.
    expect(await page.getByLabel('举办日期').getAttribute('min')).toBe(founded);
    expect(recordingsSent()).toBe(0);
    // What only the store finds (a zero-width space in the title): the field marked, the reason beside it, the focus on it.
    await page.getByLabel('举办日期').fill(founded);
    await page.getByLabel('名称', { exact: true }).fill('政策\u200b宣讲');
    await page.getByRole('button', { name: '登记' }).click();
    await page.locator('[data-outcome="refused"]').waitFor();
    expect(recordingsSent()).toBeGreaterThan(0);
    const titleInput = page.getByLabel('名称', { exact: true });
    expect(await titleInput.getAttribute('aria-invalid')).toBe('true');
    expect(await shownProblems()).toEqual(['名称格式不对或含有不可见字符']);
    expect(await focusedName()).toBe('title');

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

  test('the clerk withdraws the activity just recorded (撤销这条记录): a blank reason is refused in the form, a lost answer is confirmed again under the same key, and the activity leaves its list and the overview', async () => {
    const token = await clerkToken();
    const { page, context, errors, graphqlBodies } = await openPanel(token);
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    const town = (await liveOrganizationsOf(MOXI)).find((o) => o.region === '磨溪镇')!;
    const before = await trainingFigures();

    // Recorded through the panel: a 培训 of 37 person-times, in the list and the overview.
    const title = `磨溪镇干部培训（撤销测试 ${Date.now()}）`;
    await fill(page, { title, organizer: `${town.name}（磨溪镇）`, personTimes: '37', kind: '培训' });
    await page.getByRole('button', { name: '登记' }).click();
    const recorded = page.locator('[data-outcome="recorded"]');
    await recorded.waitFor();
    const listed = await listedActivities(title, token);
    expect(listed.totalCount).toBe(1);
    const id = listed.ids[0]!;
    expect(await trainingFigures()).toEqual({ total: before.total + 37, sichuan: before.sichuan + 37 });

    // The box offers 撤销这条记录; pressing it opens the reason's form with the focus in it.
    const withdrawButton = recorded.getByRole('button', { name: '撤销这条记录' });
    expect(await withdrawButton.count(), 'the recorded box offers 撤销这条记录').toBe(1);
    await withdrawButton.click();
    const reason = page.getByLabel('撤销原因');
    await reason.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    expect(await reason.getAttribute('aria-required')).toBe('true');
    expect(await withdrawButton.isVisible()).toBe(false);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-withdraw-form-phone.png'), fullPage: true });

    // A blank reason (spaces only) and one too long are refused in the form: nothing is sent.
    await reason.fill('   ');
    await page.keyboard.press('Enter');
    const problem = recorded.locator('.field-problem:not([hidden])');
    expect(await problem.allTextContents()).toEqual(['请填写撤销原因']);
    expect(await recorded.getByRole('alert').textContent(), 'read out too: the focus was in the field already').toBe('请填写撤销原因');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await reason.fill('重'.repeat(LENGTH.reason + 1));
    await recorded.getByRole('button', { name: '确认撤销' }).click();
    expect(await problem.allTextContents()).toEqual([`撤销原因至多 ${LENGTH.reason} 字（现有 ${LENGTH.reason + 1} 字），请精简`]);
    expect(withdrawalsSent(graphqlBodies)).toEqual([]);
    expect(await activitiesTitled(title)).toHaveLength(1);

    // Confirmed with a double click, and the answer lost on the way back: the store withdrew it once,
    // the panel says it could not reach the gateway and keeps the form; confirming again sends the same key.
    let lost = 0;
    await context.route(`${origin}/graphql`, async (route) => {
      if (lost > 0 || !route.request().postData()?.includes('DashboardWithdraw')) return route.fallback();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const why = '与上午登记的同一场培训重复（看板测试）';
    await reason.fill(`  ${why} `);
    await recorded.getByRole('button', { name: '确认撤销' }).dblclick();
    const refused = recorded.locator('[data-outcome="withdraw-refused"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('未撤销：无法连接网关，请检查网络后再试。');
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(withdrawalsSent(graphqlBodies)).toHaveLength(1);
    expect(await sichuanRows('SELECT reason FROM withdrawn_record WHERE id = $1', [id])).toEqual([{ reason: why }]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('确认撤销');
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-withdraw-unreachable-phone.png'), fullPage: true });
    await recorded.getByRole('button', { name: '确认撤销' }).click();

    // Withdrawn: the box says so with the reason, has the focus, and the page is told.
    const withdrawn = page.locator('[data-outcome="withdrawn"]');
    await withdrawn.waitFor();
    expect(await withdrawn.textContent()).toContain(`已撤销：《${title}》（原因：${why}）`);
    expect(await recorded.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-outcome'))).toBe('withdrawn');
    expect(await page.getAttribute('body', 'data-withdrawn')).toBe(id);
    const sent = withdrawalsSent(graphqlBodies);
    expect(sent.map((b) => b.operationName)).toEqual(['DashboardWithdrawSichuanRecord', 'DashboardWithdrawSichuanRecord']);
    expect(new Set(sent.map((b) => b.variables.idempotencyKey)).size, 'one key for the confirmation and its resend').toBe(1);
    expect(sent[0]!.variables).toMatchObject({ id, reason: why });
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-withdrawn-phone.png'), fullPage: true });

    // Through the gateway: the list no longer has it, and the overview's figure is back where it was.
    expect(await listedActivities(title, token)).toEqual({ totalCount: 0, ids: [] });
    expect(await trainingFigures()).toEqual(before);
    expect(await activitiesTitled(title)).toEqual([]);
    expect(await sichuanRows('SELECT count(*)::int AS n FROM withdrawn_record WHERE id = $1', [id])).toEqual([{ n: 1 }]);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const body of graphqlBodies) expect(JSON.parse(body).query, body).toBeUndefined();
    // The lost answer is the only failed request.
    expect(errors.filter((e) => !/net::ERR_CONNECTION_RESET|net::ERR_FAILED/.test(e))).toEqual([]);
    await context.close();
  });

  test('on a desktop, from the keyboard: 撤销这条记录 opens and Escape closes the form; one withdrawn already elsewhere is said so, with its day and reason', async () => {
    const token = await clerkToken();
    const { page, context, errors, graphqlBodies } = await openPanel(token, DESKTOP);
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    const town = (await liveOrganizationsOf(MOXI)).find((o) => o.region === '磨溪镇')!;
    const title = `磨溪镇政策宣讲（另页撤销 ${Date.now()}）`;
    await fill(page, { title, organizer: `${town.name}（磨溪镇）`, personTimes: '12' });
    await page.getByRole('button', { name: '登记' }).click();
    const recorded = page.locator('[data-outcome="recorded"]');
    await recorded.waitFor();
    const id = (await listedActivities(title, token)).ids[0]!;

    // Enter on the button opens the form (focus in 撤销原因); Escape closes it and gives the focus back.
    const withdrawButton = recorded.getByRole('button', { name: '撤销这条记录' });
    expect(await withdrawButton.count(), 'the recorded box offers 撤销这条记录').toBe(1);
    await withdrawButton.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await page.keyboard.type('先打开再取消');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('撤销这条记录');
    expect(await page.getByLabel('撤销原因').isVisible()).toBe(false);
    // Opened again: empty; Tab reaches 确认撤销 then 取消.
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('撤销原因').inputValue()).toBe('');
    const why = '录入时选错了主办组织';
    await page.keyboard.type(why);
    const reached: string[] = [];
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
    }
    expect(reached).toEqual(['确认撤销', '取消']);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-withdraw-form-desktop.png') });

    // Meanwhile the record is withdrawn elsewhere (another tab of the clerk's).
    await throughGateway('DashboardWithdrawSichuanRecord', { id, reason: '另一页面已撤销', idempotencyKey: `elsewhere-${Date.now()}` }, token);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const withdrawn = page.locator('[data-outcome="withdrawn"]');
    await withdrawn.waitFor();
    const today = todayInChina();
    expect(await withdrawn.locator('p').first().textContent()).toBe(`已撤销：《${title}》`);
    expect(await withdrawn.locator('.record-message').textContent()).toBe(`这条记录已于 ${today} 撤销（原因：另一页面已撤销），无需再次撤销。`);
    expect(await withdrawn.textContent()).not.toMatch(/withdrawn|BAD_USER_INPUT|[{}]/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-outcome'))).toBe('withdrawn');
    expect(await page.getAttribute('body', 'data-withdrawn')).toBe(id);
    expect(withdrawalsSent(graphqlBodies).map((b) => b.variables.reason)).toEqual([why]);
    expect(await sichuanRows('SELECT reason FROM withdrawn_record WHERE id = $1', [id])).toEqual([{ reason: '另一页面已撤销' }]);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-withdrawn-desktop.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a write the gateway got no answer to (writeOutcome unknown): 结果未知 and what to do, never 未登记; sent again, it goes under the same key and is written once', async () => {
    const { page, context, errors, graphqlBodies } = await openPanel(await clerkToken());
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    const town = (await liveOrganizationsOf(MOXI)).find((o) => o.region === '磨溪镇')!;
    const title = `结果未知的登记（看板测试 ${Date.now()}）`;
    await fill(page, { title, organizer: `${town.name}（磨溪镇）`, personTimes: '12' });
    // The write reaches Sichuan's store and its answer is lost on the way back: the page gets what the
    // gateway answers then (gateway/src/resilience/subgraphFailure.ts, a timeout after the request went).
    let lost = false;
    await page.route(`${origin}/graphql`, async (route) => {
      if (lost || (JSON.parse(route.request().postData() ?? '{}') as { operationName?: string }).operationName !== 'DashboardRecordSichuanActivity') return route.continue();
      lost = true;
      await route.fetch();
      const error = { message: '四川省未能及时答复，本次写入结果不明… / 四川省 (Sichuan Province) did not answer in time', path: ['sichuanRecordActivity'], extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph: 'sichuan', jurisdiction: '四川省', timeoutMs: 5000, writeOutcome: 'unknown' } };
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: null, errors: [error] }) });
    });
    await page.getByRole('button', { name: '登记' }).click();
    const unknown = page.locator('[data-outcome="unknown"]');
    await unknown.waitFor();
    expect(await unknown.textContent()).toBe('结果未知：四川省未及时答复，本次登记结果未知（可能已登记），请刷新核对；如未登记，再点“登记”按原提交发送，不会重复登记。');
    expect(await activitiesTitled(title)).toHaveLength(1);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-outcome-unknown-phone.png'), fullPage: true });

    // 登记 again, as the box says: the same key, answered from the record written, nothing written twice.
    await page.getByRole('button', { name: '登记' }).click();
    await page.locator('[data-outcome="recorded"]').waitFor();
    expect(await activitiesTitled(title)).toHaveLength(1);
    const keys = graphqlBodies.map((body) => JSON.parse(body) as { operationName: string; variables: { idempotencyKey?: string } }).filter((b) => b.operationName === 'DashboardRecordSichuanActivity').map((b) => b.variables.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a write refused before anything was done: the proxy’s rate limit (429) says to wait as Retry-After asks, a secret mismatch waits for an administrator; neither is 暂时无法连接, and 登记 then records it once', async () => {
    const { page, context, errors, graphqlBodies } = await openPanel(await clerkToken());
    await page.locator('section.record-activity[data-ready="true"]').waitFor();
    const town = (await liveOrganizationsOf(MOXI)).find((o) => o.region === '磨溪镇')!;
    const title = `被拒后登记（看板测试 ${Date.now()}）`;
    await fill(page, { title, organizer: `${town.name}（磨溪镇）`, personTimes: '12' });
    // The first 登记 meets the public HAProxy's limit (its body and header, testing/src/cluster/haproxyConfig.ts),
    // the second the gateway's answer for a subgraph holding another secret (gateway/src/resilience/subgraphFailure.ts).
    const refusals = [
      { status: 429, headers: { 'retry-after': '10' }, contentType: 'application/json; charset=utf-8', body: RATE_LIMITED_BODY },
      {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          data: null,
          errors: [{
            message: '四川省的数据暂不可用：其子图与网关的密钥不一致，请管理员核对配置；子图在执行前拒绝了本次写入，未写入，请在配置改正后再提交 / The sichuan subgraph is unavailable: it and the gateway do not hold the same secret (SICHUAN_GATEWAY_SECRET)',
            path: ['sichuanRecordActivity'],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'secret-mismatch', subgraph: 'sichuan', serviceName: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' },
          }],
        }),
      },
    ];
    await page.route(`${origin}/graphql`, async (route) => {
      const refusal = (JSON.parse(route.request().postData() ?? '{}') as { operationName?: string }).operationName === 'DashboardRecordSichuanActivity' && refusals.shift();
      return refusal ? route.fulfill(refusal) : route.continue();
    });
    const refused = page.locator('[data-outcome="refused"]');
    await page.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => refused.textContent()).toBe('未登记：请求过于频繁，请稍等 10 秒后再点“登记”；本次未写入。');
    await page.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => refused.textContent()).toBe('未登记：四川省的数据服务配置有误，需管理员处理，本次未写入；请在管理员改正后再点“登记”。');
    expect(await refused.textContent()).not.toMatch(/RATE_LIMITED|暂时无法连接|[{}]/);
    expect(await activitiesTitled(title)).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'record-activity-refused-before-anything-phone.png'), fullPage: true });

    // Pressed again once the wait is over (the administrator has mended the secret): written once.
    await page.getByRole('button', { name: '登记' }).click();
    await page.locator('[data-outcome="recorded"]').waitFor();
    expect(await activitiesTitled(title)).toHaveLength(1);
    const sent = graphqlBodies.map((body) => JSON.parse(body) as { operationName: string }).filter((b) => b.operationName === 'DashboardRecordSichuanActivity');
    expect(sent).toHaveLength(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the same activity sent again under a new key (same values: ALREADY_RECORDED same-record) is 已登记 for the draft too: the store’s words naming it, the title cleared, nothing kept to send again; other values (same-identity) keep it', async () => {
    const { page, context, errors } = await openPanel(await clerkToken(), PHONE, true);
    const panel = page.locator('section.record-activity[data-ready="true"]');
    await panel.waitFor();
    const town = (await liveOrganizationsOf(MOXI)).find((o) => o.region === '磨溪镇')!;
    const title = `再次登记的同一活动（看板测试 ${Date.now()}）`;
    const values = { title, organizer: `${town.name}（磨溪镇）`, personTimes: '12' };
    await fill(page, values);
    await page.getByRole('button', { name: '登记' }).click();
    await page.locator('[data-outcome="recorded"]').waitFor();
    // Typed again as it was (another clerk's sheet, a second look): the store holds this very record.
    await fill(page, values);
    await page.getByRole('button', { name: '登记' }).click();
    const already = panel.locator('.record-failure.already-recorded');
    await already.waitFor();
    expect(await already.textContent()).toMatch(new RegExp(`^已登记：该活动已登记（政策宣讲，“${title.replace(/[()（）]/g, '.')}”.*内容相同，未重复登记`));
    expect(await page.getByLabel('名称', { exact: true }).inputValue()).toBe('');
    expect(await activitiesTitled(title)).toHaveLength(1);
    // Nothing kept to send again: a reload offers an empty form, no note of a draft restored.
    await page.reload();
    await panel.waitFor();
    expect(await panel.locator('[data-outcome="restored"]').count()).toBe(0);
    expect(await page.getByLabel('名称', { exact: true }).inputValue()).toBe('');
    // Other values (same-identity: a correction) are 未登记, and the draft is kept to send once the record is withdrawn.
    await fill(page, { ...values, personTimes: '13' });
    await page.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => panel.locator('[data-outcome="refused"]').textContent()).toMatch(/^未登记：/);
    expect(await page.getByLabel('名称', { exact: true }).inputValue()).toBe(title);
    await page.reload();
    await panel.waitFor();
    expect(await panel.locator('[data-outcome="restored"]').count()).toBe(1);
    expect(await page.getByLabel('名称', { exact: true }).inputValue()).toBe(title);
    expect(await activitiesTitled(title)).toHaveLength(1);
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
