import type { Metafile } from 'esbuild';
import { join } from 'node:path';
import { isPackageSpecifier, owningPackage, packageName, type PackageManifest } from './packageLookup.ts';

/** The packages a package may import at run time: what `npm ci --omit=dev` installs for it. */
function runtimeDependencies(manifest: PackageManifest): Set<string> {
  return new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies), ...Object.keys(manifest.optionalDependencies)]);
}

/**
 * Every package that a bundle's module imports but whose own package does not list among its
 * `dependencies`, one sentence each, from esbuild's metafile (paths relative to `root`). Such an
 * import works in the development tree, where devDependencies are installed, and fails at run
 * time after `npm ci --omit=dev`; a workspace package imported by another's code must be listed
 * too, so that its own dependencies are installed. Counted: the modules that reach the bundle and,
 * of their imports of `node_modules`, those the bundle keeps (an import esbuild dropped with the
 * code that used it is not one); type-only imports leave no trace.
 */
export function dependencyProblems(metafile: Metafile, root: string): string[] {
  const problems = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    const kept = new Set(output.imports.filter((record) => record.external).map((record) => record.path));
    for (const input of Object.keys(output.inputs)) {
      const owner = owningPackage(join(root, input));
      const allowed = runtimeDependencies(owner);
      for (const record of metafile.inputs[input]?.imports ?? []) {
        const specifier = record.original ?? record.path;
        if (!isPackageSpecifier(specifier) || (record.external && !kept.has(record.path))) continue;
        const name = packageName(specifier);
        if (name === owner.name || allowed.has(name)) continue;
        const listed = name in owner.devDependencies ? 'only among its devDependencies' : 'nowhere';
        problems.add(`${input} imports ${name}, which ${owner.name} lists ${listed}: add it to the dependencies of ${owner.name}`);
      }
    }
  }
  return [...problems].sort();
}
