import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractMigrations, jurisdictionByKey } from '@linju/contract';
import { ConfigError, createLogger } from '@linju/observability';
import { EmbeddedCluster } from '../src/database/EmbeddedCluster.ts';
import { createDatabaseIfMissing, openDatabase } from '../src/database/openDatabase.ts';
import { startSubgraph, type SubgraphClient } from '../src/server/startSubgraph.ts';

/**
 * A store on a PostgreSQL without the ICU collation its lists sort names by (`zh-x-icu`, a
 * jurisdiction's NAME order by pinyin) is refused when the subgraph starts, with one message saying
 * what is missing and how to fix it, before any migration; it used to start and fail every NAME read
 * as a masked internal error. The embedded PostgreSQL has ICU, so a PostgreSQL without it is played
 * by asking for a collation no PostgreSQL has.
 */

const MIGRATIONS = contractMigrations(jurisdictionByKey('sichuan')!);
const SILENT = createLogger('test', { level: 'silent' });
const MISSING = 'zz-x-missing';

let dataDir: string;
let cluster: EmbeddedCluster;

async function tables(database: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: cluster.url(database) });
  await client.connect();
  try {
    return (await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

/** What openDatabase refused with: the ConfigError's variable and message. */
async function refusal(opening: Promise<unknown>): Promise<{ variable: string; message: string }> {
  const error = await opening.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return { variable: (error as ConfigError).variable, message: (error as ConfigError).message };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'linju-name-collation-'));
  // As root, embedded PostgreSQL's account must pass through it to the two clusters' folders.
  await chmod(dataDir, 0o755);
  cluster = new EmbeddedCluster({ dataDir: join(dataDir, 'cluster'), durable: false });
  await cluster.start();
  await createDatabaseIfMissing(cluster.url('postgres'), 'sichuan');
});

afterAll(async () => {
  await cluster?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the collation the lists sort names by, checked at start', () => {
  const options = (nameCollation: string) => ({
    databaseUrl: cluster.url('sichuan'),
    databaseUrlVariable: 'SICHUAN_DATABASE_URL',
    connectAttempts: 1,
    migrations: MIGRATIONS,
    owner: 'sichuan',
    nameCollation,
    logger: SILENT,
  });

  test('missing: refused, naming the variable, the address, the collation, ICU and the fix; nothing migrated', async () => {
    expect(await refusal(openDatabase(options(MISSING)))).toEqual({
      variable: 'SICHUAN_DATABASE_URL',
      message:
        `SICHUAN_DATABASE_URL: the PostgreSQL at linju@127.0.0.1:${cluster.port}/sichuan has no "${MISSING}" collation, which sichuan's lists sort names by (orderBy: NAME): ` +
        `it was built without ICU. Run sichuan's store on a PostgreSQL built with ICU (Debian's packages and the official images are; docs/deployment.md)`,
    });
    expect(await tables('sichuan')).toEqual([]);
  });

  test('the embedded PostgreSQL has zh-x-icu: the store opens and is migrated', async () => {
    const database = await openDatabase(options('zh-x-icu'));
    try {
      expect(database.migrations.applied).toEqual(MIGRATIONS.map((m) => m.name));
      const { rows } = await database.pool.query<{ name: string }>(`SELECT name FROM unnest(ARRAY['分水镇', '常乐镇', '白马镇']) AS name ORDER BY name COLLATE "zh-x-icu"`);
      expect(rows.map((row) => row.name)).toEqual(['白马镇', '常乐镇', '分水镇']);
    } finally {
      await database.close();
    }
  });

  test('a subgraph whose definition names the collation refuses to start on an embedded store without it (LINJU_DATA_DIR)', async () => {
    const store = join(dataDir, 'embedded');
    const definition = {
      name: 'sichuan',
      typeDefs: parse('type Query { unused: Int }'),
      resolvers: {},
      migrations: MIGRATIONS,
      nameCollation: MISSING,
      createPrisma: (): SubgraphClient => {
        throw new Error('not reached: the store is refused before');
      },
      context: () => ({}),
    };
    const { variable, message } = await refusal(startSubgraph(definition, { dataDir: store, durable: false, gatewaySecret: 'x'.repeat(32), logger: SILENT }));
    expect(variable).toBe('LINJU_DATA_DIR');
    expect(message).toBe(
      `LINJU_DATA_DIR: the PostgreSQL at ${store} has no "${MISSING}" collation, which sichuan's lists sort names by (orderBy: NAME): ` +
        `it was built without ICU. Run sichuan's store on a PostgreSQL built with ICU (Debian's packages and the official images are; docs/deployment.md)`,
    );
  });
});
