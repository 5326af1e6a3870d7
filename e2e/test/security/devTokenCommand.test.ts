import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, devKeysFile, loadOrCreateDevKeys, type DevKeys } from '@linju/gateway/devKeys';
import { runRepoCommand } from '../repoCommand.ts';

/**
 * `npm run token -- <account>` (scripts/dev-token.ts), as a person runs it from the repository's
 * root: a development account's token, with its own role, region and name, signed with the key the
 * embedded default's gateway trusts; refused where it must be.
 */

let dataDir: string;
let keys: DevKeys;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linju-token-'));
  keys = await loadOrCreateDevKeys(devKeysFile({ LINJU_DATA_DIR: dataDir }));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run token', () => {
  test("a town clerk's token carries the town's region, the clerk's name, and the development key's signature", async () => {
    const run = await runRepoCommand(['scripts/dev-token.ts', 'moxi-clerk', '--hours', '2'], { LINJU_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.jwks), { issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(payload).toMatchObject({ sub: 'moxi-clerk', role: 'sichuan-operator', region: '510904101', name: '张敏' });
    expect(payload.exp! - payload.iat!).toBe(2 * 3600);
    expect(run.stderr).toContain('moxi-clerk (张敏, 磨溪镇党委 组织委员): sichuan-operator, region 510904101; 2 h');
  });

  test.each([
    ['an account with no Linju role', ['no-rights'], {}, 1, 'has no Linju role'],
    ['production', ['moxi-clerk'], { LINJU_ENV: 'production' }, 1, 'development only'],
    ['LINJU_ENV set to neither mode, in one line', ['moxi-clerk'], { LINJU_ENV: 'bogus' }, 2, 'LINJU_ENV'],
    ['no key yet', ['moxi-clerk'], { LINJU_DATA_DIR: '/nonexistent/linju' }, 1, 'run npm start once'],
    ['an unknown account, with the accounts listed', ['nobody'], {}, 2, 'shuangjiang-clerk'],
    ['more hours than the development tokens last', ['viewer', '--hours', '48'], {}, 2, '--hours 48 is not a whole number from 1 to 12'],
  ] as const)('is refused for %s, printing no token', async (_what, args, env, code, words) => {
    const run = await runRepoCommand(['scripts/dev-token.ts', ...args], { LINJU_DATA_DIR: dataDir, ...env });
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(words);
    // A refusal is its line (and the usage), never a stack.
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
