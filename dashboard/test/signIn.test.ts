import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mintDevToken } from '@linju/gateway/devKeys';
import { findDevAccount } from '@linju/identity/devAccounts';
import type { DevAccount } from '@linju/identity/devAccounts';
import { SIGN_IN_MESSAGES } from '@linju/sign-in';
import {
  confirmSignOutOnProviderPage,
  federationSnapshot,
  launchChromium,
  persistentStorage,
  signInOnProviderPage,
  skipWithoutChromium,
  startFederation,
  type Federation,
} from '@linju/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOKEN_REFUSED_TEXT } from '../src/graphql/errorText.ts';
import { ensureDashboardBuilt, RESULTS_DIRECTORY } from './support/dashboardBuild.ts';
import { nextRefresh, refreshCount } from './support/readPage.ts';
import { heldTokens, sessionLapses, signedInOnClock, signInAgain } from './support/signedInOnClock.ts';

/**
 * Sign-in as a person does it: the real development identity provider (oidc-provider, its Chinese
 * sign-in page), the real gateway trusting it, the built dashboard, and Debian's Chromium. The
 * 磨溪镇 clerk signs in with the account `npm start` prints, sees the alliance list (not public),
 * and signs out again; signed in, the clerk records an activity in the page's 登记活动 panel and is
 * refused one of another town, which is the check by hand of issue 13, done by the browser.
 */

const clerk = findDevAccount('moxi-clerk')!;
/** 分水镇, the town beside 磨溪镇 in 安居区: outside the clerk's region. */
const FENSHUI = '510904102';

let federation: Federation;
let browser: Browser;
let origin: string;
let issuer: string;

