// A jurisdiction joins the federation: `npm run jurisdiction:add -- --key jilin --code 220000
// --name 吉林省 --name-en "Jilin Province"`. Writes the new side's subgraph package from the contract's
// template (jurisdiction-service/template/jurisdiction), its Prisma client included (the template's,
// filled in like every other file of it, so no Prisma CLI runs), and adds it to the membership file.
// No other subgraph's code changes: each reads the membership file at start, which gives the joint
// office the new side's references and overview part, and every side the stubs to point at the new
// side's people and places. Then `npm run schema:compose` and `npm start`.
//
// Options: --prefix (GraphQL type prefix, default the key capitalised), --port (default one more
// than the highest member's; the membership refuses a port another member has), --directory
// (default subgraph-<key> at the repository root), --federation (another membership file than
// federation.json: the test of this path uses one, and then neither the root package.json nor the
// lockfile is touched).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkFederationMembers, DEFAULT_FEDERATION_FILE } from '@linju/contract';
import { scaffoldJurisdiction } from '@linju/jurisdiction-service';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    key: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
    'name-en': { type: 'string' },
    prefix: { type: 'string' },
    port: { type: 'string' },
    directory: { type: 'string' },
    federation: { type: 'string' },
  },
});
const { key, code, name } = values;
const nameEn = values['name-en'];
if (!key || !code || !name || !nameEn) fail('Usage: npm run jurisdiction:add -- --key jilin --code 220000 --name 吉林省 --name-en "Jilin Province" [--prefix Jilin] [--port 4004] [--directory subgraph-jilin] [--federation federation.json]');

const federationFile = resolve(values.federation ?? DEFAULT_FEDERATION_FILE);
const ownMembership = federationFile === DEFAULT_FEDERATION_FILE;
const membership = JSON.parse(readFileSync(federationFile, 'utf8')) as { jurisdictions: Record<string, unknown>[]; joint: { port: number } };
const current = checkFederationMembers(membership, federationFile);
const ports = [...current.jurisdictions.map((j) => j.port), current.joint.port];
const directory = resolve(values.directory ?? join(repositoryRoot, `subgraph-${key}`));
const fromFile = relative(dirname(federationFile), directory).split('\\').join('/');
const member = {
  key,
  code,
  typePrefix: values.prefix ?? key.charAt(0).toUpperCase() + key.slice(1),
  name,
  nameEn,
  directory: isAbsolute(fromFile) ? directory : fromFile,
  port: values.port ? Number(values.port) : Math.max(...ports) + 1,
};
const next = { ...membership, jurisdictions: [...membership.jurisdictions, member] };
// Every rule of the membership file (unique key, code, prefix and port …), before anything is written.
try {
  checkFederationMembers(next, federationFile);
} catch (error) {
  fail((error as Error).message);
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

const rootPackageFile = join(repositoryRoot, 'package.json');
const rootPackageText = readFileSync(rootPackageFile, 'utf8');
const written = await scaffoldJurisdiction(member, directory, repositoryRoot).catch((error: Error) => fail(error.message));
console.log(`Wrote ${written.length} files under ${relative(repositoryRoot, directory) || directory}`);
try {
  if (ownMembership) {
    // The new package becomes a workspace, so `npm ci`, turbo's typecheck/test and the
    // lockfile know it.
    const rootPackage = JSON.parse(rootPackageText) as { workspaces: string[] };
    const workspace = relative(repositoryRoot, directory).split('\\').join('/');
    if (!rootPackage.workspaces.includes(workspace)) {
      rootPackage.workspaces.splice(rootPackage.workspaces.indexOf('schema'), 0, workspace);
      writeFileSync(rootPackageFile, `${JSON.stringify(rootPackage, null, 2)}\n`, 'utf8');
    }
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], repositoryRoot);
  }
} catch (error) {
  // Nothing half-joined: the membership is untouched, and the package and workspace go again, so
  // the same command can simply be run again once the cause is fixed.
  rmSync(directory, { recursive: true, force: true });
  if (ownMembership) writeFileSync(rootPackageFile, rootPackageText, 'utf8');
  fail(`${(error as Error).message}; nothing was added (if npm install ran, run it again to tidy package-lock.json)`);
}

// Last, once the package is whole: the membership every process reads. One member per line, as
// the committed file reads.
const line = (value: object) => `{ ${Object.entries(value).map(([field, v]) => `${JSON.stringify(field)}: ${JSON.stringify(v)}`).join(', ')} }`;
const lines = next.jurisdictions.map((j) => `    ${line(j)}`).join(',\n');
writeFileSync(federationFile, `{\n  "jurisdictions": [\n${lines}\n  ],\n  "joint": ${line(next.joint)}\n}\n`, 'utf8');
console.log(`Added ${name} (${key}, port ${member.port}) to ${relative(repositoryRoot, federationFile) || federationFile}`);

console.log(`
${name} has joined. Next:
  1. its seed: ${relative(repositoryRoot, join(directory, 'src/seed/loadSeed.ts'))} (IDs start with "${key}:")
  2. npm run schema:compose   (the supergraph with ${member.typePrefix}Organization, Query.${key}, JointOverview.${key} …)
  3. npm start                (${key}'s subgraph on port ${member.port}, its store under .data/${key})
  4. npm test                 (the contract suite runs against ${key} too)`);
