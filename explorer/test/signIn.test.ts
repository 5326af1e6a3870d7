import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findDevAccount } from '@linju/identity/devAccounts';
import { SIGN_IN_MESSAGES } from '@linju/sign-in';
import { confirmSignOutOnProviderPage, launchChromium, persistentStorage, signInOnProviderPage, signInThroughProvider, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureExplorerBuilt, RESULTS_DIRECTORY } from './support/explorerBuild.ts';

/**
 * Sign-in to the explorer as a person does it: the real development identity provider, the real
 * gateway trusting it, the built GraphiQL page, and Debian's Chromium. Signed in, GraphiQL sends
 * the token with every request; nobody pastes it into Headers.
 */

const clerk = findDevAccount('moxi-clerk')!;
const noRights = findDevAccount('no-rights')!;
/** A Chongqing clerk (双江镇), whose token is typed into Headers while the 磨溪镇 clerk is signed in. */
const otherClerk = findDevAccount('shuangjiang-clerk')!;
const TOKENS_KEY = 'linju.signIn.linju-explorer.tokens';
/** A region's name is found through the gateway (a page of the side's regions): longer than the bar's other changes. */
const REGION_FOUND = { timeout: 15_000 };
/** After the provider's answer the page exchanges the code, asks the gateway, loads GraphiQL: on a loaded machine, seconds. */
const PAGE_STARTED = { timeout: 15_000 };

let federation: Federation;
let browser: Browser;
let origin: string;

/** A new browser context, the 磨溪镇 clerk signed in to the explorer through the provider's page, the bar naming her region. */
async function signedInClerk(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.click('#sign-in-button');
  await signInOnProviderPage(page, clerk, `${origin}/`);
  await expect.poll(() => page.textContent('#account-state'), REGION_FOUND).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
  return { context, page };
}

/** The gateway's refusal of an expired token, as it answers it (HTTP 401, its words). */
const EXPIRED_REFUSAL = {
  status: 401,
  contentType: 'application/json',
  body: JSON.stringify({ errors: [{ message: '登录已过期（令牌已失效），请重新登录或换用新的令牌 / The token was refused: it has expired', extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } }] }),
};

/** The tab signed out for the gateway's refusal of its renewed token: the bar says so with 登录, and no token is held. */
async function signedOutAsRefused(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.account-bar-notice').textContent().catch(() => null), PAGE_STARTED).toBe(SIGN_IN_MESSAGES.refused);
  expect(await page.textContent('#account-state')).toBe('未登录：仅可查询公开指标');
  expect(await page.isVisible('#sign-in-button')).toBe(true);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKENS_KEY)).toBeNull();
}

/**
 * Opens an example tab, ready to run: GraphiQL reads the operation's name from the editor 100 ms
 * after its text changes, so Run pressed at once sends the new tab's query under the previous tab's
 * name (文档中没有名为“JointOverview2021H1”的操作), as no person is quick enough to do.
 */
async function openTab(page: Page, name: string): Promise<void> {
  await page.locator('.graphiql-tab', { hasText: name }).click();
  await expect.poll(() => page.locator('.graphiql-query-editor .view-lines').textContent()).toContain(name);
  await page.waitForTimeout(300);
}

