import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCEPTED_CHANGES_FILE, readAcceptedChanges } from './checks/acceptedChanges.ts';
import { commitOf, isAncestor, mainBranch } from './checks/git.ts';
import { PUBLISHED_FILE, refusedMove, sentence, trustedPublishedMark } from './checks/publishedMark.ts';
import { stillAccepted } from './checks/stillAccepted.ts';

/** `npm run schema:publish` refused; the message says why and what to do. */
export class PublishRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishRefusedError';
  }
}

/**
 * Records `ref` (a commit of `main` that HEAD contains) as published in `root`'s
 * `schema/published.json`, and removes from `schema/accepted-changes.json` the entries that commit
 * already had (what they accepted is published now). Refused, writing nothing, when the commit is
 * not on `main` or not HEAD's ancestor, is not after the commit published now, or has a breaking
 * change against it that its own `schema/accepted-changes.json` does not accept: the same rules
 * `npm run schema:check` applies to every move of the mark in the history (`trustedPublishedMark`).
 *
 * @returns the line to print.
 */
export async function publishSchema(root: string, ref: string): Promise<string> {
  const commit = await commitOf(root, ref);
  if (commit === undefined) throw new PublishRefusedError(`"${ref}" names no commit of this repository`);
  const short = commit.slice(0, 7);
  const main = await mainBranch(root);
  if (main === undefined) throw new PublishRefusedError('there is no branch main or origin/main: only a commit of main is published');
  if (!(await isAncestor(root, commit, main.commit))) throw new PublishRefusedError(`${short} is not a commit of ${main.ref} (a branch's?): production serves main, so only a commit of main is published`);
  let current: string | undefined;
  try {
    current = await trustedPublishedMark(root);
  } catch (error) {
    throw new PublishRefusedError(`the published mark as it stands does not pass the check, so nothing is moved from it:\n${(error as Error).message}`);
  }
  if (current === commit) throw new PublishRefusedError(`${short} is already the published commit (${PUBLISHED_FILE})`);
  const refusal = await refusedMove(root, current, commit, { commit: 'HEAD', label: 'HEAD (check out main to publish it)' });
  if (refusal !== undefined) {
    throw new PublishRefusedError(
      `${short} cannot be published${current === undefined ? '' : ` after ${current.slice(0, 7)}`}: ${sentence(refusal.reason)}` +
        (refusal.breaking ? `\nA breaking change is published only when the commit published lists it, with a reason, in ${ACCEPTED_CHANGES_FILE} (docs/maintaining-a-subgraph.md#accepting-a-breaking-change).` : ''),
    );
  }

  const acceptedPath = join(root, ACCEPTED_CHANGES_FILE);
  const accepted = await readAcceptedChanges(acceptedPath);
  const kept = await stillAccepted(root, commit, accepted);
  const removed = accepted.length - kept.length;
  await writeFile(join(root, PUBLISHED_FILE), `${JSON.stringify({ $comment: 'The commit whose schema/supergraph.graphql was last published (served to clients): npm run schema:check judges every later commit against it, after checking that every change of this file moved it forward without a breaking change nobody accepted. Written by npm run schema:publish when a release is deployed.', commit }, null, 2)}\n`);
  if (removed > 0) await writeFile(acceptedPath, `${JSON.stringify({ ...(JSON.parse(await readFile(acceptedPath, 'utf8')) as Record<string, unknown>), accepted: kept }, null, 2)}\n`);
  return `Recorded ${short} as published in ${PUBLISHED_FILE}${current === undefined ? '' : ` (after ${current.slice(0, 7)})`}${removed ? `, and removed from ${ACCEPTED_CHANGES_FILE} the ${removed} accepted change(s) it shipped` : ''}${kept.length ? ` (${kept.length} accepted since stay, for changes not published yet)` : ''}: commit ${removed ? 'both' : 'it'}.`;
}
