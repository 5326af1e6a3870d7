import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { gatewaySecret, previousGatewaySecret } from '../src/gatewaySecret.ts';

test('a generated secret is private, but the data root stays open to the account PostgreSQL runs as', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'linju-secret-'));
  try {
    const env = { LINJU_DATA_DIR: join(scratch, 'data') };
    const secret = gatewaySecret('sichuan', env);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(gatewaySecret('sichuan', env)).toBe(secret);
    expect(statSync(join(scratch, 'data', 'secrets')).mode & 0o077).toBe(0);
    expect(statSync(join(scratch, 'data', 'secrets', 'sichuan-gateway.secret')).mode & 0o077).toBe(0);
    // Others may traverse the root: each store's cluster folder below it belongs to PostgreSQL's account.
    expect(statSync(join(scratch, 'data')).mode & 0o001).toBe(0o001);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a configured secret must be long enough, and the message names the variable', () => {
  expect(() => gatewaySecret('joint', { JOINT_GATEWAY_SECRET: 'short' })).toThrow(/JOINT_GATEWAY_SECRET/);
});

test('the previous secret of a rollover: optional, as long as the current one, and only beside a configured current one', () => {
  const [current, previous] = ['n'.repeat(40), 'o'.repeat(40)];
  expect(previousGatewaySecret('sichuan', { SICHUAN_GATEWAY_SECRET: current })).toBeUndefined();
  expect(previousGatewaySecret('sichuan', { SICHUAN_GATEWAY_SECRET: current, SICHUAN_GATEWAY_SECRET_PREVIOUS: ` ${previous}\n` })).toBe(previous);
  expect(() => previousGatewaySecret('sichuan', { SICHUAN_GATEWAY_SECRET: current, SICHUAN_GATEWAY_SECRET_PREVIOUS: 'short' })).toThrow(/^SICHUAN_GATEWAY_SECRET_PREVIOUS must be at least 32 characters$/);
  expect(() => previousGatewaySecret('sichuan', { SICHUAN_GATEWAY_SECRET_PREVIOUS: previous })).toThrow(/^SICHUAN_GATEWAY_SECRET_PREVIOUS is set but SICHUAN_GATEWAY_SECRET is not/);
});
