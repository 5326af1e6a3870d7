/**
 * Installs bench/'s own packages (Hive Gateway and autocannon, which nothing but the benchmark
 * needs, so the root's install leaves them out) from bench/package-lock.json: `npm run bench`
 * runs it first. It runs `npm ci --prefix bench` when bench/node_modules is missing or was
 * installed from another package.json, lockfile or .npmrc than the committed ones, and does
 * nothing otherwise. bench/'s graphql is a link to the root's, so the root must be installed first.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const bench = import.meta.dirname;
const installed = join(bench, 'node_modules');
// What the install was made from; written once `npm ci` has succeeded.
const stampFile = join(installed, '.linju-installed-from');
const stamp = ['package.json', 'package-lock.json', '.npmrc']
  .reduce((hash, file) => hash.update(readFileSync(join(bench, file))), createHash('sha256'))
  .digest('hex');

if (!existsSync(join(bench, '..', 'node_modules', 'graphql', 'package.json'))) {
  console.error('The root is not installed (no node_modules/graphql): run npm ci at the repository root first');
  process.exit(1);
}
const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp && existsSync(join(installed, 'graphql', 'package.json'));
if (!current) {
  console.log('Installing bench/ from bench/package-lock.json (npm ci --prefix bench), once per lockfile …');
  const npm = spawnSync('npm', ['ci', '--prefix', bench, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error(`npm ci --prefix bench failed (${npm.error?.message ?? npm.signal ?? `exit ${npm.status}`})`);
    process.exit(1);
  }
  writeFileSync(stampFile, `${stamp}\n`);
}
