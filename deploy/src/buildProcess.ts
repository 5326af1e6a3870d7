import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { dependencyProblems } from './dependencyProblems.ts';
import { externalPackagesPlugin } from './externalPackagesPlugin.ts';
import { importMetaPlugin } from './importMetaPlugin.ts';
import { bundlePath, REPOSITORY_ROOT, type ServerProcess } from './serverProcesses.ts';

/**
 * What each bundle says it is (its `/health` and `linju_build_info`, observability/src/buildInfo.ts,
 * which reads the same two names): the root package.json's version, and the commit checked out when
 * the bundle was built (`git rev-parse HEAD`, run here and never by the process; empty outside a git
 * checkout, which the process says as `unknown`). A checkout with changes not committed (`git status
 * --porcelain` lists a modified, staged or untracked file that is not ignored) is not that commit: the
 * commit then ends in `-dirty`. `root` is the checkout asked (the repository's own but in tests).
 */
export function buildDefines(root: string = REPOSITORY_ROOT): Record<'__LINJU_VERSION__' | '__LINJU_COMMIT__', string> {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  let commit = '';
  try {
    const head = git('rev-parse', 'HEAD').trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) commit = git('status', '--porcelain').trim() === '' ? head : `${head}-dirty`;
  } catch {
    // No git, or not a checkout (a release unpacked from an archive): the commit is not known.
  }
  return { __LINJU_VERSION__: JSON.stringify(version ?? 'unknown'), __LINJU_COMMIT__: JSON.stringify(commit) };
}

/** A process's bundle, built. */
export interface BuiltProcess {
  readonly server: ServerProcess;
  /** Its bundle, from the repository root. */
  readonly bundle: string;
  readonly metafile: Metafile;
  /** Imports that would fail after `npm ci --omit=dev` (see dependencyProblems); empty for a bundle that can be deployed. */
  readonly problems: readonly string[];
}

/**
 * An operations tool's bundle entry: loads the tool's module, then runs its `main`. Loaded inside,
 * because `@linju/contract` reads the membership file (`LINJU_FEDERATION_FILE`) as it loads: a bad
 * one is one line naming the variable, exit code 2 (a wrong variable, as every tool says it), not a
 * stack trace.
 */
function commandEntry(entry: string): string {
  return [
    "import { exitOnConfigError } from '@linju/observability/configError';",
    `const { main } = await import(${JSON.stringify(`./${basename(entry)}`)}).catch((error: unknown) => exitOnConfigError(error, undefined, 2));`,
    'process.exitCode = await main(process.argv.slice(2));',
    '',
  ].join('\n');
}

/**
 * Bundles one server process into `dist/<name>/index.mjs` or its own `bundle` (with its source map; an operations
 * tool into `dist/tools/<name>.mjs`, running its module's `main`): the workspace's
 * code compiled and bundled, third-party packages imported from `node_modules`, files read relative
 * to their source as before. `write: false` builds in memory only (for the dependency check).
 */
export async function buildProcess(server: ServerProcess, { write = true }: { write?: boolean } = {}): Promise<BuiltProcess> {
  const bundle = server.bundle ?? bundlePath(server.name);
  const outfile = join(REPOSITORY_ROOT, bundle);
  if (bundle.endsWith(join(server.name, 'index.mjs'))) {
    // Its folder is emptied first: it is the process's own.
    if (write) await rm(dirname(outfile), { recursive: true, force: true });
  } else if (basename(bundle) === `${server.name}.mjs`) {
    // A file among others (dist/tools/): only it and its map go.
    if (write) await Promise.all([outfile, `${outfile}.map`].map((file) => rm(file, { force: true })));
  } else throw new Error(`${server.name}'s bundle ${bundle} is neither <folder>/${server.name}/index.mjs nor <folder>/${server.name}.mjs`);
  const entry = join(REPOSITORY_ROOT, server.entry);
  const result = await build({
    absWorkingDir: REPOSITORY_ROOT,
    // A command's bundle runs its module's main() with the command line's arguments, and exits with its code.
    ...(server.command ? { stdin: { contents: commandEntry(entry), resolveDir: dirname(entry), sourcefile: `${server.entry}#main`, loader: 'ts' as const } } : { entryPoints: [entry] }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    // Class and function names stay what the sources say: they show in logs and errors.
    keepNames: true,
    sourcemap: true,
    // The map points at the sources, which stay in the repository beside the bundle.
    sourcesContent: false,
    metafile: true,
    write,
    define: buildDefines(),
    logLevel: 'warning',
    // CommonJS code bundled from node_modules (see externalPackagesPlugin) calls require(): in an
    // ES module that is this one, resolving from the bundle's folder, where the plugin made sure
    // Node finds what the code was written against.
    banner: { js: "import { createRequire as __linjuCreateRequire } from 'node:module';\nconst require = __linjuCreateRequire(import.meta.url);" },
    plugins: [externalPackagesPlugin(dirname(outfile)), importMetaPlugin(dirname(outfile))],
  });
  return { server, bundle, metafile: result.metafile, problems: dependencyProblems(result.metafile, REPOSITORY_ROOT) };
}
