import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';

/** A bare specifier's package name: `@scope/name` or `name`, without any subpath. */
export function packageName(specifier: string): string {
  const [first, second] = specifier.split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
}

/** Whether `specifier` names a package: not a relative or absolute path, one of Node's own modules, or esbuild's `<runtime>`. */
export function isPackageSpecifier(specifier: string): boolean {
  return !/^(\.|\/|<|[a-z]+:)/i.test(specifier) && !isBuiltin(specifier);
}

/**
 * The folder (real path) Node would load package `name` from, for a module in `directory`: the
 * first `node_modules/<name>` up the tree, as Node's resolution walks it; undefined if none.
 */
export function packageDirectory(name: string, directory: string): string | undefined {
  for (let current = directory; ; current = dirname(current)) {
    const candidate = join(current, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(current) === current) return undefined;
  }
}

/** What a package.json says that matters here. */
export interface PackageManifest {
  /** Its folder (real path). */
  readonly directory: string;
  readonly name: string;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly peerDependencies: Readonly<Record<string, string>>;
  readonly optionalDependencies: Readonly<Record<string, string>>;
}

/** The package a file belongs to: the nearest package.json at or above its folder that has a name. */
export function owningPackage(file: string): PackageManifest {
  for (let current = dirname(file); ; current = dirname(current)) {
    const manifestPath = join(current, 'package.json');
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<PackageManifest>;
      if (manifest.name) {
        return {
          directory: realpathSync(current),
          name: manifest.name,
          dependencies: manifest.dependencies ?? {},
          devDependencies: manifest.devDependencies ?? {},
          peerDependencies: manifest.peerDependencies ?? {},
          optionalDependencies: manifest.optionalDependencies ?? {},
        };
      }
    }
    if (dirname(current) === current) throw new Error(`${file} belongs to no package`);
  }
}
