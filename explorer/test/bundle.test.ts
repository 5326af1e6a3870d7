import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DIST_DIRECTORY, ensureExplorerBuilt } from './support/explorerBuild.ts';

/**
 * The built page needs no network but the gateway's: no script, stylesheet, font or worker is
 * loaded from a URL with a host. (Other hosts still appear in the bundle as text: licence
 * headers, links in messages, XML namespaces. Only the forms that make a browser fetch count.)
 */

let files: Map<string, string>;

beforeAll(async () => {
  ensureExplorerBuilt();
  const assets = await readdir(join(DIST_DIRECTORY, 'assets'));
  files = new Map(await Promise.all(['index.html', ...assets.map((name) => `assets/${name}`)].filter((name) => /\.(html|js|css)$/.test(name)).map(async (name) => [name, await readFile(join(DIST_DIRECTORY, name), 'utf8')] as const)));
});

const remote = String.raw`(?:https?:)?//`;

describe('the built explorer', () => {
  test('names only relative URLs in its page', () => {
    const html = files.get('index.html')!;
    expect(html).not.toMatch(/https?:\/\//);
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(url).toMatch(/^\.\/(assets\/|favicon\.svg$)/);
  });

  test('bundles its fonts and images: stylesheets load nothing from another host', () => {
    const sheets = [...files].filter(([name]) => name.endsWith('.css'));
    expect(sheets.length).toBeGreaterThan(0);
    for (const [name, css] of sheets) {
      expect(css, name).not.toMatch(/@import/);
      for (const [, url] of css.matchAll(/url\(\s*["']?([^"')]+)/g)) expect(url, name).toMatch(/^(data:|\.\/|#)/);
    }
  });

  test("bundles Monaco's workers and every chunk: scripts import and start nothing from another host", () => {
    const scripts = [...files].filter(([name]) => name.endsWith('.js'));
    const workers = scripts.map(([name]) => name).filter((name) => /\.worker-[\w-]+\.js$/.test(name));
    expect(workers.map((name) => name.replace(/^assets\/|-[\w-]+\.js$/g, '')).sort()).toEqual(['editor.worker', 'graphql.worker', 'json.worker']);
    for (const [name, js] of scripts) {
      expect(js, name).not.toMatch(new RegExp(String.raw`\bimport\s*\(\s*["'\x60]${remote}`));
      expect(js, name).not.toMatch(new RegExp(String.raw`\bfrom\s*["'\x60]${remote}`));
      expect(js, name).not.toMatch(new RegExp(String.raw`\bimportScripts\s*\(\s*["'\x60]${remote}`));
      expect(js, name).not.toMatch(new RegExp(String.raw`new (?:Shared)?Worker\s*\(\s*(?:new URL\(\s*)?["'\x60]${remote}`));
      expect(js, name).not.toMatch(/esm\.sh|unpkg\.com|jsdelivr|cdnjs|fonts\.googleapis/);
    }
  });
});
