import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, type Response } from 'express';

/** A page Vite builds into `directory` (index.html and hashed `assets/`), served by the gateway. */
export interface BuiltPage {
  readonly directory: string;
  /** What the page may load and call: only its own origin. */
  readonly contentSecurityPolicy: string;
  /** The 503 page shown until it is built, saying how to build it. */
  readonly notBuilt: string;
}

/**
 * index.html, read at each request so a rebuild needs no restart, revalidated on every load (it
 * names the current bundle); without a build, the 503 page that says how to make one.
 */
export function sendBuiltPage(page: BuiltPage, response: Response): void {
  const index = join(page.directory, 'index.html');
  if (!existsSync(index)) {
    response.status(503).set('Cache-Control', 'no-store').type('html').send(page.notBuilt);
    return;
  }
  response.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': page.contentSecurityPolicy, 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' });
  response.sendFile(index);
}

/** A page's policy with `connect-src` widened to the identity provider's origins, which its sign-in calls (token endpoint). */
export function allowingConnections(policy: string, origins: readonly string[] = []): string {
  if (origins.length === 0) return policy;
  return policy.replace("connect-src 'self'", `connect-src 'self' ${origins.join(' ')}`);
}

/** The hashed assets, cached for a year: a new build has new names. */
export const builtAssets = (page: BuiltPage): RequestHandler =>
  express.static(join(page.directory, 'assets'), { index: false, immutable: true, maxAge: '365d', setHeaders: (response) => response.set('X-Content-Type-Options', 'nosniff') });

/** A 503 page in Chinese and English: what has not been built, and how to build it. */
export function notBuiltPage(nameZh: string, nameEn: string, workspace: string, noteZh = '', noteEn = ''): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${nameZh}尚未构建</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;line-height:1.6">
<h1>${nameZh}尚未构建 / The ${nameEn} has not been built</h1>
<p>${noteZh}在仓库根目录运行 <code>npm start</code>（会先构建${nameZh}），或 <code>npm run build --workspace ${workspace}</code>，然后刷新本页。</p>
<p>${noteEn}Run <code>npm start</code> (it builds the ${nameEn} first) or <code>npm run build --workspace ${workspace}</code> from the repository root, then reload.</p>
</body></html>`;
}
