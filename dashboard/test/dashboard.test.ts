import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintDevToken } from '@linju/gateway/devKeys';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import { loadRegisteredOperations, type RegisteredOperation } from '@linju/schema/operations';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JOINT_FIGURES } from '../src/figures/cardFigures.ts';
import { FIGURE_GROUPS } from '../src/figures/headlineFigures.ts';
import { formatWithUnit } from '../src/format/formatNumber.ts';
import type { AllianceAnswer, AlliancesAnswer, FiguresAnswer } from '../src/graphql/answers.ts';
import { figuresByName } from '../src/graphql/figureValues.ts';
import { standingAlliancesPeriod } from '../src/period/standingAlliances.ts';
import { ensureDashboardBuilt, RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { nextRefresh, refreshCount, shownFigures } from './support/readPage.ts';
import { refusePeriodOfFigures } from './support/refusedPeriod.ts';
import { watchPage } from './support/watchPage.ts';

/**
 * The joint dashboard as a person uses it: real subgraphs on throwaway PostgreSQL, the real gateway
 * in registered-only mode (so the page can send nothing but its registered operations), the built
 * page served by the gateway, and Debian's Chromium driving it.
 */

const H1_2021 = { from: '2021-01-01', to: '2021-06-30' };
const ALL_TIME = { from: null, to: null };

let federation: Federation;
let browser: Browser;
let operations: Record<string, RegisteredOperation>;
let origin: string;

/** What the gateway answers to one of the dashboard's registered operations, figures by name as the page reads them. */
async function gateway<T>(name: string, variables: Record<string, unknown>, as: 'anonymous' | 'viewer' = 'viewer') {
  const response = await federation.query<T>(operations[name]!.document, variables, { as });
  return { ...response, data: figuresByName(response.data) };
}

/** A fresh tab (own sessionStorage) that records every request the page makes. */
async function openDashboard(options: { token?: string; viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; context: BrowserContext; requests: { url: string; body: string | null }[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const { requests, errors } = watchPage(page);
  // The report's period (the page opens on the current year without one).
  await page.goto(`${origin}/dashboard/?period=2021h1${options.token ? `#token=${options.token}` : ''}`);
  await nextRefresh(page, 0);
  expect(errors).toEqual([]);
  return { page, context, requests, errors };
}

function expectFiguresMatch(shown: Awaited<ReturnType<typeof shownFigures>>, answer: FiguresAnswer, options: { total: boolean }): void {
  const sides = answer.jurisdictions!.filter((s) => s !== null);
  for (const { field, unit } of FIGURE_GROUPS.flatMap((g) => g.figures)) {
    const card = shown[field];
    expect(card, field).toBeDefined();
    const expected = options.total ? answer.overview!.total![field] : sides[0]!.figures[field];
    expect(card!.total, field).toBe(expected === null ? '' : String(expected));
    const { value, unit: shownUnit } = formatWithUnit(expected, unit);
    expect(card!.totalText.replace(/\s+/g, ''), field).toBe(expected === null ? '未上报' : `${value}${shownUnit}`);
    if (options.total) for (const side of sides) expect(card!.parts[side!.key], `${field} of ${side!.key}`).toBe(String(side!.figures[field]));
  }
  const alliances = answer.overview!.alliances;
  expect(shown['townshipAlliances']!.total).toBe(String(alliances.townshipAlliances));
  expect(shown['jointVillageOrganizations']!.total).toBe(String(alliances.jointVillageOrganizations));
  expect(shown['industryChainOrganizations']!.total).toBe(String(alliances.industryChainOrganizations));
}

/** The joint office's cards (alliances and agreements). */
const JOINT_CARDS = JOINT_FIGURES.map((f) => f.name as string);

/** What each card's 同比 and 环比 say (a standing figure's: its bases), by field. */
function comparisonTexts(page: Page): Promise<Record<string, string[]>> {
  return page.$$eval('article.figure', (cards) => Object.fromEntries(cards.map((card) => [(card as HTMLElement).dataset.field!, [...card.querySelectorAll('.compare strong')].map((s) => s.textContent!)])));
}

// Inside the describe, so that a skip (no Chromium on a developer's machine) starts nothing.
/** Enters a token under 访问令牌 (the page has no identity provider). */
async function enterToken(page: Page, token: string): Promise<void> {
  await page.click('#token-button');
  await page.fill('#token-input', token);
  await page.click('#token-dialog button[value="save"]');
}

/** Pastes a token under 访问令牌, once the header names its holder. */
async function pasteToken(page: Page, token: string, name: string): Promise<void> {
  await enterToken(page, token);
  await expect.poll(() => page.textContent('#token-state')).toContain(name);
}

/** A token written by hand to name 安居区's operator 陈刚 (the alliances, 登记活动, 台账导入), signed by nobody: the gateway refuses it. */
function handWrittenToken(): string {
  const claims = { sub: 'anju-district', name: '陈刚', role: 'sichuan-operator', region: '510904', exp: Math.floor(Date.now() / 1000) + 600 };
  return ['{"alg":"ES256","typ":"JWT"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
}

describe.skipIf(skipWithoutChromium('the dashboard’s'))('the joint dashboard in Chromium', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    await mkdir(RESULTS_DIRECTORY, { recursive: true });
    const listed = await loadRegisteredOperations([fileURLToPath(new URL('../operations/', import.meta.url))]);
    operations = Object.fromEntries(listed.map((operation) => [operation.name, operation]));
    [federation, browser] = await Promise.all([startFederation({ registeredOperations: { only: true } }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('anonymous: the public figures equal the gateway’s, and the page asks nothing but its registered operations of its own origin', async () => {
    const { page, context, requests, errors } = await openDashboard();
    const answer = await gateway<FiguresAnswer>('DashboardFigures', { period: H1_2021, sides: null, allSides: true }, 'anonymous');
    expect(answer.errors).toBeUndefined();
    expectFiguresMatch(await shownFigures(page), answer.data!, { total: true });
    // The seed table's headline totals (DOMAIN.md), as the page prints them.
    const shown = await shownFigures(page);
    expect(shown['crossAppointments']!.total).toBe('56');
    expect(shown['activityRoomAreaSqm']!.totalText.replace(/\s+/g, '')).toBe('1,650平方米');
    // What stands is said as newly set up (新增); an event's count is not.
    expect([shown['crossAppointments']!.countKind, shown['activityRoomAreaSqm']!.countKind, shown['jointSeminarSessions']!.countKind]).toEqual(['新增', '新增', '']);
    expect(shown['abandonedLandRevivedMu']!.totalText.replace(/\s+/g, '')).toBe('600亩');
    expect(shown['housingFundLoanAmountWan']!.totalText.replace(/\s+/g, '')).toBe('1,546万元');
    expect(shown['trainingPersonTimes']!.totalText.replace(/\s+/g, '')).toBe('372人次');
    // Charts drawn by the bundled ECharts: one series per side, months on the axis.
    await expect.poll(() => page.locator('#trend-chart svg text', { hasText: '2021年' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#cases-chart svg text', { hasText: '户口迁移' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#kinds-chart svg text', { hasText: '毗邻乡镇党建联建' }).count()).toBeGreaterThan(0);
    // Without a token: no alliance list, an offer to enter one.
    await expect.poll(() => page.locator('#alliance-list').textContent()).toContain('需要访问令牌');
    expect(errors, 'console errors (a CSP violation among them)').toEqual([]);

    const registered = new Set(Object.values(operations).map((o) => o.hash));
    for (const request of requests) {
      expect(new URL(request.url).origin, request.url).toBe(origin);
      if (!request.url.endsWith('/graphql')) continue;
      const body = JSON.parse(request.body!) as { query?: string; extensions: { persistedQuery: { sha256Hash: string } } };
      expect(registered.has(body.extensions.persistedQuery.sha256Hash)).toBe(true);
      expect(body.query === undefined || operations[Object.keys(operations).find((n) => operations[n]!.hash === body.extensions.persistedQuery.sha256Hash)!]!.document === body.query).toBe(true);
    }
    await context.close();
  });

  test('a gateway that has not seen a hash yet is sent the registered document with it (automatic persisted queries)', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const sent: { hash: string; query?: string }[] = [];
    let refused = false;
    const figures = operations['DashboardFigures']!;
    // As a gateway with an empty APQ cache answers the first hash it sees (of DashboardFigures: the
    // page sends its comparison beside it).
    await page.route('**/graphql', async (route) => {
      const body = JSON.parse(route.request().postData()!) as { query?: string; extensions: { persistedQuery: { sha256Hash: string } } };
      if (body.extensions.persistedQuery.sha256Hash === figures.hash) sent.push({ hash: body.extensions.persistedQuery.sha256Hash, ...(body.query !== undefined && { query: body.query }) });
      if (!refused && body.query === undefined && body.extensions.persistedQuery.sha256Hash === figures.hash) {
        refused = true;
        await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] }) });
        return;
      }
      await route.continue();
    });
    await page.goto(`${origin}/dashboard/?period=2021h1`);
    await nextRefresh(page, 0);
    expect(sent.slice(0, 2)).toEqual([{ hash: figures.hash }, { hash: figures.hash, query: figures.document }]);
    expect((await shownFigures(page))['crossAppointments']!.total).toBe('56');
    await context.close();
  });

  test('a refused token: the page says so, forgets it and shows the public figures', async () => {
    const { page, context } = await openDashboard({ token: 'not-a-token' });
    await expect.poll(() => page.textContent('#outage-banner')).toContain('令牌无效或已过期');
    expect(await page.evaluate(() => sessionStorage.getItem('linju.dashboard.token'))).toBeNull();
    expect((await shownFigures(page))['crossAppointments']!.total).toBe('56');
    expect(await page.textContent('#alliance-list')).toContain('需要访问令牌');
    await context.close();
  });

  test('a linked token names its holder only once the gateway has accepted it: one written by hand shows 未验证 and then the refusal, never the name or an operator’s panels', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    /** Long enough for the page's requests (a refused token is followed by the public ones) to be answered. */
    const ANSWERED = { timeout: 10_000 };
    // Every text the header shows, however briefly.
    await context.addInitScript(() => {
      const shown: string[] = [];
      Object.assign(window, { shownTokenStates: shown });
      new MutationObserver(() => {
        const text = document.getElementById('token-state')?.textContent;
        if (text && shown.at(-1) !== text) shown.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const shownStates = (page: Page) => page.evaluate(() => (window as unknown as { shownTokenStates: string[] }).shownTokenStates);
    const panelsShown = (page: Page) => page.evaluate(() => ['record-activity', 'ledger-import'].filter((id) => { const slot = document.getElementById(id); return !!slot && !slot.hidden && slot.childElementCount > 0; }));
    /** The page's GraphQL answers held back until `release` is called. */
    const holdAnswers = async (page: Page) => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`${origin}/graphql`, async (route) => {
        await held;
        await route.continue();
      });
      return release;
    };

    const forged = handWrittenToken();
    const page = await context.newPage();
    let release = await holdAnswers(page);
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${forged}`);
    await expect.poll(() => page.textContent('#token-state')).toBe('令牌：未验证（正在向网关核验）');
    expect(await panelsShown(page)).toEqual([]);
    release();
    await expect.poll(() => page.textContent('#outage-banner'), ANSWERED).toContain('令牌无效或已过期');
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect((await shownStates(page)).filter((text) => /陈刚|操作员|510904|有效至/.test(text))).toEqual([]);
    expect(await panelsShown(page)).toEqual([]);
    await page.unroute(`${origin}/graphql`);

    // A genuine token: 未验证 while its first answer is on its way, then its holder and the operator's panels.
    const genuine = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-district', '1h', { name: '陈刚', region: '510904' });
    const tab = await context.newPage();
    release = await holdAnswers(tab);
    await tab.goto(`${origin}/dashboard/?period=2021h1#token=${genuine}`);
    await expect.poll(() => tab.textContent('#token-state')).toBe('令牌：未验证（正在向网关核验）');
    expect(await panelsShown(tab)).toEqual([]);
    release();
    await expect.poll(() => tab.textContent('#token-state'), ANSWERED).toMatch(/^令牌：陈刚 · 四川省操作员 · (安居区|区划 510904)，有效至/);
    await expect.poll(() => panelsShown(tab), ANSWERED).toEqual(['record-activity', 'ledger-import']);
    await tab.unroute(`${origin}/graphql`);

    // The gateway unreachable when a new token is pasted: 未验证, saying so; the next answer names the holder.
    await tab.route(`${origin}/graphql`, (route) => route.abort('connectionrefused'));
    const deputy = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-deputy', '1h', { name: '王强', region: '510904' });
    await enterToken(tab, deputy);
    await expect.poll(() => tab.textContent('#token-state'), ANSWERED).toBe('令牌：未验证（无法连接网关核验，稍后自动重试）');
    expect(await panelsShown(tab)).toEqual([]);
    await tab.unroute(`${origin}/graphql`);
    await tab.selectOption('#period', 'all');
    await expect.poll(() => tab.textContent('#token-state'), ANSWERED).toMatch(/^令牌：王强 · 四川省操作员/);
    expect((await shownStates(tab)).filter((text) => text.includes('王强')).every((text) => text.startsWith('令牌：王强 · 四川省操作员'))).toBe(true);
    await context.close();
  });

  test('under a wrong period (起 after 止), which reads no figures, a linked or pasted token is checked as under a right one: refused, forgotten and said in the banner; unchecked, asked again by itself; accepted, named', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const ANSWERED = { timeout: 10_000 };
    const REFUSED = '令牌无效或已过期，已改为匿名访问（仅公开指标）。如需查看联盟名单，请点“访问令牌”重新输入。';
    const forged = handWrittenToken();
    const page = await context.newPage();
    const { errors } = watchPage(page);
    // A link carrying a token written by hand, its period's 起 after its 止: it stayed 令牌：未验证（正在向网关核验） for good.
    await page.goto(`${origin}/dashboard/?period=custom&from=2021-06-30&to=2021-01-01#token=${forged}`);
    await page.locator('.wrong-period-message').waitFor();
    await expect.poll(() => page.textContent('#outage-banner'), ANSWERED).toContain(REFUSED);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect(await page.evaluate(() => sessionStorage.getItem('linju.dashboard.token'))).toBeNull();
    expect(await page.isVisible('.wrong-period-message')).toBe(true);

    // A genuine token pasted while the gateway cannot be reached: 未验证, saying so, and asked again by itself.
    await page.route(`${origin}/graphql`, (route) => route.abort('connectionrefused'));
    const deputy = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-deputy', '1h', { name: '王强', region: '510904' });
    await enterToken(page, deputy);
    await expect.poll(() => page.textContent('#token-state'), ANSWERED).toBe('令牌：未验证（无法连接网关核验，稍后自动重试）');
    await page.unroute(`${origin}/graphql`);
    // The retry comes RETRY_MS (15 s) later, with no choice made.
    await expect.poll(() => page.textContent('#token-state'), { timeout: 60_000 }).toMatch(/^令牌：王强 · 四川省操作员/);
    // A token held again: the notice of the refused one goes.
    await expect.poll(() => page.textContent('#outage-banner'), ANSWERED).not.toContain('令牌无效或已过期');

    // Every side named already (no side's name left to ask for): the token written by hand, pasted, is refused all the same.
    await enterToken(page, forged);
    await expect.poll(() => page.textContent('#outage-banner'), ANSWERED).toContain(REFUSED);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    // The gateway cut off: the browser's own console line for each request aborted, nothing else.
    expect(errors.filter((error) => !error.includes('net::ERR_CONNECTION_REFUSED'))).toEqual([]);
    await context.close();
  }, 120_000);

  test('a linked token is accepted by any answer the gateway executed, data null included (a store down, a figure that failed): 未验证 does not stay at 正在向网关核验; an answer refused before execution for another reason leaves it 未验证, saying so', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const ANSWERED = { timeout: 10_000 };
    const genuine = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-district', '1h', { name: '陈刚', region: '510904' });
    const page = await context.newPage();
    // The page's DashboardFigures sent for a period the gateway refuses once executing (its end before
    // its start: BAD_USER_INPUT from the resolver, data null), as when a figure fails.
    await refusePeriodOfFigures(page, origin);
    const figures = page.waitForResponse((response) => response.url() === `${origin}/graphql` && (response.request().postData() ?? '').includes('"operationName":"DashboardFigures"'));
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${genuine}`);
    const answer = (await (await figures).json()) as { data?: unknown; errors?: { path?: unknown; extensions?: { code?: string } }[] };
    // What the gateway sent: every figure null, errors located in the operation, none refusing the token.
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(answer.errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT' && Array.isArray(error.path))).toBe(true);
    await expect.poll(() => page.textContent('#token-state'), ANSWERED).toMatch(/^令牌：陈刚 · .*操作员/);
    await page.unroute(`${origin}/graphql`);

    // The same answer with data null, as a gateway sends it when a non-null field's error reaches the
    // root (Apollo Router, a future schema): executed (its errors have paths), so the token is accepted.
    const other = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-clerk', '1h', { name: '李娜', region: '510904' });
    const tab = await context.newPage();
    await tab.route(`${origin}/graphql`, async (route) => {
      if (!(route.request().postData() ?? '').includes('"operationName":"DashboardFigures"')) return route.continue();
      const real = (await (await route.fetch()).json()) as { data?: unknown; errors?: unknown[] };
      const errors = [{ message: '数据库暂不可用 / store unavailable', path: ['overview'], extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: 'joint' } }, ...(real.errors ?? [])];
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: null, errors }) });
    });
    await tab.goto(`${origin}/dashboard/?period=2021h1#token=${other}`);
    await expect.poll(() => tab.textContent('#token-state'), ANSWERED).toMatch(/^令牌：李娜 · .*操作员/);
    await tab.close();

    // Refused before execution, not for the token (an operation this gateway does not know): no data
    // entry, nothing learnt of the token; it stays 未验证 and says the gateway could not check it.
    const deputy = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-deputy', '1h', { name: '王强', region: '510904' });
    await page.route(`${origin}/graphql`, async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('"operationName":"DashboardFigures"')) return route.continue();
      const request = JSON.parse(body) as { extensions: { persistedQuery: { sha256Hash: string } }; query?: string };
      request.extensions.persistedQuery.sha256Hash = '0'.repeat(64);
      delete request.query;
      return route.continue({ postData: JSON.stringify(request) });
    });
    await enterToken(page, deputy);
    await expect.poll(() => page.textContent('#token-state'), ANSWERED).toBe('令牌：未验证（网关未能核验此令牌，稍后自动重试）');
    await page.unroute(`${origin}/graphql`);
    await page.selectOption('#period', 'all');
    await expect.poll(() => page.textContent('#token-state'), ANSWERED).toMatch(/^令牌：王强 · 四川省操作员/);
    await context.close();
  });

  test('another operator of the same side, by a token pasted over the last one’s (another person, another region), gets a fresh 台账导入 panel and 登记活动 panel, not the last one’s', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const sichuanOperator = (subject: string, name: string, region: string) => mintDevToken(federation.devKeys, 'sichuan-operator', subject, '1h', { name, region });
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${await sichuanOperator('anju-district', '陈刚', '510904')}`);
    const panel = page.locator('#ledger-import section.ledger-import');
    await panel.waitFor();
    // Whatever the last operator left in it (a preview, an import's result, its 撤销本次导入) is on this element.
    await panel.evaluate((section) => section.setAttribute('data-operator', 'anju-district'));
    // The same for the 登记活动 panel (its 已登记 box and 撤销这条记录 are the last person's).
    const recordPanel = page.locator('#record-activity section.record-activity');
    await recordPanel.waitFor();
    await recordPanel.evaluate((section) => section.setAttribute('data-operator', 'anju-district'));
    const paste = (token: string, name: string) => pasteToken(page, token, name);
    // Another person of 安居区 (the same side and region).
    await paste(await sichuanOperator('anju-deputy', '王强', '510904'), '王强');
    expect(await panel.count()).toBe(1);
    expect(await panel.getAttribute('data-operator'), 'another person').toBeNull();
    expect(await recordPanel.count()).toBe(1);
    expect(await recordPanel.getAttribute('data-operator'), 'another person, 登记活动').toBeNull();
    await panel.evaluate((section) => section.setAttribute('data-operator', 'anju-deputy'));
    // The same person's token for another region of Sichuan.
    await paste(await sichuanOperator('anju-deputy', '王强（磨溪镇）', '510904101'), '王强（磨溪镇）');
    expect(await panel.count()).toBe(1);
    expect(await panel.getAttribute('data-operator'), 'another region').toBeNull();
    await context.close();
  });

  test('a pasted operator token that expires takes 台账导入 away with the file chosen in it; the same person’s new token shows it as it was, another person’s a fresh one', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const anjuOperator = (subject: string, name: string, lifetime: string) => mintDevToken(federation.devKeys, 'sichuan-operator', subject, lifetime, { name, region: '510904' });
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${await anjuOperator('anju-district', '陈刚', '4s')}`);
    const slot = page.locator('#ledger-import');
    const panel = slot.locator('section.ledger-import[data-ready="true"]');
    await panel.waitFor();
    await page.getByLabel('导入方式').selectOption('all-or-nothing');
    await page.getByLabel('选择文件').setInputFiles({ name: '安居区活动台账.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff类别,名称\r\n', 'utf8') });
    const chosen = () => page.getByLabel('选择文件').evaluate((input) => (input as HTMLInputElement).files?.[0]?.name ?? null);
    // The token expires while the page is open: the gateway refuses it, and the panel goes.
    await expect.poll(() => slot.isVisible(), { timeout: 15_000 }).toBe(false);
    const paste = (token: string, name: string) => pasteToken(page, token, name);
    // The same person's new token: the panel as it was, the file still chosen (the browser never let it go).
    await paste(await anjuOperator('anju-district', '陈刚', '1h'), '陈刚');
    await expect.poll(() => slot.isVisible()).toBe(true);
    expect(await chosen()).toBe('安居区活动台账.csv');
    expect(await page.getByLabel('导入方式').inputValue()).toBe('all-or-nothing');
    expect(await panel.getByRole('button', { name: '预览' }).isEnabled()).toBe(true);
    // Another person of 安居区: a fresh panel, nothing of the last one's.
    await paste(await anjuOperator('anju-deputy', '王强', '1h'), '王强');
    await expect.poll(() => chosen()).toBeNull();
    expect(await page.getByLabel('导入方式').inputValue()).toBe('row-by-row');
    await context.close();
  });

  test('the period and jurisdiction filters change the figures to what the gateway answers for them', async () => {
    const { page, context } = await openDashboard();
    const before = await shownFigures(page);

    let count = await refreshCount(page);
    await page.selectOption('#period', 'all');
    await nextRefresh(page, count);
    const all = await gateway<FiguresAnswer>('DashboardFigures', { period: ALL_TIME, sides: null, allSides: true }, 'anonymous');
    const afterPeriod = await shownFigures(page);
    expectFiguresMatch(afterPeriod, all.data!, { total: true });
    // Later records (seed 001 and on) count in all time but not in the first half of 2021.
    expect(FIGURE_GROUPS.flatMap((g) => g.figures).filter(({ field }) => afterPeriod[field]!.total !== before[field]!.total).length).toBeGreaterThan(0);
    expect(await page.textContent('#period-text')).toContain('全部时间');

    count = await refreshCount(page);
    await page.selectOption('#side', 'chongqing');
    await nextRefresh(page, count);
    const chongqing = await gateway<FiguresAnswer>('DashboardFigures', { period: ALL_TIME, sides: ['chongqing'], allSides: false }, 'anonymous');
    expect(chongqing.data!.jurisdictions!.map((s) => s!.key)).toEqual(['chongqing']);
    const afterSide = await shownFigures(page);
    expectFiguresMatch(afterSide, chongqing.data!, { total: false });
    expect(afterSide['crossAppointments']!.total).not.toBe(afterPeriod['crossAppointments']!.total);
    // One side chosen: its figures alone, no per-side breakdown, and only its series in the charts.
    expect(Object.keys(afterSide['crossAppointments']!.parts)).toEqual([]);
    await expect.poll(() => page.locator('#trend-chart svg text', { hasText: '四川省' }).count()).toBe(0);
    await expect.poll(() => page.locator('#trend-chart svg text', { hasText: '重庆市' }).count()).toBeGreaterThan(0);

    // A custom period: the dates typed in go to the gateway as they are.
    count = await refreshCount(page);
    await page.selectOption('#side', '');
    await nextRefresh(page, count);
    count = await refreshCount(page);
    await page.selectOption('#period', 'custom');
    await nextRefresh(page, count);
    count = await refreshCount(page);
    await page.fill('#period-from', '2021-03-01');
    await page.dispatchEvent('#period-from', 'change');
    await nextRefresh(page, count);
    count = await refreshCount(page);
    await page.fill('#period-to', '2021-06-30');
    await page.dispatchEvent('#period-to', 'change');
    await nextRefresh(page, count);
    const custom = await gateway<FiguresAnswer>('DashboardFigures', { period: { from: '2021-03-01', to: '2021-06-30' }, sides: null, allSides: true }, 'anonymous');
    expectFiguresMatch(await shownFigures(page), custom.data!, { total: true });
    await context.close();
  });

  test('with the viewer token from the link: the token leaves the address bar, the alliance list matches the gateway, and the keyboard opens a drill-down', async () => {
    const token = await federation.token('viewer');
    const { page, context } = await openDashboard({ token });
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('linju.dashboard.token'))).toBe(token);
    await expect.poll(() => page.textContent('#token-state')).toContain('查看者');

    // The list is of the alliances standing in the period: founded by its end.
    const list = await gateway<AlliancesAnswer>('DashboardAlliances', { period: standingAlliancesPeriod(H1_2021) });
    const alliances = list.data!.alliances!.edges.map((e) => e.node);
    expect(await page.locator('button[data-alliance]').count()).toBe(alliances.length);
    expect(await page.locator('button[data-alliance]').allTextContents()).toEqual(alliances.map((a) => a.name));
    // Printed (Ctrl+P, a PDF), each name is its text on paper, not a hidden button.
    await page.emulateMedia({ media: 'print' });
    for (const name of alliances.slice(0, 3).map((a) => a.name)) expect(await page.locator('button[data-alliance]', { hasText: name }).first().isVisible(), name).toBe(true);
    await page.emulateMedia({ media: null });

    // Keyboard only: the skip link, then Tab past the list's search, kind and order to the first alliance, Enter to open it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到联盟名单');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('按名称搜索联盟');
    const passed: string[] = [];
    for (let i = 0; i < 6 && !(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.alliance)); i++) {
      passed.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? ''));
      await page.keyboard.press('Tab');
    }
    expect(passed).toEqual(['按名称搜索联盟', '联盟类别', '联盟排序']);
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.alliance);
    expect(focused).toBe(alliances[0]!.id);
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog#alliance-detail[open][data-loaded="true"]');

    const detail = await gateway<AllianceAnswer>('DashboardAlliance', { id: alliances[0]!.id, period: H1_2021 });
    expect(detail.errors).toBeUndefined();
    const alliance = detail.data!.alliance!;
    const dialog = page.locator('dialog#alliance-detail');
    expect(await dialog.locator('#detail-title').textContent()).toBe(alliance.name);
    expect(await dialog.locator('.member h5').allTextContents()).toEqual(
      expect.arrayContaining(alliance.members.map((m) => m.organization!.name)),
    );
    // Members of both sides, each side in its own column.
    const codes = new Set(alliance.members.map((m) => m.jurisdiction!.code));
    expect(codes.size).toBe(2);
    expect(await dialog.locator('section.side-members').count()).toBe(2);
    const crossPosts = alliance.members.flatMap((m) => m.organization!.posts.filter((p) => p.crossBorder));
    expect(await dialog.locator('tr[data-cross-border="true"]').count()).toBe(crossPosts.length);
    // Whose each holder is, named on every row: the joint office's page has no 本方.
    const holderSides = alliance.members.flatMap((m) => m.organization!.posts.map((p) => p.holder?.jurisdiction?.name ?? '—'));
    expect((await dialog.locator('table.posts tbody tr td:nth-child(3)').allTextContents()).sort()).toEqual(holderSides.sort());
    expect(await dialog.locator('.agreement').count()).toBe(alliance.agreements.length);
    expect(await dialog.locator('.agreement dd').count()).toBe(alliance.agreements.reduce((n, a) => n + new Set(a.items.map((i) => i.category)).size, 0));
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-drilldown-1366x768.png') });

    // The page refreshes while the dialog is open (the tab shown again; each minute alike): the list is
    // redrawn behind it, and closing still returns focus to the alliance opened, not to the page's top.
    const opener = await page.locator(`button[data-alliance="${alliances[0]!.id}"]`).elementHandle();
    const count = await refreshCount(page);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await nextRefresh(page, count);
    expect(await opener!.evaluate((element) => element.isConnected)).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.getAttribute('open')).toBeNull();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.alliance)).toBe(alliances[0]!.id);
    // Opened again, and the list narrowed behind it until the alliance is no longer in it: closing
    // focuses the list's heading, not the page's top.
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog#alliance-detail[open][data-loaded="true"]');
    await page.evaluate(() => {
      const search = document.querySelector<HTMLInputElement>('input[aria-label="按名称搜索联盟"]')!;
      search.value = '没有这个联盟';
      search.dispatchEvent(new Event('input'));
    });
    expect(await page.locator('button[data-alliance]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('alliances-heading');
    await context.close();
  });

  test('a slow answer for an alliance since closed does not fill the drill-down opened after it', async () => {
    const { page, context } = await openDashboard({ token: await federation.token('viewer') });
    const buttons = page.locator('button[data-alliance]');
    expect(await buttons.count()).toBeGreaterThanOrEqual(2);
    const [first, second] = [(await buttons.nth(0).getAttribute('data-alliance'))!, (await buttons.nth(1).getAttribute('data-alliance'))!];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first alliance's answer waits until the second's drill-down is on screen.
    await page.route('**/graphql', async (route) => {
      const body = JSON.parse(route.request().postData()!) as { operationName: string; variables: { id?: string } };
      if (body.operationName === 'DashboardAlliance' && body.variables.id === first) await held;
      await route.continue();
    });
    const dialog = page.locator('dialog#alliance-detail');
    await buttons.nth(0).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.getAttribute('open')).toBeNull();
    await buttons.nth(1).click();
    await page.waitForSelector('dialog#alliance-detail[open][data-loaded="true"]');
    const late = page.waitForResponse((response) => response.request().postData()?.includes(first) ?? false);
    release();
    await late;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200))); // the page reads the late answer

    const detail = await gateway<AllianceAnswer>('DashboardAlliance', { id: second, period: H1_2021 });
    const alliance = detail.data!.alliance!;
    expect(await dialog.locator('#detail-title').textContent()).toBe(alliance.name);
    expect((await dialog.locator('.member h5').allTextContents()).sort()).toEqual(alliance.members.map((m) => m.organization!.name).sort());
    await context.close();
  });

  test('on a phone, the alliance list keeps each heading and date on one line and scrolls sideways in its box; the page is no wider than the screen', async () => {
    const { page, context } = await openDashboard({ token: await federation.token('viewer'), viewport: { width: 390, height: 844 } });
    await expect.poll(() => page.locator('button[data-alliance]').count()).toBeGreaterThan(3);
    // The lines each cell's text is set in (框架协议 was stacked a character to a line).
    const lines = await page.$$eval('table.alliances thead th, table.alliances td.date', (cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return { text: cell.textContent, lines: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size };
      }),
    );
    expect(lines.length).toBeGreaterThan(6);
    expect(lines.filter((cell) => cell.lines !== 1)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-alliances-390x844.png'), fullPage: false });
    await context.close();
  });

  test('on a laptop and on a projector: screenshots as artefacts, nothing wider than the screen', async () => {
    const token = await federation.token('viewer');
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      const { page, context } = await openDashboard({ token, viewport });
      await page.waitForSelector('button[data-alliance]');
      await page.waitForTimeout(500); // the charts' entry animation
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `dashboard-${viewport.width}x${viewport.height}.png`) });
      await page.screenshot({ path: join(RESULTS_DIRECTORY, `dashboard-${viewport.width}x${viewport.height}-full.png`), fullPage: true });
      await context.close();
    }
  });

  test('a side stopped: the banner names it, and the other side’s figures are still shown', async () => {
    await federation.stopSubgraph('sichuan');
    try {
      const { page, context } = await openDashboard({ token: await federation.token('viewer') });
      const banner = page.locator('#outage-banner');
      await expect.poll(() => banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toContain('四川省数据暂不可用');
      expect(await banner.textContent()).not.toContain('重庆市数据暂不可用');

      const answer = await gateway<FiguresAnswer>('DashboardFigures', { period: H1_2021, sides: null, allSides: true }, 'anonymous');
      const chongqing = answer.data!.jurisdictions!.find((s) => s?.key === 'chongqing')!;
      expect(answer.data!.overview!.total).toBeNull();
      const shown = await shownFigures(page);
      for (const { field } of FIGURE_GROUPS.flatMap((g) => g.figures)) {
        expect(shown[field]!.parts['chongqing'], field).toBe(String(chongqing.figures[field]));
        expect(shown[field]!.partTexts['sichuan'], field).toBe('暂不可用');
        expect(shown[field]!.total, field).toBe('');
      }
      // 同比 and 环比 of the joint total could not be read: 暂不可用, not 无可比数据 (the earlier period
      // is not known to have nothing); the joint office's own figures are compared as ever.
      const compared = await comparisonTexts(page);
      for (const { field } of FIGURE_GROUPS.flatMap((g) => g.figures)) expect(compared[field], field).toEqual(['暂不可用', '暂不可用']);
      expect(Object.entries(compared).filter(([field, texts]) => JOINT_CARDS.includes(field) && texts.includes('暂不可用'))).toEqual([]);
      // The joint office's records still answer: its alliance figures and list stay.
      expect(shown['townshipAlliances']!.total).toBe(String(answer.data!.overview!.alliances.townshipAlliances));
      expect(await page.locator('button[data-alliance]').count()).toBeGreaterThan(0);
      await expect.poll(() => page.textContent('#chart-notes')).toContain('四川省暂不可用');
      // The selector keeps the side that is down, by its name, marked: it was left out.
      expect(await page.locator('#side option').allTextContents()).toEqual(['全部辖区（合计）', '四川省（暂不可用）', '重庆市']);
      await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-sichuan-down-1366x768.png'), fullPage: true });
      await context.close();

      // Opened on Sichuan alone (a link, a reload), while it is down: its name, never its key; every
      // side still offered; the banner says nothing of other sides' numbers shown (none are).
      const alone = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      const single = await alone.newPage();
      const { errors } = watchPage(single);
      await single.goto(`${origin}/dashboard/?period=2021h1&side=sichuan`);
      await nextRefresh(single, 0);
      expect(await single.inputValue('#side')).toBe('sichuan');
      await expect.poll(() => single.locator('#side option').allTextContents()).toEqual(['全部辖区（合计）', '四川省（暂不可用）', '重庆市']);
      expect(await single.locator('#side option:checked').textContent()).toBe('四川省（暂不可用）');
      const singleBanner = await single.textContent('#outage-banner');
      expect(singleBanner).toContain('四川省数据暂不可用：四川省的数字暂缺');
      expect(singleBanner).not.toContain('照常显示');
      expect(await single.textContent('#print-period')).toContain('四川省');
      expect(await single.locator('body').innerText()).not.toMatch(/\bsichuan\b/);
      // Its 同比 and 环比 could not be read either.
      const comparedAlone = await comparisonTexts(single);
      for (const { field } of FIGURE_GROUPS.flatMap((g) => g.figures)) expect(comparedAlone[field], field).toEqual(['暂不可用', '暂不可用']);
      // Chongqing chosen from there: its figures; Sichuan, no longer asked, is offered unmarked.
      const count = await refreshCount(single);
      await single.selectOption('#side', 'chongqing');
      await nextRefresh(single, count);
      expect((await shownFigures(single))['crossAppointments']!.total).toBe(String(chongqing.figures['crossAppointments']));
      expect(await single.locator('#side option').allTextContents()).toEqual(['全部辖区（合计）', '四川省', '重庆市']);
      expect(errors).toEqual([]);
      await alone.close();
    } finally {
      await federation.startSubgraph('sichuan');
    }
  });

  test('the joint office stopped: each side’s figures still shown from its own store (DashboardSideFigures), the total 暂缺, the banner naming 遂潼联合办公室; back to DashboardFigures once it answers', async () => {
    const answer = await gateway<FiguresAnswer>('DashboardFigures', { period: H1_2021, sides: null, allSides: true }, 'anonymous');
    expect(answer.errors).toBeUndefined();
    const sides = answer.data!.jurisdictions!.map((s) => s!);
    expect(sides.map((s) => s.key)).toEqual(['sichuan', 'chongqing']);
    await federation.stopSubgraph('joint');
    let stopped = true;
    let tab: Awaited<ReturnType<typeof openDashboard>> | undefined;
    try {
      tab = await openDashboard();
      const { page, requests } = tab;
      const banner = page.locator('#outage-banner');
      await expect.poll(() => banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toContain('遂潼联合办公室数据暂不可用');
      expect(await banner.textContent()).not.toContain('四川省数据暂不可用');
      expect(await banner.textContent()).not.toContain('重庆市数据暂不可用');
      const shown = await shownFigures(page);
      for (const { field } of FIGURE_GROUPS.flatMap((g) => g.figures)) {
        for (const side of sides) expect(shown[field]!.parts[side.key], `${field} of ${side.key}`).toBe(String(side.figures[field]));
        // Never a total of the sides while the joint office, which makes it, is missing.
        expect(shown[field]!.total, field).toBe('');
        expect(shown[field]!.totalText, field).toContain('暂缺');
      }
      expect(await page.textContent('article.figure[data-field="crossAppointments"] .total-label')).toBe('合计暂缺（联合办公室数据不可用）');
      // 2021年上半年's seed: 交叉任职 56 in all, of which each side's part.
      expect(Number(shown['crossAppointments']!.parts['sichuan']) + Number(shown['crossAppointments']!.parts['chongqing'])).toBe(56);
      // The joint office's own figures (alliances, agreements) are unavailable, not made up.
      expect(shown['townshipAlliances']!.total).toBe('');
      // Nothing compared could be read (the joint office answers the periods compared): 暂不可用 on every card.
      const compared = await comparisonTexts(page);
      expect(Object.keys(compared).length).toBeGreaterThan(JOINT_CARDS.length);
      for (const [field, texts] of Object.entries(compared)) expect(texts, field).toEqual(['暂不可用', '暂不可用']);
      expect(await page.textContent('#data-as-of')).toContain('联合办公室 暂不可用');
      expect(await page.textContent('#data-as-of')).not.toContain('四川 暂不可用');
      // The trend and 川渝通办 hold both sides; the alliances by kind, the joint office's, say they are missing.
      expect(await page.textContent('#chart-notes')).toBe('遂潼联合办公室暂不可用，党建联盟（按类别）暂缺。');
      expect(requests.some((r) => r.body?.includes('DashboardSideFigures'))).toBe(true);
      await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-joint-down-1366x768.png'), fullPage: true });

      // Back: the next refresh (here the tab shown again) reads DashboardFigures, the total with it.
      await federation.startSubgraph('joint');
      stopped = false;
      const before = await refreshCount(page);
      const sentBefore = requests.length;
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await nextRefresh(page, before);
      await expect.poll(() => banner.isVisible()).toBe(false);
      expectFiguresMatch(await shownFigures(page), answer.data!, { total: true });
      expect(requests.slice(sentBefore).some((r) => r.body?.includes('DashboardSideFigures'))).toBe(false);
    } finally {
      await tab?.context.close();
      if (stopped) await federation.startSubgraph('joint');
    }
  });
});