describe.skipIf(skipWithoutChromium('the explorer sign-in'))('signing in to the explorer through the identity provider', () => {
  beforeAll(async () => {
    ensureExplorerBuilt();
    await mkdir(RESULTS_DIRECTORY, { recursive: true });
    [federation, browser] = await Promise.all([startFederation({ identityProvider: true }), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('the 磨溪镇 clerk signs in, is named above GraphiQL, runs a query that needs a token without pasting one, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The explorer's errors (a CSP violation among them); the identity provider's own pages are its tests' business.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.startsWith(federation.identity!.issuer)) errors.push(`${message.text()} ${message.location().url}`);
    });
    await page.goto(`${origin}/`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await expect.poll(() => page.textContent('#account-state')).toBe('未登录：仅可查询公开指标');
    // Where a token would go, and that each example names its role, is said before anything is run.
    expect(await page.textContent('#headers-hint')).toMatch(/Headers（请求头）.*Authorization/);
    // A newcomer's first tab (the public overview) answers without sign-in.
    const publicAnswer = page.waitForResponse((r) => r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes('JointOverview2021H1'));
    await page.locator('.graphiql-execute-button').click();
    const anonymous = (await (await publicAnswer).json()) as { data?: { overview?: unknown }; errors?: unknown };
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.overview).toBeTruthy();
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'explorer-signed-out-1366x768.png') });

    await page.click('#sign-in-button');
    await signInOnProviderPage(page, clerk, `${origin}/`);
    expect(page.url()).toBe(`${origin}/`);
    // The region by its name, as the dashboard names it (the token names only its code, in the tooltip).
    await expect.poll(() => page.textContent('#account-state'), REGION_FOUND).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    expect(await page.getAttribute('#account-state', 'title')).toBe(`区划代码：${clerk.region}`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    // On a screen, the example tabs are one row, as GraphiQL lays them out.
    const wideTabs = await page.locator('.graphiql-tab').evaluateAll((tabs) => tabs.map((tab) => tab.getBoundingClientRect().y));
    expect(new Set(wideTabs).size).toBe(1);

    // The example of an alliance with its members (not public) runs with the token GraphiQL adds.
    await openTab(page, 'AllianceWithMembers');
    const held = JSON.parse((await page.evaluate((key) => sessionStorage.getItem(key), TOKENS_KEY))!) as { accessToken: string; idToken: string; refreshToken: string };
    const answered = page.waitForResponse((response) => response.url() === `${origin}/graphql` && (response.request().postData() ?? '').includes('AllianceWithMembers'));
    await page.locator('.graphiql-execute-button').click();
    const response = await answered;
    expect(response.request().headers()['authorization']).toBe(`Bearer ${held.accessToken}`);
    const shown = (await response.json()) as { data?: { alliance?: { name: string } | null }; errors?: unknown };
    expect(shown.errors).toBeUndefined();
    expect(shown.data?.alliance?.name).toBeTruthy();
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'explorer-signed-in-1366x768.png') });

    // The token is in no editor (GraphiQL keeps its tabs and history in sessionStorage, never their headers), no localStorage value, no cookie.
    const stored = await persistentStorage(page, origin);
    for (const token of [held.accessToken, held.idToken, held.refreshToken]) {
      for (const value of [...stored.localStorage, ...stored.cookies]) expect(value.includes(token)).toBe(false);
    }

    // On a phone the bar wraps, nothing wider than the screen; the answer is below the editors, the
    // width of the screen (GraphiQL alone leaves it a column one character wide beside them).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.querySelector('.account-bar')!.scrollWidth)).toBeLessThanOrEqual(390);
    // Every example tab is in sight (GraphiQL alone scrolls them sideways, the first alone shown),
    // and the Variables editor shows several lines (GraphiQL alone leaves it two at most).
    const tabs = await page.locator('.graphiql-tab').evaluateAll((all) => all.map((tab) => tab.getBoundingClientRect().toJSON() as DOMRect));
    expect(tabs).toHaveLength(5);
    for (const tab of tabs) expect(tab.x >= 0 && tab.x + tab.width <= 390 && tab.y >= 0 && tab.y + tab.height <= 844, JSON.stringify(tab)).toBe(true);
    expect(await page.evaluate(() => { const list = document.querySelector('.graphiql-tabs')!; return list.scrollWidth - list.clientWidth; })).toBeLessThanOrEqual(0);
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
    expect((await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)').boundingBox())!.height).toBeGreaterThanOrEqual(100);
    await expect.poll(() => page.locator('.graphiql-response .view-lines').textContent()).toContain('"data"');
    const editors = (await page.locator('.graphiql-editors').boundingBox())!;
    const answer = (await page.locator('.graphiql-response').boundingBox())!;
    expect(answer.width).toBeGreaterThanOrEqual(280);
    expect(answer.y).toBeGreaterThanOrEqual(editors.y + editors.height - 1);
    expect(answer.y + 100).toBeLessThanOrEqual(844);
    // Monaco lays the text out with no-break spaces: \s takes them.
    expect(await page.locator('.graphiql-response .view-lines').textContent()).toMatch(/"alliance":\s*\{/);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'explorer-signed-in-390x844.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.click('#sign-out-button');
    await confirmSignOutOnProviderPage(page, `${origin}/`);
    await expect.poll(() => page.textContent('#account-state')).toBe('未登录：仅可查询公开指标');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKENS_KEY)).toBeNull();
    // Signed out, the same query is the gateway's refusal of an anonymous caller. 退出 forgot the
    // tabs as they were (the page opens on the first example again): the tab is opened anew.
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await openTab(page, 'AllianceWithMembers');
    const refused = page.waitForResponse((r) => r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes('AllianceWithMembers'));
    await page.locator('.graphiql-execute-button').click();
    expect((await refused).request().headers()['authorization']).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the gateway refuses the token (401) when the bar looks up the clerk’s region: the session ends, said in Chinese with 登录 offered, and the lookup is not tried again every 15 s; a typed token’s, its refusal in the bar', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // The sign-in's own check (ExplorerTokenCheck) is accepted; the region's lookup meets the
    // gateway's refusal of an expired token, as the gateway words it, however often it is asked.
    const lookups: string[] = [];
    await page.route(`${origin}/graphql`, async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('"operationName":"DashboardRecordRegions"')) return route.continue();
      lookups.push(route.request().headers()['authorization'] ?? '');
      return route.fulfill(EXPIRED_REFUSAL);
    });
    await page.goto(`${origin}/`);
    await page.click('#sign-in-button');
    await signInOnProviderPage(page, clerk, `${origin}/`);
    // Renewed once and asked again (as every request of the page is), refused again: signed out,
    // saying so. It read 已登录：张敏 · 四川省操作员 · 区划 510904101 and asked again every 15 s for good.
    await signedOutAsRefused(page);
    expect(lookups).toHaveLength(2);
    expect(lookups[0]).not.toBe(lookups[1]);

    // A token typed into Headers, accepted by its check, then refused when its region is looked up:
    // the bar says the gateway's reason, as for any refusal of it, and names nobody.
    const outcome = await signInThroughProvider({ issuer: federation.identity!.issuer, clientId: 'linju-explorer', redirectUri: `${origin}/`, account: otherClerk.id, password: otherClerk.password });
    if (!outcome.signedIn) throw new Error(`sign-in failed (${outcome.status})`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${outcome.accessToken}` }));
    await expect.poll(() => page.textContent('#account-state'), REGION_FOUND).toBe('正在使用编辑器中填写的令牌：网关不接受此令牌：登录已过期（令牌已失效），请重新登录或换用新的令牌');
    expect(lookups).toHaveLength(3);
    expect(lookups[2]).toBe(`Bearer ${outcome.accessToken}`);

    // Longer than the 15 s after which a failed lookup was tried again: nothing more is asked.
    await page.waitForTimeout(16_000);
    expect(lookups).toHaveLength(3);
    await context.close();
  }, 90_000);

  test('GraphiQL’s query refused (401) with the signed-in token and again with the renewed one: the tab is signed out then, 网关未接受当前登录 with 登录, not at the next request', async () => {
    const { context, page } = await signedInClerk({ width: 1366, height: 768 });
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await openTab(page, 'AllianceWithMembers');
    // The gateway refuses the tab's query whatever token it carries, as it words an expired one.
    const refused: string[] = [];
    await page.route(`${origin}/graphql`, async (route) => {
      if (!(route.request().postData() ?? '').includes('AllianceWithMembers')) return route.continue();
      refused.push(route.request().headers()['authorization'] ?? '');
      return route.fulfill(EXPIRED_REFUSAL);
    });
    await page.locator('.graphiql-execute-button').click();
    // Renewed once and sent again, refused again: signed out at that answer, saying so. The bar still
    // read 已登录：张敏 · 四川省操作员 · 磨溪镇 until the next request.
    await signedOutAsRefused(page);
    expect(refused).toHaveLength(2);
    expect(refused[0]).not.toBe(refused[1]);
    await context.close();
  });

  test('a token typed into Headers is what the bar names while it is there (whose, once the gateway has accepted it; 未验证 until then; a forged one by the gateway\'s refusal), and the signed-in person again once it is gone', async () => {
    const { context, page } = await signedInClerk({ width: 1366, height: 768 });
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();

    // Another person's token, typed into the Headers editor of the alliance tab.
    const outcome = await signInThroughProvider({ issuer: federation.identity!.issuer, clientId: 'linju-explorer', redirectUri: `${origin}/`, account: otherClerk.id, password: otherClerk.password });
    if (!outcome.signedIn) throw new Error(`sign-in failed (${outcome.status})`);
    await openTab(page, 'AllianceWithMembers');
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    // The explorer asks the gateway about a typed token; its answer is held back here, to see the bar before it.
    let answerCheck!: () => void;
    const checkHeld = new Promise<void>((resolve) => (answerCheck = resolve));
    await page.route(`${origin}/graphql`, async (route) => {
      if ((route.request().postData() ?? '').includes('ExplorerTokenCheck')) await checkHeld;
      await route.continue();
    });
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${outcome.accessToken}` }));
    const override = `（未使用登录身份“${clerk.name}”的令牌；删除 Headers 中的 Authorization 即恢复）`;
    // Until the gateway has accepted it, whose it is is only what the token says: 未验证, its region not looked up with it.
    await expect.poll(() => page.textContent('#account-state')).toBe(`正在使用编辑器中填写的令牌：${otherClerk.name} · 重庆市操作员 · 区划 ${otherClerk.region}（未验证：正在向网关核验）${override}`);
    answerCheck();
    const typed = `正在使用编辑器中填写的令牌：${otherClerk.name} · 重庆市操作员 · 双江镇${override}`;
    await expect.poll(() => page.textContent('#account-state'), REGION_FOUND).toBe(typed);
    await page.unroute(`${origin}/graphql`);
    expect(await page.getAttribute('#account-state', 'title')).toBe(`区划代码：${otherClerk.region}`);
    // The bar tells the truth: the query runs as the typed token.
    const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes('AllianceWithMembers'));
    await page.locator('.graphiql-execute-button').click();
    expect((await answered).request().headers()['authorization']).toBe(`Bearer ${outcome.accessToken}`);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'explorer-typed-token-1366x768.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.querySelector('.account-bar')!.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'explorer-typed-token-390x844.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    // The headers are the tab's: another tab runs as the signed-in person, and the bar says so.
    await page.locator('.graphiql-tab', { hasText: 'CrossAppointments' }).click();
    await expect.poll(() => page.textContent('#account-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    await page.locator('.graphiql-tab', { hasText: 'AllianceWithMembers' }).click();
    await expect.poll(() => page.textContent('#account-state')).toBe(typed);

    // A token written by hand to name the joint office's 黄涛, never signed by the provider: the
    // gateway refuses it, and the bar says so with the gateway's reason, not the name it claims.
    const forgedClaims = { iss: federation.identity!.issuer, aud: 'linju', sub: 'joint-office', name: '黄涛', role: 'joint-operator', exp: Math.floor(Date.now() / 1000) + 600 };
    const forged = ['{"alg":"ES256","typ":"at+jwt"}', JSON.stringify(forgedClaims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${forged}` }));
    await expect.poll(() => page.textContent('#account-state')).toBe(`正在使用编辑器中填写的令牌：网关不接受此令牌：令牌无法验证（签名不符、签发密钥已停用，或不是签发给邻聚的），请重新登录获取新的令牌${override}`);
    expect(await page.textContent('.account-bar')).not.toMatch(/黄涛|联合办公室操作员/);

    // A token that is no JWT is still the one in force: said, though whose it is cannot be read.
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{"authorization": "Bearer 粘贴错了"}');
    await expect.poll(() => page.textContent('#account-state')).toMatch(/^正在使用编辑器中填写的令牌：无法识别其持有人（未验证：网关未能核验此令牌）（未使用登录身份/);

    // The header removed, the bar and the requests are the signed-in person's again.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.textContent('#account-state')).toBe(`已登录：${clerk.name} · 四川省操作员 · 磨溪镇`);
    const held = JSON.parse((await page.evaluate((key) => sessionStorage.getItem(key), TOKENS_KEY))!) as { accessToken: string };
    const again = page.waitForResponse((r) => r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes('AllianceWithMembers'));
    await page.locator('.graphiql-execute-button').click();
    expect((await again).request().headers()['authorization']).toBe(`Bearer ${held.accessToken}`);
    await context.close();
  });

  test('退出 then 取消 at the provider: the explorer is signed out whatever the button, as the provider’s page says; the provider’s session stays, but the next 登录 asks for the account (a shared computer’s next person)', async () => {
    const { context, page } = await signedInClerk({ width: 390, height: 844 });
    await page.click('#sign-out-button');
    await page.getByRole('heading', { name: '退出登录' }).waitFor();
    // The page that sent the person here has already forgotten its tokens: the provider does not offer to "stay signed in".
    expect(await page.locator('.lead').textContent()).toContain('刚才的页面已退出登录');
    const cancel = page.getByRole('button', { name: /^取消/ });
    expect(await cancel.textContent()).toBe('取消：仅刚才的页面退出，其他页面保持登录');
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'provider-sign-out-390x844.png') });
    await cancel.click();
    await page.waitForURL((url) => url.href.startsWith(`${origin}/`));
    await expect.poll(() => page.textContent('#account-state')).toBe('未登录：仅可查询公开指标');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKENS_KEY)).toBeNull();
    // The provider's session was kept, but after a 退出 the next 登录 asks for the account (prompt=login):
    // whoever uses the computer next signs in as themselves, not straight back as the clerk.
    const authorization = page.waitForRequest((request) => request.url().startsWith(federation.identity!.issuer) && new URL(request.url()).searchParams.has('code_challenge'));
    await page.click('#sign-in-button');
    expect(new URL((await authorization).url()).searchParams.get('prompt')).toBe('login');
    await page.getByLabel('密码').waitFor();
    const next = findDevAccount('anju-district')!;
    await signInOnProviderPage(page, next, `${origin}/`);
    await expect.poll(() => page.textContent('#account-state')).toContain(next.name);
    expect(await page.textContent('#account-state')).not.toContain(clerk.name);
    await context.close();
  });

  test('staff the office’s provider signs in but who have no Linju role are told so, and why signing in again will not help', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    // GraphiQL's schema request never meets the refusal of the token here: it is answered as a
    // gateway answering registered operations only answers it, before it reads the token. The page
    // does not wait for GraphiQL: it shows the token to the gateway itself, once, before it is drawn.
    const withToken: string[] = [];
    await page.route(`${origin}/graphql`, async (route) => {
      const body = route.request().postData() ?? '';
      if (route.request().headers()['authorization']) withToken.push(JSON.parse(body).operationName ?? body);
      if (!body.includes('IntrospectionQuery') || !route.request().headers()['authorization']) return route.continue();
      await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: '未登记的操作 / Operation not registered', extensions: { code: 'OPERATION_NOT_REGISTERED' } }] }) });
    });
    await page.click('#sign-in-button');
    await signInOnProviderPage(page, noRights, `${origin}/`);
    // The token is refused for the account, not the token: the page signs out at once, with the
    // gateway's reason, instead of "please sign in again".
    await expect.poll(() => page.textContent('#account-state'), PAGE_STARTED).toBe('未登录：仅可查询公开指标');
    // Once: the check, before GraphiQL sent anything (its schema then asked for without a token).
    expect(withToken).toEqual(['ExplorerTokenCheck']);
    await page.unroute(`${origin}/graphql`);
    const notice = (await page.locator('.account-bar-notice').textContent()) ?? '';
    expect(notice).toMatch(/^已退出登录：您的账号尚未开通邻聚的权限.*重新登录也无法查询非公开数据；请联系本单位组织部门的管理员开通。$/);
    expect(notice).not.toContain('请重新登录');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKENS_KEY)).toBeNull();
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'explorer-no-rights-390x844.png') });
    // What anyone may read still answers: the public tab, sent without a token.
    await openTab(page, 'JointOverview2021H1');
    const publicAnswer = page.waitForResponse((r) => r.url() === `${origin}/graphql` && (r.request().postData() ?? '').includes('JointOverview2021H1'));
    await page.locator('.graphiql-execute-button').click();
    const answered = await publicAnswer;
    expect(answered.request().headers()['authorization']).toBeUndefined();
    expect(((await answered.json()) as { errors?: unknown }).errors).toBeUndefined();

    await context.close();

    // Through the gateway itself: the account's token is refused for want of a role, and the same
    // token pasted into Headers without "Bearer", as a newcomer does, is told how the header is written.
    const outcome = await signInThroughProvider({ issuer: federation.identity!.issuer, clientId: 'linju-explorer', redirectUri: `${origin}/`, account: noRights.id, password: noRights.password });
    if (!outcome.signedIn) throw new Error(`sign-in failed (${outcome.status})`);
    const refusalOf = async (authorization: string) => {
      const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ alliances(first: 1) { totalCount } }' }) });
      expect(response.status).toBe(401);
      const [error] = ((await response.json()) as { errors: { message: string; extensions: { code: string; reason: string } }[] }).errors;
      return { code: error!.extensions.code, reason: error!.extensions.reason, chinese: error!.message.split(' / ')[0] };
    };
    expect(await refusalOf(`Bearer ${outcome.accessToken}`)).toEqual({ code: 'UNAUTHENTICATED', reason: 'no-role', chinese: expect.stringMatching(/^您的账号尚未开通邻聚的权限/) });
    expect(await refusalOf(outcome.accessToken)).toEqual({ code: 'UNAUTHENTICATED', reason: 'not-bearer', chinese: expect.stringContaining('"Bearer <令牌>"') });
  });
});
