import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { SystemPostgres } from '@linju/testing';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The stores of a production test on Debian's PostgreSQL, each with its owner and its runtime role. */
export interface OwnerAndRuntimeStores {
  /** The owner's URL of a store (`<KEY>_MIGRATION_DATABASE_URL`). */
  ownerUrl(store: string): string;
  /** The runtime role's URL of a store (`<KEY>_DATABASE_URL`). */
  runtimeUrl(store: string): string;
  /** Runs one statement as the store's owner, on a connection of its own. */
  asOwner<T extends pg.QueryResultRow>(store: string, sql: string, values?: unknown[]): Promise<T[]>;
  /** Runs `npm run migrate -- <args>` as an operator would, every store's two URLs in its environment (then `env`'s); resolves with its exit code and its output's lines. */
  migrate(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; lines: string[] }>;
}

/**
 * Creates, as the superuser, one database per store owned by `<store>_owner`, and a role
 * `<store>_runtime` that owns nothing, each with a random password. `closed`: the databases are
 * closed by default (CONNECT revoked from PUBLIC, granted to the two roles; no TEMP), as
 * docs/operations.md allows.
 */
export async function createOwnerAndRuntimeStores(server: SystemPostgres, stores: readonly string[], options: { closed?: boolean } = {}): Promise<OwnerAndRuntimeStores> {
  const passwords = new Map(stores.flatMap((store) => [`${store}_owner`, `${store}_runtime`]).map((role) => [role, randomBytes(12).toString('base64url')]));
  for (const store of stores) {
    await server.asSuperuser([
      `CREATE ROLE ${store}_owner LOGIN PASSWORD '${passwords.get(`${store}_owner`)}'`,
      `CREATE ROLE ${store}_runtime LOGIN PASSWORD '${passwords.get(`${store}_runtime`)}'`,
      `CREATE DATABASE ${store} OWNER ${store}_owner`,
      ...(options.closed ? [`REVOKE ALL ON DATABASE ${store} FROM PUBLIC`, `GRANT CONNECT ON DATABASE ${store} TO ${store}_owner, ${store}_runtime`] : []),
    ]);
  }
  const ownerUrl = (store: string) => server.url(`${store}_owner`, passwords.get(`${store}_owner`)!, store);
  const runtimeUrl = (store: string) => server.url(`${store}_runtime`, passwords.get(`${store}_runtime`)!, store);
  return {
    ownerUrl,
    runtimeUrl,
    async asOwner<T extends pg.QueryResultRow>(store: string, sql: string, values: unknown[] = []): Promise<T[]> {
      const client = new pg.Client({ connectionString: ownerUrl(store) });
      await client.connect();
      try {
        return (await client.query<T>(sql, values)).rows;
      } finally {
        await client.end();
      }
    },
    migrate(args, overrides = {}) {
      const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
      for (const store of stores) {
        env[`${store.toUpperCase()}_MIGRATION_DATABASE_URL`] = ownerUrl(store);
        env[`${store.toUpperCase()}_DATABASE_URL`] = runtimeUrl(store);
      }
      Object.assign(env, overrides);
      return new Promise((resolve) => {
        execFile('npm', ['run', '--silent', 'migrate', '--', ...args], { cwd: ROOT, env, timeout: 120_000 }, (error, stdout, stderr) => {
          const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.trim() !== '');
          resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, lines });
        });
      });
    },
  };
}
