import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, skipWithoutChromium, startFederation, type Federation } from '@linju/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExampleTab } from '../src/openingTab.ts';
import { ensureExplorerBuilt, RESULTS_DIRECTORY } from './support/explorerBuild.ts';

/**
 * The explorer as a person uses it: real subgraphs on throwaway PostgreSQL, the real gateway
 * serving the built page at `/`, and Debian's Chromium driving it. Every request the browser
 * makes is routed through the test, which lets through only the gateway's own origin.
 */

let federation: Federation;
let browser: Browser;
let origin: string;

/** The text of one of GraphiQL's Monaco editors, by the end of its model's URI. */
function editorText(page: Page, uri: 'operation.graphql' | 'variables.json' | 'request-headers.json' | 'response.json'): Promise<string | undefined> {
  return page.evaluate((suffix) => {
    const monaco = (globalThis as unknown as { __MONACO?: { editor: { getModels(): Array<{ uri: { toString(): string }; getValue(): string }> } } }).__MONACO;
    return monaco?.editor.getModels().find((model) => model.uri.toString().endsWith(suffix))?.getValue();
  }, uri);
}

// Inside the describe, so that a skip (no Chromium on a developer's machine) starts nothing.
describe.skipIf(skipWithoutChromium('the explorer’s'))('the explorer in Chromium', () => {
  beforeAll(async () => {
    ensureExplorerBuilt();
    await mkdir(RESULTS_DIRECTORY, { recursive: true });
    [federation, browser] = await Promise.all([startFederation(), launchChromium()]);
    origin = new URL(federation.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
  });

  test('opens the first example with its variables in its editors, runs it against the federation, and asks nothing of any other host', async () => {
    expect(new URL(origin).hostname).toBe('127.0.0.1');
    const examples = (await (await fetch(`${origin}/examples.json`)).json()) as ExampleTab[];
    const first = examples[0]!;
    expect(first.variables).toBeDefined();
    // The first tab runs without sign-in; the alliance example (not public) is run with a pasted token.
    expect(first.role).toBe('anonymous');
    const alliance = examples.find((example) => example.query.includes('query AllianceWithMembers'))!;

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const requested: string[] = [];
    const refused: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      requested.push(url);
      if (new URL(url).origin === origin) return route.continue();
      refused.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A Content-Security-Policy violation (something inline or from elsewhere) is reported on the console.
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    const introspected = page.waitForResponse((response) => response.url() === `${origin}/graphql` && (response.request().postData() ?? '').includes('__schema'));
    await page.goto(`${origin}/`);
    // GraphiQL's own introspection query passes the gateway's limits: the editor knows the schema.
    const introspection = await introspected;
    expect(introspection.status()).toBe(200);
    const schema = (await introspection.json()) as { data?: { __schema?: unknown }; errors?: unknown };
    expect(schema.errors).toBeUndefined();
    expect(schema.data?.__schema).toBeDefined();
    // The editor: Monaco, mounted, holding the first example and its variables, one tab per example.
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await expect.poll(() => editorText(page, 'operation.graphql')).toBe(first.query);
    await expect.poll(() => editorText(page, 'variables.json')).toBe(first.variables);
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBe(examples.length);
    await expect.poll(() => page.locator('.graphiql-query-editor .view-lines').textContent()).toContain('JointOverview2021H1');

    // As the hint above GraphiQL says: paste a token into Headers.
    await page.locator('.graphiql-tab', { hasText: 'AllianceWithMembers' }).click();
    await expect.poll(() => editorText(page, 'operation.graphql')).toBe(alliance.query);
    const token = await federation.token('viewer');
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor').click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${token}` }));
    await expect.poll(async () => JSON.parse((await editorText(page, 'request-headers.json')) || '{}')).toEqual({ Authorization: `Bearer ${token}` });
    // Without an identity provider too, the bar says whose token the requests carry.
    await expect.poll(() => page.textContent('#account-state')).toBe('正在使用编辑器中填写的令牌：查看者'); // federation.token's viewer has a role, no name

    const answered = page.waitForResponse((response) => response.url() === `${origin}/graphql` && (response.request().postData() ?? '').includes('AllianceWithMembers'));
    await page.locator('.graphiql-execute-button').click();
    const response = await answered;
    expect(response.status()).toBe(200);
    const shown = (await response.json()) as { data?: { alliance?: { name: string; members: Array<{ organization: { __typename: string } }> } }; errors?: unknown };
    expect(shown.errors).toBeUndefined();
    // The same answer the gateway gives that query and those variables directly.
    const direct = await federation.query(alliance.query, JSON.parse(alliance.variables!) as Record<string, unknown>, { as: 'viewer' });
    expect(shown.data).toEqual(direct.data);
    expect(new Set(shown.data!.alliance!.members.map((member) => member.organization.__typename))).toEqual(new Set(['SichuanOrganization', 'ChongqingOrganization']));
    await expect.poll(() => editorText(page, 'response.json')).toContain(shown.data!.alliance!.name);
    await expect.poll(() => page.locator('.graphiql-response .view-lines').textContent()).toContain('"data"');
    await page.screenshot({ path: join(RESULTS_DIRECTORY, 'explorer-1366x768.png') });

    // A reload reopens the same tab with its variables, and adds no copy of it.
    await page.reload();
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    await expect.poll(() => editorText(page, 'operation.graphql')).toBe(alliance.query);
    await expect.poll(() => editorText(page, 'variables.json')).toBe(alliance.variables);
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBe(examples.length);

    // Monaco's workers came from the page's own bundle, and nothing went anywhere else.
    expect(workers.length).toBeGreaterThan(0);
    for (const url of workers) expect(new URL(url).origin, url).toBe(origin);
    expect(refused).toEqual([]);
    for (const url of requested) expect(new URL(url).origin, url).toBe(origin);
    expect(errors, 'page errors and console errors (a CSP violation among them)').toEqual([]);

    // The page's own policy is in force: whatever a script tries, it connects nowhere else.
    expect(await page.evaluate(() => fetch('https://example.org/').then(() => 'sent', () => 'refused'))).toBe('refused');
    await expect.poll(() => errors.join('\n')).toContain(`violates the following Content Security Policy directive: "connect-src 'self'"`);
    expect(refused).toEqual([]);
    await context.close();
  });
});
