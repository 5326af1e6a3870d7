import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dashboardRouter } from '../src/dashboardRouter.ts';

/** The dashboard's route, on a built page in a temporary folder and on a missing one. */

let built: string;
let server: Server;
let base: string;

beforeAll(async () => {
  built = await mkdtemp(join(tmpdir(), 'linju-dashboard-'));
  await mkdir(join(built, 'assets'));
  await writeFile(join(built, 'index.html'), '<!doctype html><title>看板</title><script type="module" src="/dashboard/assets/index-abc123.js"></script>');
  await writeFile(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  const app = express();
  app.use('/dashboard', dashboardRouter(built));
  app.use('/missing', dashboardRouter(join(built, 'nothing-here')));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(built, { recursive: true, force: true });
});

test('/dashboard redirects to /dashboard/, which serves the page, revalidated on every load and confined to its own origin', async () => {
  const redirect = await fetch(`${base}/dashboard`, { redirect: 'manual' });
  expect(redirect.status).toBe(301);
  expect(redirect.headers.get('location')).toBe('/dashboard/');

  const page = await fetch(`${base}/dashboard/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('cache-control')).toBe('no-cache');
  expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(await page.text()).toContain('看板');
});

test('hashed assets are served with their type and cached for a year; an unknown one is a 404', async () => {
  const asset = await fetch(`${base}/dashboard/assets/index-abc123.js`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect((await fetch(`${base}/dashboard/assets/index-other.js`)).status).toBe(404);
});

test('without a build: 503 and a page that says how to build it', async () => {
  const response = await fetch(`${base}/missing/`);
  expect(response.status).toBe(503);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.text()).toContain('npm run build --workspace @linju/dashboard');
});
