import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptedChangesPath, readAcceptedChanges } from './checks/acceptedChanges.ts';
import { PUBLISHED_FILE } from './checks/baseSupergraph.ts';
import { stillAccepted } from './checks/stillAccepted.ts';

// npm run schema:publish [-- <git ref>]: records the commit whose supergraph production now serves
// (HEAD by default) in schema/published.json, the base npm run schema:check judges every later commit
// against, and removes from schema/accepted-changes.json the entries that commit already had (what
// they accepted is published now); entries added since stay, for changes still to be published.
// Commit both.

const root = fileURLToPath(new URL('../../', import.meta.url));
const ref = process.argv.slice(2).find((arg) => arg !== '--') ?? 'HEAD';
let commit: string;
try {
  commit = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
} catch {
  console.error(`schema:publish: "${ref}" names no commit of this repository`);
  process.exit(1);
}
await writeFile(join(root, PUBLISHED_FILE), `${JSON.stringify({ $comment: 'The commit whose schema/supergraph.graphql was last published (served to clients): npm run schema:check judges every later commit against it. Written by npm run schema:publish when a release is deployed.', commit }, null, 2)}\n`);
const accepted = await readAcceptedChanges();
const kept = await stillAccepted(root, commit, accepted);
const removed = accepted.length - kept.length;
if (removed > 0) {
  const file = JSON.parse(await readFile(acceptedChangesPath, 'utf8')) as Record<string, unknown>;
  await writeFile(acceptedChangesPath, `${JSON.stringify({ ...file, accepted: kept }, null, 2)}\n`);
}
console.log(
  `Recorded ${commit.slice(0, 7)} as published in ${PUBLISHED_FILE}${removed ? `, and removed from schema/accepted-changes.json the ${removed} accepted change(s) it shipped` : ''}${kept.length ? ` (${kept.length} accepted since stay, for changes not published yet)` : ''}: commit ${removed ? 'both' : 'it'}.`,
);
