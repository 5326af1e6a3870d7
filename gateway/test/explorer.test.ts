import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '../src/loadExamples.ts';
import { startGateway, type RunningGateway } from '../src/server.ts';
import { tinyGatewayAuth, tinySupergraph } from './support/tinySupergraph.ts';

let gateway: RunningGateway;
let pageUrl: string;

beforeAll(async () => {
  gateway = await startGateway({ supergraphSdl: await tinySupergraph(), subgraphUrls: {}, ...tinyGatewayAuth });
  pageUrl = new URL('/', gateway.url).href;
});

afterAll(async () => {
  await gateway?.stop();
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
    }
  });

  it('serves every asset the page references', async () => {
    const html = await (await fetch(pageUrl)).text();
    for (const url of referencedUrls(html)) {
      const response = await fetch(new URL(url, pageUrl));
      expect(response.status, url).toBe(200);
      expect((await response.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
  });

  it('offers the committed examples as tabs', async () => {
    const response = await fetch(new URL('examples.json', pageUrl));
    expect(response.status).toBe(200);
    const tabs = (await response.json()) as Array<{ query: string }>;
    const examples = await loadExamples();
    expect(tabs.map((tab) => tab.query)).toEqual(examples.map((example) => example.query));
  });

  it('does not serve arbitrary files under /assets', async () => {
    expect((await fetch(new URL('assets/package.json', pageUrl))).status).toBe(404);
    expect((await fetch(new URL('assets/..%2F..%2Fpackage.json', pageUrl))).status).toBe(404);
  });
});