/** A phone-sized tab that records the Authorization of every GraphQL request and every error. */
async function openOnPhone(): Promise<{ page: Page; context: BrowserContext; sent: (string | null)[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const sent: (string | null)[] = [];
  page.on('request', (request) => {
    if (request.url() === `${origin}/graphql`) sent.push(request.headers()['authorization'] ?? null);
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A Content-Security-Policy violation (the identity provider's origin not allowed) shows on the console.
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d|status of 5\d\d/.test(message.text())) errors.push(message.text());
  });
  // The report's period, which has alliances (the page opens on the current year without one); it is
  // kept across the trip to the identity provider.
  await page.goto(`${origin}/dashboard/?period=2021h1`);
  await nextRefresh(page, 0);
  return { page, context, sent, errors };
}

/** A phone-sized tab signed in as `account` through the provider's page, once the header names the person. */
async function signedInOnPhone(account: DevAccount): Promise<Awaited<ReturnType<typeof openOnPhone>>> {
  const tab = await openOnPhone();
  await tab.page.click('#sign-in-button');
  await signInOnProviderPage(tab.page, account, `${origin}/dashboard/`);
  await nextRefresh(tab.page, 0);
  await expect.poll(() => tab.page.textContent('#token-state')).toContain(account.name);
  return tab;
}

/** A desktop tab whose clock the test moves, the 磨溪镇 clerk signed in. */
const clerkSignedInOnClock = () => signedInOnClock(browser, origin, clerk);

describe.skipIf(skipWithoutChromium('the dashboard sign-in'))('signing in to the dashboard through the identity provider', () => {
  beforeAll(async () => {
    ensureDashboardBuilt();
    await mkdir(RESULTS_DIRECTORY, { recursive: true });
    [federation, browser] = await Promise.all([startFederation({ identityProvider: true }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
    issuer = federation.identity!.issuer;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('the 磨溪镇 clerk signs in on a phone, is named in the header, reads the alliances with the token; tokens only in sessionStorage; 退出 returns to the public view', async () => {
    const { page, context, sent, errors } = await openOnPhone();
    // Signed out: 登录 (no token to paste), public figures only.
    await expect.poll(() => page.isVisible('#sign-in-button')).toBe(true);
    expect(await page.isVisible('#token-button')).toBe(false);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect(await page.textContent('#alliance-list')).toContain('需要登录');
    expect(sent.every((authorization) => authorization === null)).toBe(true);

    // 登录 → the identity provider's Chinese page (authorization code with PKCE S256, state and nonce).
    const authorization = page.waitForRequest((request) => request.url().startsWith(issuer) && new URL(request.url()).searchParams.has('code_challenge'));
    await page.click('#sign-in-button');
    const asked = new URL((await authorization).url());
    expect(Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'code_challenge_method'].map((name) => [name, asked.searchParams.get(name)])))
      .toEqual({ response_type: 'code', client_id: 'linju-dashboard', redirect_uri: `${origin}/dashboard/`, code_challenge_method: 'S256' });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(asked.searchParams.get(name)?.length, name).toBeGreaterThanOrEqual(22);
    await page.getByLabel('账号').waitFor();
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'sign-in-provider-390x844.png'), fullPage: true });
    const count = await refreshCount(page);
    await signInOnProviderPage(page, clerk, `${origin}/dashboard/`);
    await nextRefresh(page, count);

    // Back, signed in: the code is gone from the address, the period chosen before is back in it, the header names the clerk.
    expect(page.url()).toBe(`${origin}/dashboard/?period=2021h1`);
    expect(await page.inputValue('#period')).toBe('2021h1');
    // The region by its name (the token names its code only: found in Sichuan's regions), the code in the tooltip.
    await expect.poll(() => page.textContent('#token-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    expect(await page.getAttribute('#token-state', 'title')).toBe(`区划代码：${clerk.region}`);
    expect(await page.isVisible('#sign-out-button')).toBe(true);
    expect(await page.isVisible('#sign-in-button')).toBe(false);
    // The GraphQL requests carry the access token, and the gateway accepts it: the alliance list (not public) is shown.
    const held = (await heldTokens(page))!;
    expect(held.refreshToken).toBeTruthy();
    expect(sent.at(-1)).toBe(`Bearer ${held.accessToken}`);
    await expect.poll(() => page.locator('button[data-alliance]').count()).toBeGreaterThan(0);
    expect(await page.textContent('#alliance-list')).not.toContain('需要登录');
    // On a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-signed-in-390x844.png') });

    // The tokens live in this tab's sessionStorage only: no localStorage, no cookie holds one.
    const stored = await persistentStorage(page, origin);
    for (const token of [held.accessToken, held.idToken, held.refreshToken!]) {
      for (const value of [...stored.localStorage, ...stored.cookies]) expect(value.includes(token)).toBe(false);
    }

    // A reload keeps the sign-in (the tab's sessionStorage).
    await page.reload();
    await nextRefresh(page, 0);
    await expect.poll(() => page.textContent('#token-state')).toContain(clerk.name);

    // 退出 → the identity provider's confirmation → back on the dashboard, public view, tokens gone.
    await page.click('#sign-out-button');
    await confirmSignOutOnProviderPage(page, `${origin}/dashboard/`);
    await nextRefresh(page, 0);
    await expect.poll(() => page.isVisible('#sign-in-button')).toBe(true);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect(await page.textContent('#alliance-list')).toContain('需要登录');
    expect(await heldTokens(page)).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('signed in, a wrong period in the address (QA): the header still names the clerk’s role and town, the 辖区 selector every side, though no figure is read', async () => {
    const { page, context, errors } = await signedInOnPhone(clerk);
    for (const search of ['?period=custom&from=2021-06-30&to=2021-01-01', '?period=custom&from=2021-02-30&to=2021-06-01']) {
      // A new load: nothing named before it is known to the page.
      await page.goto(`${origin}/dashboard/${search}`);
      await page.locator('.wrong-period-message').waitFor();
      await expect.poll(() => page.textContent('#token-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
      await expect.poll(() => page.$$eval('#side option', (options) => options.map((o) => o.textContent))).toEqual(expect.arrayContaining(['全部辖区（合计）', '四川省', '重庆市']));
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a shared phone: after 退出, even with 取消 at the provider (its session kept), the next 登录 asks for the account (prompt=login), and the next clerk signs in as themselves', async () => {
    const { page, context, errors } = await signedInOnPhone(clerk);
    // 退出 → the provider asks whether to end its session too; the clerk chooses 取消 (only this page signs out).
    await page.click('#sign-out-button');
    await page.getByRole('heading', { name: '退出登录' }).waitFor();
    await page.getByRole('button', { name: /^取消/ }).click();
    await page.waitForURL((url) => url.href.startsWith(`${origin}/dashboard/`));
    await nextRefresh(page, 0);
    await expect.poll(() => page.isVisible('#sign-in-button')).toBe(true);
    expect(await heldTokens(page)).toBeNull();

    // The next person presses 登录: the provider asks for an account, not a silent return as 张敏.
    const authorization = page.waitForRequest((request) => request.url().startsWith(issuer) && new URL(request.url()).searchParams.has('code_challenge'));
    await page.click('#sign-in-button');
    expect(new URL((await authorization).url()).searchParams.get('prompt')).toBe('login');
    await page.getByLabel('账号').waitFor();
    const other = findDevAccount('anju-district')!;
    await signInOnProviderPage(page, other, `${origin}/dashboard/`);
    await nextRefresh(page, 0);
    await expect.poll(() => page.textContent('#token-state')).toContain(other.name);
    expect(await page.textContent('#token-state')).not.toContain(clerk.name);

    // Signed in, the mark is spent: 登录 in a new tab of this browser, with no 退出 since, asks nothing (the provider's session).
    const tab = await context.newPage();
    await tab.goto(`${origin}/dashboard/`);
    await nextRefresh(tab, 0);
    const silent = tab.waitForRequest((request) => request.url().startsWith(issuer) && new URL(request.url()).searchParams.has('code_challenge'));
    await tab.click('#sign-in-button');
    expect(new URL((await silent).url()).searchParams.get('prompt')).toBeNull();
    await tab.waitForURL((url) => url.href.startsWith(`${origin}/dashboard/`) && !url.searchParams.has('code'));
    await expect.poll(() => tab.textContent('#token-state')).toContain(other.name);

    // 退出 in that tab marks the browser, not only the tab: 登录 in a tab opened afterwards asks for the account.
    await tab.click('#sign-out-button');
    await confirmSignOutOnProviderPage(tab, `${origin}/dashboard/`);
    await tab.close();
    const fresh = await context.newPage();
    await fresh.goto(`${origin}/dashboard/`);
    await nextRefresh(fresh, 0);
    const asked = fresh.waitForRequest((request) => request.url().startsWith(issuer) && new URL(request.url()).searchParams.has('code_challenge'));
    await fresh.click('#sign-in-button');
    expect(new URL((await asked).url()).searchParams.get('prompt')).toBe('login');
    await fresh.getByLabel('账号').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('renewal: the token is renewed before it expires, with the refresh token; when it cannot be, the page says 请重新登录', async () => {
    const { context, page } = await clerkSignedInOnClock();
    const first = (await heldTokens(page))!;

    // A minute before expiry, the page asks the token endpoint with its refresh token, and keeps the new (rotated) tokens.
    const renewal = page.waitForRequest((request) => request.url().startsWith(issuer) && (request.postData() ?? '').includes('grant_type=refresh_token'));
    await page.clock.fastForward(first.expiresAt - (await page.evaluate(() => Date.now())) - 30_000);
    expect(new URLSearchParams((await renewal).postData()!).get('refresh_token')).toBe(first.refreshToken);
    await expect.poll(async () => (await heldTokens(page))?.accessToken).not.toBe(first.accessToken);
    const second = (await heldTokens(page))!;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.expiresAt).toBeGreaterThan(first.expiresAt);
    // The next request carries the new token, and the gateway takes it.
    // (Matched by its period: a refresh the page started before may still be answering.)
    const alliances = page.waitForResponse((response) => {
      if (response.url() !== `${origin}/graphql`) return false;
      const body = JSON.parse(response.request().postData() ?? '{}') as { operationName?: string; variables?: { period?: { from?: string | null } } };
      return body.operationName === 'DashboardAlliances' && body.variables?.period?.from === null;
    });
    await page.selectOption('#period', 'all');
    const answer = await alliances;
    // A renewed token, never the first. In two CI runs (fresh clone, the whole suite) it was not the
    // token renewed above, not reproduced alone or under load here: the message says which it was.
    const sent = answer.request().headers()['authorization'];
    const heldNow = (await heldTokens(page))?.accessToken;
    const which = sent === `Bearer ${first.accessToken}` ? 'the first token' : sent === `Bearer ${second.accessToken}` ? 'the renewed token' : sent === `Bearer ${heldNow}` ? 'a later renewal' : 'an unknown token';
    expect(sent, `sent ${which}`).not.toBe(`Bearer ${first.accessToken}`);
    expect(sent, `sent ${which}`).toMatch(/^Bearer \S+$/);
    const body = (await answer.json()) as { data?: { alliances?: { totalCount: number } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.alliances?.totalCount).toBeGreaterThan(0);

    // The identity provider does not answer (down) until the token has expired: signed out, and the page says so.
    await context.route(`${issuer}/**`, (route) => route.abort('connectionrefused'));
    await page.clock.fastForward(second.expiresAt - (await page.evaluate(() => Date.now())) + 1_000);
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 10_000 }).toContain('请重新登录');
    expect(await page.isVisible('#sign-in-button')).toBe(true);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect(await heldTokens(page)).toBeNull();

    // Someone who looked away still learns it: the periodic refresh (every minute) leaves the notice in
    // the banner; 关闭提示 closes it, and it does not come back.
    for (let minute = 0; minute < 3; minute++) {
      const before = await refreshCount(page);
      await page.clock.fastForward(61_000);
      await nextRefresh(page, before);
      expect(await page.isVisible('#outage-banner')).toBe(true);
      expect(await page.textContent('#outage-banner')).toContain('登录已到期，请重新登录。');
    }
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-signed-out-notice.png') });
    await page.getByRole('button', { name: '关闭提示' }).click();
    expect(await page.isVisible('#outage-banner')).toBe(false);
    const before = await refreshCount(page);
    await page.clock.fastForward(61_000);
    await nextRefresh(page, before);
    expect(await page.isVisible('#outage-banner')).toBe(false);
    await context.close();
  });

  test('on the wall screen (大屏), which shows nothing that needs a sign-in and no 登录, a sign-in that lapses puts no 请重新登录 before the room: the notice waits for 退出大屏', async () => {
    const { context, page } = await clerkSignedInOnClock();
    await page.click('#wall-button');
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('wall'))).toBe(true);
    // The provider unreachable until the token has expired: the tab is signed out.
    await context.route(`${issuer}/**`, (route) => route.abort('connectionrefused'));
    const held = (await heldTokens(page))!;
    await page.clock.fastForward(held.expiresAt - (await page.evaluate(() => Date.now())) + 1_000);
    await expect.poll(() => heldTokens(page), { timeout: 10_000 }).toBeNull();
    // Through the wall's refreshes (every minute), the banner stays away.
    for (let minute = 0; minute < 2; minute++) {
      const before = await refreshCount(page);
      await page.clock.fastForward(61_000);
      await nextRefresh(page, before);
      expect(await page.isVisible('#outage-banner')).toBe(false);
    }
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-wall-signed-out.png') });
    // 退出大屏: the notice is there, beside the 登录 it asks for.
    await page.getByRole('button', { name: '退出大屏' }).click();
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 10_000 }).toContain('登录已到期，请重新登录。');
    expect(await page.isVisible('#sign-in-button')).toBe(true);
    await context.close();
  });

  test('the provider’s session ends (signed out in another tab, as at the end of its 12 hours): the renewal is refused and the page says so calmly, 登录已到期或已在别处退出', async () => {
    const { context, page } = await clerkSignedInOnClock();
    // Another tab of the same browser: signed in without a password (the provider's session), then 退出, confirmed at the provider.
    const other = await context.newPage();
    await other.goto(`${origin}/dashboard/`);
    await nextRefresh(other, 0);
    await other.click('#sign-in-button');
    await other.waitForURL((url) => url.href.startsWith(`${origin}/dashboard/`) && !url.searchParams.has('code'));
    await expect.poll(() => other.textContent('#token-state')).toContain(clerk.name);
    // The first tab renews as soon as the other is back from 退出 (its storage event, 0915d42), not a
    // minute before its token expires: the provider refuses (its session, and the grant, ended).
    const renewal = page.waitForResponse((response) => response.url().startsWith(issuer) && (response.request().postData() ?? '').includes('grant_type=refresh_token'));
    await other.click('#sign-out-button');
    await confirmSignOutOnProviderPage(other, `${origin}/dashboard/`);
    expect((await renewal).status()).toBe(400);
    await other.close();
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 10_000 }).toContain('登录已到期或已在别处退出，请重新登录。');
    const banner = (await page.textContent('#outage-banner'))!;
    // Not a fault: nothing says 失效, nor that something went wrong.
    expect(banner).not.toMatch(/失效|可能/);
    expect(await page.isVisible('#sign-in-button')).toBe(true);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect(await heldTokens(page)).toBeNull();
    await context.close();
  });

  test('登记活动 in the dashboard: the 磨溪镇 clerk records an activity of 磨溪镇, is refused one of 分水镇 with both towns named, and finds both in Sichuan’s audit log', async () => {
    const { page, context, errors } = await signedInOnPhone(clerk);
    await expect.poll(() => page.textContent('#token-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    const panel = page.locator('section.record-activity[data-ready="true"]');
    await panel.waitFor();
    await expect.poll(() => panel.locator('.record-intro').textContent()).toContain(`磨溪镇（${clerk.region}）`);
    // Found without scrolling on a phone: on the first screen, above the figures.
    const heading = (await panel.getByRole('heading', { name: '登记活动' }).boundingBox())!;
    expect(heading.y + heading.height).toBeLessThanOrEqual(844);
    expect(heading.y).toBeLessThan((await page.locator('#figures-heading').boundingBox())!.y);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-record-panel-390x844.png') });

    const organizer = panel.getByLabel('主办组织', { exact: true });
    const fill = async (title: string, organizerLabel: string, personTimes: string) => {
      await panel.getByLabel('类别').selectOption('政策宣讲');
      await panel.getByLabel('名称', { exact: true }).fill(title);
      await organizer.selectOption({ label: organizerLabel });
      await panel.getByLabel('人次').fill(personTimes);
    };
    const submit = panel.getByRole('button', { name: '登记', exact: true });

    // Only organizations of the clerk's town (and its villages) are offered: none of 分水镇.
    const offered = await organizer.locator('option').allTextContents();
    expect(offered.some((label) => label.endsWith('（磨溪镇）'))).toBe(true);
    expect(offered.some((label) => label.includes('分水镇'))).toBe(false);
    const moxiOrganizer = (await organizer.locator('option', { hasText: '（磨溪镇）' }).first().textContent())!;

    // Recorded: the success, in Chinese, and the row in Sichuan's store.
    const title = `磨溪镇政策宣讲（看板登录测试 ${Date.now()}）`;
    await fill(title, moxiOrganizer, '36');
    await submit.click();
    const recorded = panel.locator('[data-outcome="recorded"]');
    await recorded.waitFor();
    expect(await recorded.textContent()).toContain(`已登记：《${title}》`);
    expect(await recorded.textContent()).toContain(`主办：${moxiOrganizer}`);
    const sichuan = federation.subgraphs['sichuan']!.pool;
    expect((await sichuan.query('SELECT count(*)::int AS n FROM activity WHERE title = $1', [title])).rows).toEqual([{ n: 1 }]);

    // Refused: 也列出本区划以外的组织 ticked, an organization of 分水镇 chosen; both towns named, nothing changed.
    await panel.getByLabel('也列出本区划以外的组织').check();
    await panel.getByLabel('按名称筛选主办组织').fill('分水镇');
    const fenshui = organizer.locator('option', { hasText: '（分水镇）' }).first();
    await fenshui.waitFor({ state: 'attached' });
    const refusedTitle = `分水镇政策宣讲（看板登录测试 ${Date.now()}）`;
    await fill(refusedTitle, (await fenshui.textContent())!, '20');
    const before = await federationSnapshot(federation.subgraphs);
    await submit.click();
    const refused = panel.locator('[data-outcome="refused"]');
    await refused.waitFor();
    const message = (await refused.locator('.record-message').textContent())!;
    expect(message).toContain(`磨溪镇（${clerk.region}）`);
    expect(message).toContain(`分水镇（${FENSHUI}）`);
    expect(message).toContain('未作任何更改');
    expect(await refused.textContent()).not.toMatch(/[{}]|FORBIDDEN|outside-region/);
    expect(await federationSnapshot(federation.subgraphs), 'every store as it was').toEqual(before);

    // Usable at 390 px: nothing wider than the screen, the panel and its button within it.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const box of [await panel.boundingBox(), await submit.boundingBox()]) {
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-record-refused-390x844.png') });
    expect(errors).toEqual([]);

    // Sichuan's audit log, read through the gateway with the clerk's own token: both attempts, under the clerk's account, name and region.
    const { accessToken } = (await heldTokens(page))!;
    const answer = await federation.query<{ sichuan: { auditLog: { edges: { node: Record<string, unknown> }[] } } }>(
      `query ($subject: String) { sichuan { auditLog(first: 50, subject: $subject) { edges { node { subject name role region kind outcome errorCodes operationName } } } } }`,
      { subject: clerk.id },
      { as: { authorization: `Bearer ${accessToken}` } },
    );
    expect(answer.errors).toBeUndefined();
    const writes = answer.data!.sichuan.auditLog.edges.map((edge) => edge.node).filter((entry) => entry['kind'] === 'WRITE');
    const entry = { subject: 'moxi-clerk', name: '张敏', role: 'sichuan-operator', region: clerk.region, kind: 'WRITE', operationName: expect.stringContaining('DashboardRecordSichuanActivity') };
    // Newest first: the refusal, then the activity recorded.
    expect(writes).toEqual([
      { ...entry, outcome: 'ERROR', errorCodes: ['FORBIDDEN'] },
      { ...entry, outcome: 'OK', errorCodes: [] },
    ]);
    // The chain holds: verified by a whole-side operator (a town clerk may not recompute the side's chain).
    const chain = await federation.query<{ sichuan: { auditChain: { verified: boolean; brokenAt: string | null } } }>('{ sichuan { auditChain { verified brokenAt } } }', {}, { as: 'sichuan-operator' });
    expect(chain.errors).toBeUndefined();
    expect(chain.data!.sichuan.auditChain).toEqual({ verified: true, brokenAt: null });
    await context.close();
  });

  /**
   * A tab of the 磨溪镇 clerk, signed in, whose first request of `operation` (the panel's write, 登记 or
   * 确认撤销; the drill-through's records) reaches the gateway with a token it refuses as expired (its
   * clock ahead of the provider's, a laptop waking: the header swapped on the way); every later request
   * as the page sends it, or, `refusals` past 1, so many. `writes` holds each request of `operation` as
   * the page sent it: its token and its variables.
   */
  async function refusedOnceOnPhone(operation: string, refusals = 1): Promise<Awaited<ReturnType<typeof signedInOnPhone>> & { writes: { authorization: string | null; variables: unknown }[] }> {
    const tab = await signedInOnPhone(clerk);
    const expired = await mintDevToken(federation.devKeys, 'sichuan-operator', clerk.id, '-1m', { name: clerk.name, region: clerk.region });
    const writes: { authorization: string | null; variables: unknown }[] = [];
    await tab.page.route(`${origin}/graphql`, async (route) => {
      const request = route.request();
      const body = JSON.parse(request.postData() ?? '{}') as { operationName?: string; variables?: unknown };
      if (body.operationName !== operation) return route.fallback();
      writes.push({ authorization: request.headers()['authorization'] ?? null, variables: body.variables });
      return writes.length <= refusals ? route.fallback({ headers: { ...request.headers(), authorization: `Bearer ${expired}` } }) : route.fallback();
    });
    return { ...tab, writes };
  }

  /** The tokens a write was sent with, each once, in order. */
  const sentWith = (writes: readonly { authorization: string | null }[]) => [...new Set(writes.map((write) => write.authorization))];

  /** Fills 登记活动 with an activity of 磨溪镇 titled `title`, presses 登记 and waits for the outcome. */
  async function recordOnPhone(page: Page, title: string): Promise<Locator> {
    const panel = page.locator('section.record-activity[data-ready="true"]');
    await panel.waitFor();
    const organizer = panel.getByLabel('主办组织', { exact: true });
    await panel.getByLabel('类别').selectOption('政策宣讲');
    await panel.getByLabel('名称', { exact: true }).fill(title);
    await organizer.selectOption({ label: (await organizer.locator('option', { hasText: '（磨溪镇）' }).first().textContent())! });
    await panel.getByLabel('人次').fill('12');
    await panel.getByRole('button', { name: '登记', exact: true }).click();
    const outcome = panel.locator('.record-outcome > [data-outcome]');
    await outcome.waitFor({ timeout: 10_000 });
    return outcome;
  }

  test('a write of 登记活动 refused for a token the gateway takes as expired is sent again once the token is renewed, with the same key: recorded (or withdrawn) once, still signed in, no 重新登录', async () => {
    const sichuan = federation.subgraphs['sichuan']!.pool;
    const { page, context, writes, errors } = await refusedOnceOnPhone('DashboardRecordSichuanActivity');
    const before = (await heldTokens(page))!;
    const title = `磨溪镇政策宣讲（令牌续期测试 ${Date.now()}）`;
    const outcome = await recordOnPhone(page, title);
    expect(await outcome.getAttribute('data-outcome'), (await outcome.textContent())!).toBe('recorded');
    expect(await page.locator('section.record-activity').textContent()).not.toContain('重新登录');
    // Refused, then sent again under the renewed token (the refresh token's; its hash, then its document, as a
    // persisted query goes to a gateway that has not seen it), with the same input and key; written once.
    const renewed = (await heldTokens(page))!;
    expect(renewed.accessToken).not.toBe(before.accessToken);
    expect(sentWith(writes)).toEqual([`Bearer ${before.accessToken}`, `Bearer ${renewed.accessToken}`]);
    for (const write of writes) expect(write.variables).toEqual(writes[0]!.variables);
    expect((await sichuan.query('SELECT count(*)::int AS n FROM activity WHERE title = $1', [title])).rows).toEqual([{ n: 1 }]);
    expect(await page.textContent('#token-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    expect(errors).toEqual([]);
    await context.close();

    // 撤销这条记录 alike, in a tab of its own (a session renews after a refusal once until its next scheduled renewal).
    const second = await refusedOnceOnPhone('DashboardWithdrawSichuanRecord');
    const withdrawnTitle = `磨溪镇政策宣讲（令牌续期撤销测试 ${Date.now()}）`;
    const recorded = await recordOnPhone(second.page, withdrawnTitle);
    const reason = `重复登记（令牌续期测试 ${Date.now()}）`;
    const token = (await heldTokens(second.page))!.accessToken;
    await recorded.getByRole('button', { name: '撤销这条记录' }).click();
    await second.page.getByLabel('撤销原因').fill(reason);
    await recorded.getByRole('button', { name: '确认撤销' }).click();
    await second.page.locator('[data-outcome="withdrawn"]').waitFor({ timeout: 10_000 });
    const renewedAgain = (await heldTokens(second.page))!.accessToken;
    expect(renewedAgain).not.toBe(token);
    expect(sentWith(second.writes)).toEqual([`Bearer ${token}`, `Bearer ${renewedAgain}`]);
    for (const write of second.writes) expect(write.variables).toEqual(second.writes[0]!.variables);
    expect((await sichuan.query('SELECT count(*)::int AS n FROM withdrawn_record WHERE reason = $1', [reason])).rows).toEqual([{ n: 1 }]);
    expect((await sichuan.query('SELECT count(*)::int AS n FROM activity WHERE title = $1', [withdrawnTitle])).rows).toEqual([{ n: 0 }]);
    expect(second.errors).toEqual([]);
    await second.context.close();
  });

  test('the drill-through’s records refused for the token (401): renewed once and shown; refused again, the dialog says 登录已失效或令牌无效 with 登录, and the page signs out saying why, not 该辖区的记录暂不可用', async () => {
    const drill = 'article[data-field="crossAppointments"] button.drill[data-drill="sichuan"]';
    // Refused once: the page renews the token, as for its figures, and the dialog asks again with it.
    const once = await refusedOnceOnPhone('DashboardFigureRecords');
    const before = (await heldTokens(once.page))!;
    await once.page.locator(drill).click();
    const records = once.page.locator('dialog#figure-records[open]');
    await expect.poll(() => records.locator('.records-count').textContent(), { timeout: 15_000 }).toMatch(/^共 \d+ 条/);
    const renewed = (await heldTokens(once.page))!;
    expect(renewed.accessToken).not.toBe(before.accessToken);
    expect(sentWith(once.writes)).toEqual([`Bearer ${before.accessToken}`, `Bearer ${renewed.accessToken}`]);
    expect(await once.page.textContent('#token-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    expect(once.errors).toEqual([]);
    await once.context.close();

    // Refused with the renewed token too: the session ends, as for any refused sign-in of the page.
    const { page, context, writes, errors } = await refusedOnceOnPhone('DashboardFigureRecords', Infinity);
    const held = (await heldTokens(page))!;
    await page.locator(drill).click();
    const dialog = page.locator('dialog#figure-records[open]');
    await expect.poll(() => dialog.locator('.records-body p.empty').textContent(), { timeout: 15_000 }).toBe(TOKEN_REFUSED_TEXT);
    expect(await dialog.locator('.records-body [data-sign-in]').textContent()).toBe('登录');
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 10_000 }).toContain(SIGN_IN_MESSAGES.refused);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect(await heldTokens(page)).toBeNull();
    expect(writes).toHaveLength(2);
    expect(writes[0]!.authorization).toBe(`Bearer ${held.accessToken}`);
    expect(writes[1]!.authorization).not.toBe(writes[0]!.authorization);
    expect(errors).toEqual([]);
    // Its 登录 is the header's: the dialog closes and the sign-in goes to the provider (whose session
    // still holds: the clerk is back, signed in, with the period kept).
    const authorization = page.waitForRequest((request) => request.url().startsWith(issuer) && new URL(request.url()).searchParams.has('code_challenge'));
    await dialog.locator('[data-sign-in]').click();
    await authorization;
    await expect.poll(() => page.textContent('#token-state'), { timeout: 15_000 }).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    expect(new URL(page.url()).search).toBe('?period=2021h1');
    await context.close();
  });

  test('the drill-through’s records refused for a token the figures’ refusal renewed while they were asked: the dialog asks again with the new one, and the page reads its figures no extra time', async () => {
    const tab = await signedInOnPhone(clerk);
    const { page } = tab;
    const before = (await heldTokens(page))!;
    const expired = await mintDevToken(federation.devKeys, 'sichuan-operator', clerk.id, '-1m', { name: clerk.name, region: clerk.region });
    const figuresSent: (string | null)[] = [];
    let swapFigures = false;
    let released = false;
    let letRecordsGo!: () => void;
    const recordsHeld = new Promise<void>((resolve) => (letRecordsGo = resolve));
    const recordsSent: (string | null)[] = [];
    await page.route(`${origin}/graphql`, async (route) => {
      const request = route.request();
      const { operationName } = JSON.parse(request.postData() ?? '{}') as { operationName?: string };
      if (operationName === 'DashboardFigures') {
        figuresSent.push(request.headers()['authorization'] ?? null);
        if (swapFigures) {
          swapFigures = false;
          return route.fallback({ headers: { ...request.headers(), authorization: `Bearer ${expired}` } });
        }
      }
      if (operationName !== 'DashboardFigureRecords') return route.fallback();
      recordsSent.push(request.headers()['authorization'] ?? null);
      if (released) return route.fallback();
      // The first ask for the records waits until the figures' refusal has renewed the token it carries, then is refused.
      await recordsHeld;
      released = true;
      return route.fallback({ headers: { ...request.headers(), authorization: `Bearer ${expired}` } });
    });
    await page.locator('article[data-field="crossAppointments"] button.drill[data-drill="sichuan"]').click();
    await expect.poll(() => recordsSent.length).toBe(1);
    // The figures read again meanwhile (Back, say) with the token refused: the page renews it and reads them again with the new one.
    swapFigures = true;
    await page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate')));
    await expect.poll(async () => (await heldTokens(page))?.accessToken, { timeout: 15_000 }).not.toBe(before.accessToken);
    const renewed = (await heldTokens(page))!.accessToken;
    await expect.poll(() => figuresSent.includes(`Bearer ${renewed}`), { timeout: 15_000 }).toBe(true);
    const figuresBefore = figuresSent.length;
    letRecordsGo();
    const records = page.locator('dialog#figure-records[open]');
    await expect.poll(() => records.locator('.records-count').textContent(), { timeout: 15_000 }).toMatch(/^共 \d+ 条/);
    expect([...new Set(recordsSent)]).toEqual([`Bearer ${before.accessToken}`, `Bearer ${renewed}`]);
    // The refusal of the token already replaced asked the page for no reading of its figures (a refresh sends them at once).
    expect(figuresSent.slice(figuresBefore)).toEqual([]);
    expect(await page.textContent('#token-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  test('登记活动 is for jurisdiction operators only: a viewer and the joint office’s staff, signed in, do not see it', async () => {
    for (const account of [findDevAccount('viewer')!, findDevAccount('joint-office')!]) {
      const { page, context, errors } = await signedInOnPhone(account);
      // Signed in for real: the alliance list (not public) is read with the token.
      await expect.poll(() => page.locator('button[data-alliance]').count()).toBeGreaterThan(0);
      expect(await page.locator('section.record-activity').count(), account.id).toBe(0);
      expect(await page.isVisible('#record-activity'), account.id).toBe(false);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('a linked token (#token=) that expires while the page is open, beside an identity provider: the page says to press 登录, the button it shows, not 访问令牌, which it does not', async () => {
    const token = await mintDevToken(federation.devKeys, 'sichuan-operator', clerk.id, '10s', { name: clerk.name, region: clerk.region });
    const expires = Date.now() + 10_000;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${token}`);
    await nextRefresh(page, 0);
    expect(await page.textContent('#token-state')).toContain(`令牌：${clerk.name}`);
    expect(await page.locator('button[data-alliance]').count()).toBeGreaterThan(0);
    // Expired: the page reads again at once (not at its next minute), is refused, and goes back to the public figures.
    await page.waitForTimeout(Math.max(0, expires - Date.now()));
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 5_000 }).toContain('令牌无效或已过期');
    const banner = (await page.textContent('#outage-banner'))!;
    expect(banner).toContain('请点“登录”');
    expect(banner).not.toContain('访问令牌');
    expect(await page.isVisible('#sign-in-button')).toBe(true);
    expect(await page.isVisible('#token-button')).toBe(false);
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-linked-token-expired-390x844.png') });
    await context.close();
  });

  /**
   * A tab on a `#token=` link of `subject` (the 磨溪镇 clerk's role and region) whose token lives 10 s:
   * the 登记活动 panel filled in (类别, 名称, a 磨溪镇 主办组织, 人次) and left until the token expires.
   * Resolves once the page has fallen back to the public figures, with what was typed.
   */
  async function typeUntilTokenExpires(title: string): Promise<{ page: Page; context: BrowserContext; organizerLabel: string }> {
    const token = await mintDevToken(federation.devKeys, 'sichuan-operator', clerk.id, '10s', { name: clerk.name, region: clerk.region });
    const expires = Date.now() + 10_000;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${origin}/dashboard/?period=2021h1#token=${token}`);
    const panel = page.locator('section.record-activity[data-ready="true"]');
    await panel.waitFor();
    expect(await panel.locator('[data-outcome="restored"]').count()).toBe(0);
    const organizer = panel.getByLabel('主办组织', { exact: true });
    const organizerLabel = (await organizer.locator('option', { hasText: '（磨溪镇）' }).first().textContent())!;
    await panel.getByLabel('类别').selectOption('政策宣讲');
    await panel.getByLabel('名称', { exact: true }).fill(title);
    await organizer.selectOption({ label: organizerLabel });
    await panel.getByLabel('人次').fill('48');
    expect(await page.textContent('#token-state')).toContain('有效至');
    // Expired: the header says so at once (it said 有效至 until the next refresh, up to a minute), and
    // the page, refused by the gateway, shows the public figures: the panel is gone.
    await page.waitForTimeout(Math.max(0, expires - Date.now()));
    await expect.poll(() => page.textContent('#token-state'), { timeout: 3_000 }).not.toContain('有效至');
    await expect.poll(() => page.textContent('#outage-banner'), { timeout: 5_000 }).toContain('令牌无效或已过期');
    expect(await page.textContent('#token-state')).toBe('未登录：仅公开指标');
    expect(await page.isVisible('#record-activity')).toBe(false);
    return { page, context, organizerLabel };
  }

  /** What the tab's sessionStorage holds, every key and value as one text. */
  const tabStorage = (page: Page): Promise<string> => page.evaluate(() => JSON.stringify({ ...sessionStorage }));

  test('登记活动 typed and not sent survives a linked token that expires: the same clerk, signed in again, finds the form as it was, with a note; recorded, it is not offered again', async () => {
    const title = `磨溪镇党员冬训（登录过期测试 ${Date.now()}）`;
    const { page, context, organizerLabel } = await typeUntilTokenExpires(title);

    // The same person signs in again (the identity provider: the page is opened anew): the form is as it was.
    await page.click('#sign-in-button');
    await signInOnProviderPage(page, clerk, `${origin}/dashboard/`);
    const panel = page.locator('section.record-activity[data-ready="true"]');
    await panel.waitFor();
    await expect.poll(() => page.textContent('#token-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    expect(await panel.locator('[data-outcome="restored"]').textContent()).toContain('已恢复此前填写但未提交的内容');
    // Said above the form, on the first screen.
    const note = (await panel.locator('[data-outcome="restored"]').boundingBox())!;
    expect(note.y + note.height).toBeLessThanOrEqual(844);
    expect(await panel.getByLabel('类别').inputValue()).toBe('政策宣讲');
    expect(await panel.getByLabel('名称', { exact: true }).inputValue()).toBe(title);
    expect(await panel.getByLabel('人次').inputValue()).toBe('48');
    const organizer = panel.getByLabel('主办组织', { exact: true });
    expect(await organizer.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe(organizerLabel);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-record-restored-390x844.png') });

    // Sent as it was restored: recorded once, and the draft is gone (a reload offers an empty form, no note).
    await panel.getByRole('button', { name: '登记', exact: true }).click();
    await panel.locator('[data-outcome="recorded"]').waitFor();
    expect(await panel.locator('[data-outcome="restored"]').count()).toBe(0);
    const sichuan = federation.subgraphs['sichuan']!.pool;
    expect((await sichuan.query('SELECT count(*)::int AS n, sum(person_times)::int AS p FROM activity WHERE title = $1', [title])).rows).toEqual([{ n: 1, p: 48 }]);
    expect(await tabStorage(page)).not.toContain(title);
    await page.reload();
    await panel.waitFor();
    expect(await panel.locator('[data-outcome="restored"]').count()).toBe(0);
    expect(await panel.getByLabel('名称', { exact: true }).inputValue()).toBe('');

    // Typed again and cleared by the clerk (清空重填 under the note): nothing kept.
    await panel.getByLabel('名称', { exact: true }).fill(`${title}（草稿）`);
    await page.reload();
    await panel.waitFor();
    expect(await panel.getByLabel('名称', { exact: true }).inputValue()).toBe(`${title}（草稿）`);
    await panel.getByRole('button', { name: '清空重填' }).click();
    expect(await panel.getByLabel('名称', { exact: true }).inputValue()).toBe('');
    expect(await tabStorage(page)).not.toContain(title);
    await context.close();
  });

  test('登记活动 typed while signed in survives a session that lapses (the provider unreachable until the token expires): signed in again, the clerk finds it', async () => {
    const { context, page } = await clerkSignedInOnClock();
    const panel = page.locator('section.record-activity[data-ready="true"]');
    await panel.waitFor();
    const title = `磨溪镇党员冬训（会话过期测试 ${Date.now()}）`;
    await panel.getByLabel('类别').selectOption('培训');
    await panel.getByLabel('名称', { exact: true }).fill(title);
    await panel.getByLabel('人次').fill('21');

    await sessionLapses(context, page, issuer);
    await expect.poll(() => page.isVisible('#record-activity')).toBe(false);

    // The provider's own session is still open: 登录 asks no password and comes straight back.
    await signInAgain(context, page, issuer, origin);
    await panel.waitFor();
    // Signed in again, the notice (which stays through refreshes until then) has said what it had to.
    expect(await page.isVisible('#outage-banner')).toBe(false);
    expect(await panel.locator('[data-outcome="restored"]').count()).toBe(1);
    expect(await panel.getByLabel('类别').inputValue()).toBe('培训');
    expect(await panel.getByLabel('名称', { exact: true }).inputValue()).toBe(title);
    expect(await panel.getByLabel('人次').inputValue()).toBe('21');
    await context.close();
  });

  test('登记活动 typed under an expired token is never shown to another person: 安居区’s 陈刚, signed in on the same tab, gets an empty form, and the tab no longer holds it', async () => {
    const title = `磨溪镇党员冬训（他人登录测试 ${Date.now()}）`;
    const { page, context } = await typeUntilTokenExpires(title);
    // While nobody is signed in, the clerk's draft is kept for the clerk.
    expect(await tabStorage(page)).toContain(title);

    const other = findDevAccount('anju-district')!;
    await page.click('#sign-in-button');
    await signInOnProviderPage(page, other, `${origin}/dashboard/`);
    const panel = page.locator('section.record-activity[data-ready="true"]');
    await panel.waitFor();
    await expect.poll(() => page.textContent('#token-state')).toContain(other.name);
    // 安居区 holds 磨溪镇: the clerk's organizer is offered to 陈刚 too, and still not chosen for him.
    expect(await panel.locator('[data-outcome="restored"]').count()).toBe(0);
    expect(await panel.getByLabel('名称', { exact: true }).inputValue()).toBe('');
    expect(await panel.getByLabel('类别').inputValue()).toBe('');
    expect(await panel.getByLabel('主办组织', { exact: true }).inputValue()).toBe('');
    expect(await panel.getByLabel('人次').inputValue()).toBe('');
    expect(await tabStorage(page)).not.toContain(title);
    await context.close();
  });

  test('staff the provider signs in but who have no Linju role are signed out at once, told why and whom to ask, and see the public figures', async () => {
    const tab = await openOnPhone();
    await tab.page.click('#sign-in-button');
    await signInOnProviderPage(tab.page, findDevAccount('no-rights')!, `${origin}/dashboard/`);
    // The gateway refuses the account (no-role): no renewal, no "请重新登录", the gateway's reason.
    await expect.poll(() => tab.page.textContent('#outage-banner'), { timeout: 10_000 }).toContain('已退出登录：您的账号尚未开通邻聚的权限');
    const banner = (await tab.page.textContent('#outage-banner')) ?? '';
    expect(banner).toContain('请联系本单位组织部门的管理员开通');
    expect(banner).not.toContain('请重新登录');
    await expect.poll(() => tab.page.textContent('#token-state')).toContain('未登录');
    expect(await heldTokens(tab.page)).toBeNull();
    // The public figures are there, read without a token once signed out.
    await expect.poll(() => tab.page.locator('.headline .cards > *').count()).toBeGreaterThan(0);
    expect(tab.sent.at(-1)).toBeNull();
    await tab.page.screenshot({ path: join(RESULTS_DIRECTORY, 'dashboard-no-rights-390x844.png') });
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });
});
