import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_DIRECTORY, explorerRouter } from '../src/explorerRouter.ts';
import { loadExamples } from '../src/loadExamples.ts';

/**
 * The explorer's route on the built page, mounted at the root as `startGateway` mounts it. The page
 * running in Chromium against the real gateway is `explorer/test/explorer.test.ts`.
 */

let server: Server;
let pageUrl: string;

/** `npm test` builds the explorer first (turbo); a bare `npx vitest run` builds it here when there is none. */
function ensureExplorerBuilt(): void {
  if (existsSync(join(EXPLORER_DIRECTORY, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(EXPLORER_DIRECTORY, '..'), stdio: 'inherit' });
}

/** An HTTP server on 127.0.0.1 and a free port, answering with `app`; resolves to its base URL. */
async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const listening = createServer(app);
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return { server: listening, base: `http://127.0.0.1:${(listening.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  ensureExplorerBuilt();
  const app = express();
  app.use(explorerRouter(await loadExamples()));
  let base: string;
  ({ server, base } = await listen(app));
  pageUrl = `${base}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((match) => match[1]!);
}

describe('the explorer at /', () => {
  it('is an HTML page that references no other host', async () => {
    const response = await fetch(pageUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    const urls = referencedUrls(html);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      expect(new URL(url, pageUrl).origin).toBe(new URL(pageUrl).origin);
      // Relative, so the page also works behind a proxy that mounts the gateway under a path.
      expect(url, url).toMatch(/^\.\//);
    }
  });

  it('is revalidated on every load and confined to its own origin, workers included', async () => {
    const response = await fetch(pageUrl);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const policy = Object.fromEntries(
      response.headers
        .get('content-security-policy')!
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...sources]) => [name!, sources]),
    );
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['worker-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    // No source of any directive names another host.
    for (const sources of Object.values(policy)) for (const source of sources) expect(source).toMatch(/^('[a-z-]+'|data:)$/);
  });

  it('serves every asset the page references', async () => {
    const html = await (await fetch(pageUrl)).text();
    for (const url of referencedUrls(html)) {
      const response = await fetch(new URL(url, pageUrl));
      expect(response.status, url).toBe(200);
      expect((await response.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
  });

  it('serves the hashed bundle with its type, cached for a year, and its favicon', async () => {
    const html = await (await fetch(pageUrl)).text();
    const script = referencedUrls(html).find((url) => url.endsWith('.js'))!;
    const response = await fetch(new URL(script, pageUrl));
    expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const favicon = await fetch(new URL('favicon.svg', pageUrl));
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('offers the committed examples as tabs, those anyone can run first, each with the role it needs', async () => {
    const response = await fetch(new URL('examples.json', pageUrl));
    expect(response.status).toBe(200);
    const tabs = (await response.json()) as Array<{ query: string; role: string }>;
    const examples = await loadExamples();
    expect(new Set(tabs.map((tab) => tab.query))).toEqual(new Set(examples.map((example) => example.query)));
    expect(tabs).toHaveLength(examples.length);
    const roles = tabs.map((tab) => tab.role);
    expect(roles[0]).toBe('anonymous');
    // Anonymous ones first, and otherwise the files' order.
    expect(roles).toEqual([...roles].sort((a, b) => Number(b === 'anonymous') - Number(a === 'anonymous')));
    for (const tab of tabs) expect(tab.query.startsWith(`# 角色 role: ${tab.role} — `)).toBe(true);
  });

  it('does not serve arbitrary files under /assets', async () => {
    expect((await fetch(new URL('assets/package.json', pageUrl))).status).toBe(404);
    expect((await fetch(new URL('assets/..%2F..%2Fpackage.json', pageUrl))).status).toBe(404);
  });
});

describe('the explorer without a build', () => {
  let unbuilt: Server;
  let base: string;
  let empty: string;

  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), 'linju-explorer-'));
    const app = express();
    app.use(explorerRouter([], join(empty, 'nothing-here')));
    ({ server: unbuilt, base } = await listen(app));
  });
  afterAll(async () => {
    await new Promise((resolve) => unbuilt?.close(resolve));
    await rm(empty, { recursive: true, force: true });
  });

  it('answers 503 with a page that says how to build it', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('npm run build --workspace @linju/explorer');
    expect((await fetch(`${base}/favicon.svg`)).status).toBe(404);
  });
});
