import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { subgraphs } from '@linju/schema/subgraphs';
import { buildProcess, bundlePath, REPOSITORY_ROOT, SERVER_PROCESSES, type ServerProcess } from '../src/index.ts';
import { buildDefines } from '../src/buildProcess.ts';

const fixture = (name: string): ServerProcess => ({ name: `deploy-test-${name}`, entry: `deploy/test/fixtures/${name}.ts` });
const written: string[] = [];
afterAll(() => Promise.all(written.map((name) => rm(dirname(join(REPOSITORY_ROOT, bundlePath(name))), { recursive: true, force: true }))));

describe('the processes of a deployment', () => {
  test('each member of federation.json and the gateway, from the entry point npm start runs', () => {
    expect(SERVER_PROCESSES.map(({ name }) => name)).toEqual([...subgraphs.map(({ name }) => name), 'gateway']);
    expect(SERVER_PROCESSES.find(({ name }) => name === 'joint')?.entry).toBe('subgraph-shared/src/index.ts');
    for (const { entry } of SERVER_PROCESSES) expect(existsSync(join(REPOSITORY_ROOT, entry)), entry).toBe(true);
  });

  // The check that makes `npm run build` fail: every package a bundle imports at run time is among the dependencies of the package whose code imports it.
  test.each(SERVER_PROCESSES.map((server) => [server.name, server] as const))('%s imports nothing that npm ci --omit=dev leaves out, and bundles every workspace package', async (_name, server) => {
    const built = await buildProcess(server, { write: false });
    expect(built.problems).toEqual([]);
    const output = Object.values(built.metafile.outputs).find((entry) => entry.entryPoint)!;
    expect(output.imports.filter((record) => record.external && record.path.startsWith('@linju/'))).toEqual([]);
  });
});

describe('how a bundle is made', () => {
  test('an import of a devDependency is named, with the package that must list it', async () => {
    const built = await buildProcess(fixture('importsADevDependency'), { write: false });
    expect(built.problems).toEqual([
      'deploy/test/fixtures/importsADevDependency.ts imports esbuild, which @linju/deploy lists only among its devDependencies: add it to the dependencies of @linju/deploy',
    ]);
  });

  test("import.meta.url, .dirname and .filename keep naming the source file, relative to the bundle, so files beside it are read from the repository", async () => {
    const server = fixture('readsItsOwnFiles');
    written.push(server.name);
    const built = await buildProcess(server);
    const bundle = join(REPOSITORY_ROOT, built.bundle);
    const text = await readFile(bundle, 'utf8');
    expect(text).not.toContain(REPOSITORY_ROOT);
    const { stdout } = await promisify(execFile)(process.execPath, [bundle]);
    const fixtures = join(REPOSITORY_ROOT, 'deploy/test/fixtures');
    expect(JSON.parse(stdout)).toEqual({
      beside: 'read from the repository, not from dist/',
      viaDirname: 'read from the repository, not from dist/',
      dirname: fixtures,
      filename: join(fixtures, 'readsItsOwnFiles.ts'),
    });
  });

  test('a bundle says the version and the commit it was built from, without running git itself', async () => {
    const server = fixture('saysItsBuild');
    written.push(server.name);
    const built = await buildProcess(server);
    const bundle = join(REPOSITORY_ROOT, built.bundle);
    const git = async (...args: string[]) => (await promisify(execFile)('git', args, { cwd: REPOSITORY_ROOT })).stdout.trim();
    // Other work in this checkout (or another test file writing beside it) may be under way, and may change between the
    // build and this line: the commit is HEAD's, marked or not (the next test pins the marker).
    const head = await git('rev-parse', 'HEAD');
    const { version } = JSON.parse(await readFile(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const text = await readFile(bundle, 'utf8');
    expect(text).not.toMatch(/child_process/);
    // Run from elsewhere, where no git could say it.
    const { stdout } = await promisify(execFile)(process.execPath, [bundle], { cwd: '/' });
    const said = JSON.parse(stdout) as { version: string; commit: string };
    expect(said.version).toBe(version);
    expect(said.commit).toMatch(new RegExp(`^${head}(-dirty)?$`));
    expect(text).toContain(said.commit);
  });

  test('a bundle built from a checkout with changes not committed says so: its commit ends in -dirty', async () => {
    const root = await mkdtemp(join(tmpdir(), 'linju-build-commit-'));
    try {
      const git = async (...args: string[]) => (await promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: root })).stdout.trim();
      await git('init', '-q');
      await writeFile(join(root, 'package.json'), '{"version":"1.2.3"}\n');
      await writeFile(join(root, 'index.ts'), 'export {};\n');
      await git('add', '.');
      await git('commit', '-q', '-m', 'one');
      const head = await git('rev-parse', 'HEAD');
      expect(buildDefines(root)).toEqual({ __LINJU_VERSION__: '"1.2.3"', __LINJU_COMMIT__: JSON.stringify(head) });
      await appendFile(join(root, 'index.ts'), '// x\n');
      expect(buildDefines(root).__LINJU_COMMIT__).toBe(JSON.stringify(`${head}-dirty`));
      await git('add', 'index.ts');
      expect(buildDefines(root).__LINJU_COMMIT__, 'staged, not committed').toBe(JSON.stringify(`${head}-dirty`));
      await git('commit', '-q', '-m', 'two');
      await writeFile(join(root, 'new.ts'), 'export {};\n');
      expect(buildDefines(root).__LINJU_COMMIT__, 'a new file not yet added').toBe(JSON.stringify(`${await git('rev-parse', 'HEAD')}-dirty`));
      await writeFile(join(root, '.gitignore'), 'new.ts\n.gitignore\n');
      expect(buildDefines(root).__LINJU_COMMIT__, 'ignored files do not count').toBe(JSON.stringify(await git('rev-parse', 'HEAD')));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('any other use of import.meta stops the build', async () => {
    await expect(buildProcess(fixture('usesImportMetaResolve'), { write: false })).rejects.toThrow(/import\.meta\.resolve: only import\.meta\.url, \.dirname and \.filename keep their meaning in a bundle/);
  });

  // npm installed a newer @opentelemetry/core for observability than the one at the root: Node
  // would load the root's from dist/, so the bundle carries observability's own.
  test.runIf(existsSync(join(REPOSITORY_ROOT, 'observability/node_modules/@opentelemetry/core')))(
    'a package that Node would find in another version from the bundle\'s folder is bundled, the rest imported',
    async () => {
      const built = await buildProcess(SERVER_PROCESSES.find(({ name }) => name === 'gateway')!, { write: false });
      expect(Object.keys(built.metafile.inputs).some((input) => input.startsWith('observability/node_modules/@opentelemetry/core/'))).toBe(true);
      const output = Object.values(built.metafile.outputs).find((entry) => entry.entryPoint)!;
      const external = new Set(output.imports.filter((record) => record.external).map((record) => record.path));
      expect(external.has('@opentelemetry/core')).toBe(false);
      expect(external.has('@apollo/gateway')).toBe(true);
    },
  );
});
