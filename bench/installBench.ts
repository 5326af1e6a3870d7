/**
 * Installs bench/'s own packages (Hive Gateway and autocannon, which nothing but the benchmark
 * needs, so the root's install leaves them out) from bench/package-lock.json, once per lockfile:
 * `npm run bench` runs it first. bench/'s graphql is a link to the root's, so the root must be
 * installed first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installOwnPackage } from '../scripts/installOwnPackage.ts';

const bench = import.meta.dirname;

if (!existsSync(join(bench, '..', 'node_modules', 'graphql', 'package.json'))) {
  console.error('The root is not installed (no node_modules/graphql): run npm ci at the repository root first');
  process.exit(1);
}
try {
  installOwnPackage(bench, 'graphql');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
