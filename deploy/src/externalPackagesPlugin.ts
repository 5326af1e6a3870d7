import type { Plugin } from 'esbuild';
import { isBuiltin } from 'node:module';
import { isPackageSpecifier, packageDirectory, packageName } from './packageLookup.ts';

/** The prefix of the workspace packages, whose code goes into every bundle that uses it. */
export const WORKSPACE_SCOPE = '@linju/';

/**
 * Decides what a bundle contains. The workspace's own packages (`@linju/*`) are bundled: they
 * export TypeScript, which plain Node cannot run. Node's own modules and every third-party package
 * stay imports, loaded from `node_modules` at run time, so the bundle holds only this project's
 * code and runs on what `npm ci --omit=dev` installs. One exception keeps a module's dependencies
 * the versions it was written against: a package that Node, walking up from the bundle's folder,
 * would find in another folder than from the module that imports it (say a version that npm
 * installed under `observability/node_modules/` beside an older one at the root) is bundled too.
 */
export function externalPackagesPlugin(bundleDirectory: string): Plugin {
  return {
    name: 'linju-external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, ({ path, resolveDir, kind }) => {
        if (kind === 'entry-point') return undefined;
        if (isBuiltin(path)) return { path, external: true };
        if (!isPackageSpecifier(path) || path.startsWith(WORKSPACE_SCOPE)) return undefined;
        const name = packageName(path);
        const fromModule = packageDirectory(name, resolveDir);
        if (fromModule === undefined) return { errors: [{ text: `${name} is not installed where ${resolveDir} can reach it (npm ci)` }] };
        return fromModule === packageDirectory(name, bundleDirectory) ? { path, external: true } : undefined;
      });
    },
  };
}
