import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, sep } from 'node:path';
import type { Loader, Plugin } from 'esbuild';

const LOADERS: Readonly<Record<string, Loader>> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js' };
const IMPORT_META = /\bimport\.meta\b(?:\.([A-Za-z_$][\w$]*))?/g;

/** A relative URL from the bundle's folder to `target`, each segment escaped as a file URL would be. */
export function relativeUrl(fromDirectory: string, target: string): string {
  const path = relative(fromDirectory, target).split(sep);
  const url = path.map((segment) => (segment === '..' ? segment : encodeURIComponent(segment))).join('/');
  return url.startsWith('../') || url === '..' ? url : `./${url}`;
}

/**
 * Keeps every bundled module's `import.meta.url`, `import.meta.dirname` and `import.meta.filename`
 * what they were in its source file, computed relative to the bundle (`new URL('../../contract/src/
 * contractMigrations.ts', import.meta.url).href`): the SDL, migrations, `federation.json`, the
 * dashboard's files and the Prisma clients' folders are then read from the repository as under
 * `npm start`, and the build moves with the repository. Any other use of `import.meta` stops the
 * build, since it could not mean the same in a bundle.
 */
export function importMetaPlugin(bundleDirectory: string): Plugin {
  return {
    name: 'linju-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const unsupported: string[] = [];
        const contents = source.replace(IMPORT_META, (match, property: string | undefined) => {
          if (property === 'url') return `new URL(${JSON.stringify(relativeUrl(bundleDirectory, path))}, import.meta.url).href`;
          if (property === 'filename' || property === 'dirname') {
            const target = property === 'filename' ? path : dirname(path);
            return `decodeURIComponent(new URL(${JSON.stringify(relativeUrl(bundleDirectory, target))}, import.meta.url).pathname)`;
          }
          unsupported.push(match);
          return match;
        });
        if (unsupported.length > 0) {
          return { errors: [{ text: `${[...new Set(unsupported)].join(', ')}: only import.meta.url, .dirname and .filename keep their meaning in a bundle`, location: { file: path } }] };
        }
        return { contents, loader: LOADERS[extname(path)] ?? 'js' };
      });
    },
  };
}
