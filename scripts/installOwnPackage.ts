/**
 * Installs a folder's own packages from its own lockfile, for a tool that one command needs and the
 * root's `npm ci` leaves out (bench/: Hive Gateway and autocannon; prisma-cli/: the Prisma CLI).
 * Runs `npm ci --prefix <folder>` when <folder>/node_modules is missing or was installed from another
 * package.json, package-lock.json or .npmrc than the committed ones, and does nothing otherwise.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * @param folder the package's folder (its package.json, package-lock.json and .npmrc are committed)
 * @param installedPackage a package its lockfile installs: the install counts as done only once it is there
 * @throws when `npm ci` fails; the message names the folder and how it failed
 */
export function installOwnPackage(folder: string, installedPackage: string): void {
  const installed = join(folder, 'node_modules');
  // What the install was made from; written once `npm ci` has succeeded.
  const stampFile = join(installed, '.linju-installed-from');
  const stamp = ['package.json', 'package-lock.json', '.npmrc']
    .reduce((hash, file) => hash.update(readFileSync(join(folder, file))), createHash('sha256'))
    .digest('hex');
  const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp && existsSync(join(installed, installedPackage, 'package.json'));
  if (current) return;
  const name = `${basename(folder)}/`;
  console.log(`Installing ${name} from ${name}package-lock.json (npm ci --prefix ${name}), once per lockfile …`);
  const npm = spawnSync('npm', ['ci', '--prefix', folder, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (npm.status !== 0) throw new Error(`npm ci --prefix ${name} failed (${npm.error?.message ?? npm.signal ?? `exit ${npm.status}`})`);
  writeFileSync(stampFile, `${stamp}\n`);
}
