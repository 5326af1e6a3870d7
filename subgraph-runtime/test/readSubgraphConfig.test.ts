import { describe, expect, test } from 'vitest';
import { ConfigError } from '@linju/observability';
import { readSubgraphConfig } from '../src/server/readSubgraphConfig.ts';

const SECRET = 's'.repeat(40);
const URL = 'postgresql://linju:pw@db.example:5432/sichuan';
const production = { LINJU_ENV: 'production', SICHUAN_GATEWAY_SECRET: SECRET, SICHUAN_DATABASE_URL: URL };

function refusal(env: NodeJS.ProcessEnv, name = 'sichuan'): ConfigError {
  try {
    readSubgraphConfig(name, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('readSubgraphConfig', () => {
  test.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['SICHUAN_PORT', { SICHUAN_PORT: 'abc' }, /^Invalid SICHUAN_PORT="abc": expected a port number from 0 to 65535$/],
    ['SICHUAN_PORT', { SICHUAN_PORT: '65536' }, /SICHUAN_PORT="65536"/],
    ['SICHUAN_PORT', { SICHUAN_PORT: '-1' }, /SICHUAN_PORT="-1"/],
    ['LINJU_ENV', { LINJU_ENV: 'prod' }, /^Invalid LINJU_ENV="prod": expected "production" or "development"$/],
    ['LINJU_SEED', { LINJU_SEED: 'yes' }, /^Invalid LINJU_SEED="yes": expected "demo" or "none"$/],
    ['LINJU_DATABASE_CONNECT_ATTEMPTS', { LINJU_DATABASE_CONNECT_ATTEMPTS: '0' }, /LINJU_DATABASE_CONNECT_ATTEMPTS="0"/],
    ['LINJU_DATABASE_CONNECT_ATTEMPTS', { LINJU_DATABASE_CONNECT_ATTEMPTS: 'many' }, /LINJU_DATABASE_CONNECT_ATTEMPTS="many"/],
    ['LINJU_DATABASE_POOL_SIZE', { LINJU_DATABASE_POOL_SIZE: '0' }, /^Invalid LINJU_DATABASE_POOL_SIZE="0": expected a whole number of connections from 1 to 1000$/],
    ['LINJU_DATABASE_POOL_SIZE', { LINJU_DATABASE_POOL_SIZE: '10.5' }, /LINJU_DATABASE_POOL_SIZE="10.5"/],
    ['LINJU_AGGREGATE_CACHE_TTL_MS', { LINJU_AGGREGATE_CACHE_TTL_MS: 'soon' }, /LINJU_AGGREGATE_CACHE_TTL_MS="soon"/],
    // The value holds a password: the message gives the expected shape, not the value.
    ['SICHUAN_DATABASE_URL', { SICHUAN_DATABASE_URL: 'mysql://linju:hunter2@db/linju' }, /^Invalid SICHUAN_DATABASE_URL: expected a PostgreSQL URL such as postgresql:\/\/user:password@host:5432\/database$/],
    ['SICHUAN_DATABASE_URL', { SICHUAN_DATABASE_URL: 'linju:hunter2@db' }, /^Invalid SICHUAN_DATABASE_URL/],
    ['SICHUAN_MIGRATION_DATABASE_URL', { SICHUAN_MIGRATION_DATABASE_URL: 'owner:hunter2@db' }, /^Invalid SICHUAN_MIGRATION_DATABASE_URL: expected a PostgreSQL URL/],
    ['SICHUAN_DATABASE_URL', { ...production, SICHUAN_DATABASE_URL: '' }, /^SICHUAN_DATABASE_URL is not set: production .* the embedded default is for development only$/],
    ['SICHUAN_GATEWAY_SECRET', { ...production, SICHUAN_GATEWAY_SECRET: ' ' }, /^SICHUAN_GATEWAY_SECRET is not set: production/],
    ['SICHUAN_DATABASE_URL', { NODE_ENV: 'production', SICHUAN_GATEWAY_SECRET: SECRET }, /^SICHUAN_DATABASE_URL is not set/],
  ])('%s: %j is refused, naming it', (variable, env, says) => {
    const error = refusal(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(says);
    expect(error.message).not.toContain('hunter2');
  });

  test("each member's variables carry its own prefix", () => {
    expect(refusal({ LINJU_ENV: 'production' }, 'joint').variable).toBe('JOINT_DATABASE_URL');
    expect(refusal({ CHONGQING_PORT: 'x' }, 'chongqing').variable).toBe('CHONGQING_PORT');
  });

  test('the demonstration seed: in development unless LINJU_SEED=none; in production only with LINJU_SEED=demo', () => {
    expect(readSubgraphConfig('sichuan', {}).seed).toBe(true);
    expect(readSubgraphConfig('sichuan', { LINJU_SEED: 'none' }).seed).toBe(false);
    expect(readSubgraphConfig('sichuan', production).seed).toBe(false);
    expect(readSubgraphConfig('sichuan', { ...production, LINJU_SEED: 'demo' }).seed).toBe(true);
  });

  test('defaults: the member port, 127.0.0.1, the embedded store under LINJU_DATA_DIR, 8 connection attempts, a pool of 10', () => {
    const config = readSubgraphConfig('chongqing', { LINJU_DATA_DIR: '/srv/linju-data' });
    expect(config).toMatchObject({ port: 4002, host: '127.0.0.1', production: false, databaseUrl: undefined, databaseUrlVariable: 'CHONGQING_DATABASE_URL', dataDir: '/srv/linju-data/chongqing', connectAttempts: 8, poolSize: 10 });
    expect(readSubgraphConfig('chongqing', { LINJU_DATABASE_POOL_SIZE: '40' }).poolSize).toBe(40);
    expect(readSubgraphConfig('sichuan', production)).toMatchObject({ production: true, databaseUrl: URL, migrationDatabaseUrl: undefined, migrationDatabaseUrlVariable: 'SICHUAN_MIGRATION_DATABASE_URL' });
    const owner = 'postgresql://owner:pw@db.example:5432/sichuan';
    expect(readSubgraphConfig('sichuan', { ...production, SICHUAN_MIGRATION_DATABASE_URL: owner })).toMatchObject({ databaseUrl: URL, migrationDatabaseUrl: owner });
  });
});
