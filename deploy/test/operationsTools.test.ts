import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from '@linju/testing';
import { bundlePath, buildProcess, OPERATIONS_TOOLS, REPOSITORY_ROOT, SERVER_PROCESSES, toolBundlePath } from '../src/index.ts';

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
  test('audit:verify, figures:verify, tree:check, reconcile, secret:check and regions, each to dist/tools/<name>.mjs, from the script npm run runs', () => {
    expect(OPERATIONS_TOOLS.map(({ name, bundle }) => [name, bundle])).toEqual(
      ['audit-verify', 'figures-verify', 'tree-check', 'reconcile', 'secret-check', 'regions'].map((name) => [name, toolBundlePath(name)]),
    );
    expect(toolBundlePath('audit-verify')).toBe('dist/tools/audit-verify.mjs');
  });

  // The build's output as docs/deployment.md shows it ("The build") lists every bundle the build writes, in its order,
  // and the page's table of operations tools has a row for each tool (secret-check's line was missing from the sample).
  test('docs/deployment.md shows every bundle the build prints, and a row for each operations tool', async () => {
    const page = await readFile(join(REPOSITORY_ROOT, 'docs/deployment.md'), 'utf8');
    const sample = /^Built in [\d.]+ s \(run each with node; docs\/deployment\.md\):\n((?: {2}\S+ +node \S+\n)+)```/m.exec(page)?.[1] ?? '';
    const shown = sample.trimEnd().split('\n').map((line) => line.trim().split(/ +node /));
    expect(shown).toEqual([...SERVER_PROCESSES, ...OPERATIONS_TOOLS].map((process) => [process.name, process.bundle ?? bundlePath(process.name)]));
    for (const tool of OPERATIONS_TOOLS) expect(page).toMatch(new RegExp(`^\\| \`node ${toolBundlePath(tool.name).replaceAll('.', '\\.')}[ \`].*\\| \`npm run ${tool.script}[ \`]`, 'm'));
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

    // Past the usage: each does its work and fails for want of a store, a gateway or a replica, saying so, with its exit code 2
    // (secret-check: a replica it cannot reach, 3).
    const nowhere = { LINJU_DATA_DIR: join(REPOSITORY_ROOT, TEST_FOLDER, 'no-data'), GATEWAY_URL: 'http://127.0.0.1:9/graphql', LINJU_TOKEN: 'none' };
    const regionFile = join(REPOSITORY_ROOT, TEST_FOLDER, 'regions.csv');
    if (name === 'regions') await writeFile(regionFile, '区划代码,名称,层级,上级区划\n510000,四川省,省级,\n');
    const args = name === 'secret-check' ? ['sichuan', '--url', 'http://127.0.0.1:9'] : name === 'regions' ? ['load', 'sichuan', regionFile] : [];
    const run = await runBundle(bundle, args, nowhere);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(name === 'secret-check' ? 3 : 2);
    expect(`${run.stdout}${run.stderr}`).toMatch(
      name === 'reconcile' ? /127\.0\.0\.1:9.*: fetch failed \(bad port\)/ : name === 'secret-check' ? /^sichuan http:\/\/127\.0\.0\.1:9\/graphql: unreachable: ECONNREFUSED/ : /no store in .*no-data/,
    );
    expect(run.stderr).not.toMatch(/tsx|Unknown file extension/);

    // The membership file is read as the tool's modules load: one that cannot be used is one line naming it, not a stack.
    const noMembers = await runBundle(bundle, args, { ...nowhere, LINJU_FEDERATION_FILE: '/nonexistent/federation.json' });
    expect(noMembers, noMembers.stderr).toMatchObject({ code: 2, stdout: '' });
    expect(noMembers.stderr).toMatch(/^LINJU_FEDERATION_FILE: \/nonexistent\/federation\.json: cannot be read as JSON \(ENOENT[^\n]*\)\n$/);

    // A mode that is neither: one line naming LINJU_ENV, exit 2 (reconcile threw it with its stack).
    const noMode = await runBundle(bundle, args, { ...nowhere, LINJU_ENV: 'prod' });
    expect(noMode.code, `${noMode.stdout}${noMode.stderr}`).toBe(2);
    for (const line of `${noMode.stdout}${noMode.stderr}`.trimEnd().split('\n')) expect(line).toMatch(/Invalid LINJU_ENV="prod": expected "production" or "development"$/);
  }, 120_000);

  // In production a tool that reads a store never falls back to the embedded one under the data folder:
  // an environment file that did not set the URL (an unquoted `&` in it, docs/deployment.md) is one line naming it.
  test.each(['audit-verify', 'figures-verify', 'tree-check'])('%s in production without a database URL names the variable, and reads no embedded store', async (name) => {
    const bundle = join(REPOSITORY_ROOT, TEST_FOLDER, `${name}.mjs`);
    const run = await runBundle(bundle, ['sichuan'], { LINJU_ENV: 'production', LINJU_DATA_DIR: join(REPOSITORY_ROOT, TEST_FOLDER, 'no-data'), SICHUAN_DATABASE_URL: '' });
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sichuan: cannot (verify|check): SICHUAN_DATABASE_URL is not set .*in production the tools read no embedded store/)]);
  });

  // figures-verify takes the members it checks as audit-verify and tree-check do: on one side's host, that side alone.
  test('figures-verify, audit-verify and tree-check: [member …], an unknown one refused alike', async () => {
    for (const name of ['figures-verify', 'tree-check', 'audit-verify']) {
      const bundle = join(REPOSITORY_ROOT, TEST_FOLDER, `${name}.mjs`);
      const one = await runBundle(bundle, ['chongqing'], { LINJU_DATA_DIR: join(REPOSITORY_ROOT, TEST_FOLDER, 'no-data') });
      expect(one.code).toBe(2);
      expect(one.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^chongqing: cannot (verify|check): no store in .*no-data/)]);
      const unknown = await runBundle(bundle, ['guangdong']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown member or option guangdong (members: sichuan, chongqing');
    }
  });

  // After the bundle above: reconcile reads the gateway's address as every tool does (gatewayUrlSetting), GATEWAY_URL kept from before.
  test('reconcile: --gateway, else LINJU_GATEWAY_URL, else GATEWAY_URL; out of reach, it says how to give another', async () => {
    const bundle = join(REPOSITORY_ROOT, TEST_FOLDER, 'reconcile.mjs');
    const env = { LINJU_TOKEN: 'none', LINJU_GATEWAY_URL: 'http://127.0.0.1:9/graphql', GATEWAY_URL: 'http://127.0.0.1:7/graphql' };
    const fromVariable = await runBundle(bundle, [], env);
    expect(fromVariable.code).toBe(2);
    expect(fromVariable.stderr).toContain('Cannot reach the gateway at http://127.0.0.1:9/graphql (give another with --gateway URL or LINJU_GATEWAY_URL)');
    expect((await runBundle(bundle, ['--gateway', 'http://127.0.0.1:13/graphql'], env)).stderr).toContain('Cannot reach the gateway at http://127.0.0.1:13/graphql');
    expect((await runBundle(bundle, [], { ...env, LINJU_GATEWAY_URL: '' })).stderr).toContain('Cannot reach the gateway at http://127.0.0.1:7/graphql');
    const refused = await runBundle(bundle, ['--gateway', `http://127.0.0.1:${await freePort()}/graphql`], env);
    expect(refused.stderr).toMatch(/: fetch failed \(ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    const stray = await runBundle(bundle, ['--gateways', 'x'], env);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/reconcile: .*--gateways/);
  });

  // A gateway behind a certificate of a private CA: the cause is said, and how to make Node trust that CA.
  test('reconcile: a gateway whose certificate Node does not trust is named as such, and NODE_EXTRA_CA_CERTS makes it trusted', async () => {
    const bundle = join(REPOSITORY_ROOT, TEST_FOLDER, 'reconcile.mjs');
    const folder = await mkdtemp(join(tmpdir(), 'linju-tools-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'), '-days', '1', '-subj', '/CN=Linju test gateway', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = createServer({ cert: await readFile(join(folder, 'cert.pem')), key: await readFile(join(folder, 'key.pem')) }, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: null, errors: [{ message: 'reached', extensions: { code: 'UNAUTHENTICATED' } }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const untrusted = await runBundle(bundle, ['--gateway', url], { LINJU_TOKEN: 'none' });
      expect(untrusted.code).toBe(2);
      expect(untrusted.stderr).toContain(`Cannot reach the gateway at ${url} (give another with --gateway URL or LINJU_GATEWAY_URL): fetch failed (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate); a gateway whose certificate a private CA signed: NODE_EXTRA_CA_CERTS=<that CA's certificate>`);
      const trusted = await runBundle(bundle, ['--gateway', url], { LINJU_TOKEN: 'none', NODE_EXTRA_CA_CERTS: join(folder, 'cert.pem') });
      expect(trusted.stderr).toContain(`The gateway at ${url} could not answer the reconciliation:\n  reached`);
    } finally {
      server.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
