import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadOrCreateDevKeys } from '@linju/gateway/devKeys';
import { openDatabase } from '@linju/subgraph-runtime';
import { withStore } from '../../../scripts/openStore.ts';
import { reconciliationToken, tokenAdvice } from '../../../scripts/reconcile.ts';

/**
 * The operations tools in production (docs/deployment.md, "Operations tools") use nothing of the
 * embedded default's, even where a development data folder is at hand (the checkout's `.data/`): not
 * its store, whose audit log and figures would pass for production's, nor its development key.
 */

let dataRoot: string;
beforeAll(async () => {
  dataRoot = await mkdtemp(join(tmpdir(), 'linju-tools-production-'));
  // Embedded PostgreSQL runs as another account when this is root: it must reach its folder.
  await chmod(dataRoot, 0o755);
  // A development store of Sichuan's and the development key, as `npm start` leaves them.
  const store = await openDatabase({ dataDir: join(dataRoot, 'sichuan'), migrations: [] });
  await store.close();
  await loadOrCreateDevKeys(join(dataRoot, 'gateway', 'dev-keys.json'));
}, 120_000);
afterAll(() => rm(dataRoot, { recursive: true, force: true }));

describe('the operations tools in production', () => {
  test('a store: the embedded one in development; in production only through the URL, its absence named', async () => {
    const read = (env: NodeJS.ProcessEnv) => withStore('sichuan', { LINJU_DATA_DIR: dataRoot, ...env }, async (pool) => (await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one);
    expect(await read({})).toBe(1);
    await expect(read({ LINJU_ENV: 'production' })).rejects.toThrow(/^SICHUAN_DATABASE_URL is not set \(nor SICHUAN_MIGRATION_DATABASE_URL\): in production the tools read no embedded store/);
    await expect(read({ LINJU_ENV: 'production', SICHUAN_DATABASE_URL: '  ' })).rejects.toThrow(/^SICHUAN_DATABASE_URL is not set/);
  }, 60_000);

  test('a URL whose password holds an unencoded "@" and "#" is refused as the subgraph refuses it, not tried at the host it misparses to', async () => {
    const url = 'postgresql://sichuan_runtime:p@ss#w/rd@127.0.0.1:4850/sichuan';
    let connected = false;
    const refusal = withStore('sichuan', { LINJU_ENV: 'production', SICHUAN_DATABASE_URL: url }, async () => {
      connected = true;
    });
    await expect(refusal).rejects.toThrow(/^SICHUAN_DATABASE_URL does not parse as intended: it holds a "#", .* @ as %40, # as %23/);
    await expect(refusal).rejects.not.toThrow(/w\/rd|ENOTFOUND/);
    expect(connected).toBe(false);
  });

  test('reconcile’s token: the development key’s in development; in production LINJU_TOKEN alone', async () => {
    expect(await reconciliationToken({ LINJU_DATA_DIR: dataRoot })).toMatch(/^ey/);
    expect(await reconciliationToken({ LINJU_DATA_DIR: dataRoot, LINJU_ENV: 'production' })).toBeUndefined();
    expect(await reconciliationToken({ LINJU_DATA_DIR: dataRoot, LINJU_ENV: 'production', LINJU_TOKEN: 'office-token' })).toBe('office-token');
    // Refused without a token: production's advice is the office's issuer, not the embedded default's key.
    expect(tokenAdvice(undefined, { LINJU_ENV: 'production' })).toBe(
      "No token: set LINJU_TOKEN to a joint operator's access token from the office's identity provider (in production none is minted from a development key).",
    );
    expect(tokenAdvice(undefined, {})).toMatch(/npm start/);
  });
});
