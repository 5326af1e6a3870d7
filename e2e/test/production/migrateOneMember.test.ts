import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { skipWithoutSystemPostgres, SystemPostgres } from '@linju/testing';
import { createOwnerAndRuntimeStores, type OwnerAndRuntimeStores } from './ownerAndRuntimeStores.ts';

/**
 * `npm run migrate` on a jurisdiction's host, which holds its own store's URLs alone
 * (docs/deployment.md): named, its store is migrated; not named, every member of the federation
 * would be, and the run is refused before any store is touched, saying to name the member.
 */

let server: SystemPostgres;
let stores: OwnerAndRuntimeStores;

const message = (line: string): string => {
  try {
    return (JSON.parse(line) as { msg: string }).msg;
  } catch {
    return line;
  }
};
const migrated = async () => (await stores.asOwner<{ table: string | null }>('sichuan', "SELECT to_regclass('_linju_migrations')::text AS table"))[0]!.table;

describe.skipIf(skipWithoutSystemPostgres("npm run migrate on one member's host"))("npm run migrate on one member's host", () => {
  beforeAll(async () => {
    server = await SystemPostgres.create();
    stores = await createOwnerAndRuntimeStores(server, ['sichuan']);
  });
  afterAll(async () => {
    await server?.remove();
  });

  test('no member named, another member unset: refused before any store is touched, naming the member to give', async () => {
    const run = await stores.migrate(['--grant-runtime']);
    expect(run.code, run.lines.join('\n')).toBe(1);
    expect(run.lines.map(message)).toContainEqual(
      expect.stringMatching(
        /^CHONGQING_MIGRATION_DATABASE_URL is not set \(nor CHONGQING_DATABASE_URL\): .*\. No member was named, so every member of the federation is migrated \(sichuan, chongqing, joint\): on a host that holds one member's store, name it \(npm run migrate -- --grant-runtime sichuan\); nothing was migrated$/,
      ),
    );
    expect(await migrated()).toBeNull();
  });

  test("no member named, this host's own store wrongly set: its own refusal, not advice to name it", async () => {
    const run = await stores.migrate(['--grant-runtime'], { SICHUAN_DATABASE_URL: 'postgresql://127.0.0.1:5432/sichuan' });
    expect(run.code, run.lines.join('\n')).toBe(1);
    expect(run.lines.map(message)).toContainEqual(expect.stringMatching(/^SICHUAN_DATABASE_URL names no user: --grant-runtime grants the user of SICHUAN_DATABASE_URL the runtime's rights, migrating as the owner's SICHUAN_MIGRATION_DATABASE_URL$/));
    expect(await migrated()).toBeNull();
  });

  test('the member named: its store migrated and granted', async () => {
    const run = await stores.migrate(['--grant-runtime', 'sichuan']);
    expect(run.code, run.lines.join('\n')).toBe(0);
    expect(run.lines.map(message)).toContainEqual(expect.stringMatching(/^runtime role sichuan_runtime granted: /));
    expect(await migrated()).toBe('_linju_migrations');
  });
});
