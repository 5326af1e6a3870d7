import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { buildProcess, OPERATIONS_TOOLS, REPOSITORY_ROOT, toolBundlePath } from '../src/index.ts';

const TEST_FOLDER = join('dist', 'deploy-test-tools');
afterAll(() => rm(join(REPOSITORY_ROOT, TEST_FOLDER), { recursive: true, force: true }));

/** Runs a bundle as a production host does: plain node, no tsx (no NODE_OPTIONS, nothing imported first). */
async function runBundle(bundle: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NODE_OPTIONS: _ignored, ...rest } = process.env;
  return promisify(execFile)(process.execPath, [bundle, ...args], { cwd: REPOSITORY_ROOT, env: { ...rest, ...env }, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('the operations tools, bundled like the servers (docs/deployment.md, "Operations tools")', () => {
  test('audit:verify, figures:verify, tree:check and reconcile, each to dist/tools/<name>.mjs, from the script npm run runs', () => {
    expect(OPERATIONS_TOOLS.map(({ name, bundle }) => [name, bundle])).toEqual(
      ['audit-verify', 'figures-verify', 'tree-check', 'reconcile'].map((name) => [name, toolBundlePath(name)]),
    );
    expect(toolBundlePath('audit-verify')).toBe('dist/tools/audit-verify.mjs');
  });

  // Each built under dist/deploy-test-tools/ (not the build's own dist/tools/), then run with plain node.
  test.each(OPERATIONS_TOOLS.map((tool) => [tool.name, tool] as const))('%s imports nothing npm ci --omit=dev leaves out, and runs under plain node', async (name, tool) => {
    const built = await buildProcess({ ...tool, bundle: join(TEST_FOLDER, `${name}.mjs`) });
    expect(built.problems).toEqual([]);
    const output = Object.values(built.metafile.outputs).find((entry) => entry.entryPoint)!;
    expect(output.imports.filter((record) => record.external && record.path.startsWith('@linju/'))).toEqual([]);
    const bundle = join(REPOSITORY_ROOT, built.bundle);

    const help = await runBundle(bundle, ['--help']);
    expect(help, help.stderr).toMatchObject({ code: 0 });
    expect(help.stdout).toContain(`npm run ${tool.script}`);
    expect(help.stdout).toContain(`node dist/tools/${name}.mjs`);

    // Past the usage: each does its work and fails for want of a store or a gateway, saying so, with its exit code 2.
    const nowhere = { LINJU_DATA_DIR: join(REPOSITORY_ROOT, TEST_FOLDER, 'no-data'), GATEWAY_URL: 'http://127.0.0.1:9/graphql', LINJU_TOKEN: 'none' };
    const run = await runBundle(bundle, [], nowhere);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(2);
    expect(run.stderr).toMatch(name === 'reconcile' ? /127\.0\.0\.1:9/ : /no store in .*no-data/);
    expect(run.stderr).not.toMatch(/tsx|Unknown file extension/);
  }, 120_000);

  // After the bundle above: reconcile reads the gateway's address as every tool does (gatewayUrlSetting), GATEWAY_URL kept from before.
  test('reconcile: --gateway, else LINJU_GATEWAY_URL, else GATEWAY_URL; out of reach, it says how to give another', async () => {
    const bundle = join(REPOSITORY_ROOT, TEST_FOLDER, 'reconcile.mjs');
    const env = { LINJU_TOKEN: 'none', LINJU_GATEWAY_URL: 'http://127.0.0.1:9/graphql', GATEWAY_URL: 'http://127.0.0.1:7/graphql' };
    const fromVariable = await runBundle(bundle, [], env);
    expect(fromVariable.code).toBe(2);
    expect(fromVariable.stderr).toContain('Cannot reach the gateway at http://127.0.0.1:9/graphql (give another with --gateway URL or LINJU_GATEWAY_URL)');
    expect((await runBundle(bundle, ['--gateway', 'http://127.0.0.1:13/graphql'], env)).stderr).toContain('Cannot reach the gateway at http://127.0.0.1:13/graphql');
    expect((await runBundle(bundle, [], { ...env, LINJU_GATEWAY_URL: '' })).stderr).toContain('Cannot reach the gateway at http://127.0.0.1:7/graphql');
    const stray = await runBundle(bundle, ['--gateways', 'x'], env);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/reconcile: .*--gateways/);
  });
});
