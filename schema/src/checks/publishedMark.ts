import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCEPTED_CHANGES_FILE, parseAcceptedChanges } from './acceptedChanges.ts';
import { compareWithBase, refusedChanges } from './checkSchema.ts';
import { commitOf, git, isAncestor, mainBranch } from './git.ts';
import { vocabularyAt } from './vocabularyChanges.ts';

/** `schema/published.json`: the commit whose supergraph was last published (`npm run schema:publish`). */
export const PUBLISHED_FILE = 'schema/published.json';
const SUPERGRAPH_FILE = 'schema/supergraph.graphql';

/**
 * A published mark the check does not trust: moved back, to a commit outside the history, across
 * a breaking change nobody accepted, or removed. The first line says which commit did it.
 */
export class PublishedMarkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishedMarkError';
  }
}

const short = (commit: string) => commit.slice(0, 7);

/** `text` ending in one full stop (a change's description already has its own). */
export const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);

/** The commit a `published.json` text names; `where` names the file in the error. */
export function parsePublishedMark(text: string, where: string): string {
  let commit: unknown;
  try {
    ({ commit } = JSON.parse(text) as { commit?: unknown });
  } catch {
    commit = undefined;
  }
  if (typeof commit !== 'string' || !/^[0-9a-f]{40}$/.test(commit)) throw new Error(`${where}: expected { "commit": "<40 hex digits>" } (npm run schema:publish writes it)`);
  return commit;
}

/** The commit the working tree's `schema/published.json` names; `undefined` when there is no such file. */
export async function workingTreeMark(root: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, PUBLISHED_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parsePublishedMark(text, PUBLISHED_FILE);
}

/**
 * The breaking changes from `from`'s committed supergraph (and contract vocabulary) to `to`'s that
 * `to`'s own `schema/accepted-changes.json` does not accept: what `npm run schema:check` refused
 * between the two, published one after the other. Registered operations are not judged here
 * (each commit's check judged them against its own working tree).
 */
export async function breakingChangesBetween(root: string, from: string, to: string): Promise<string[]> {
  const read = async (commit: string, file: string) => git(root, ['show', `${commit}:${file}`]);
  const [base, next] = [await read(from, SUPERGRAPH_FILE), await read(to, SUPERGRAPH_FILE)];
  if (base === undefined || next === undefined) throw new PublishedMarkError(`${SUPERGRAPH_FILE} does not exist at ${short(base === undefined ? from : to)}: a published commit must have one`);
  const acceptedText = await read(to, ACCEPTED_CHANGES_FILE);
  const [baseVocabulary, nextVocabulary] = [await vocabularyAt(root, from), await vocabularyAt(root, to)];
  const report = compareWithBase({
    baseSupergraphSdl: base,
    supergraphSdl: next,
    operations: [],
    accepted: acceptedText === undefined ? [] : parseAcceptedChanges(acceptedText, `${short(to)}:${ACCEPTED_CHANGES_FILE}`),
    ...(baseVocabulary && nextVocabulary && { vocabulary: { base: baseVocabulary, next: nextVocabulary } }),
  });
  return refusedChanges(report.changes).map((change) => change.description);
}

/** Where a mark sits: a commit of the history, or the working tree (whose commit is HEAD). */
interface Place {
  readonly commit: string;
  readonly label: string;
}

/** Why the published mark may not move; `breaking` when it is breaking changes nobody accepted. */
export interface RefusedMove {
  readonly reason: string;
  readonly breaking: boolean;
}

/**
 * Why the published mark may not move from `from` (none: the first mark) to `to` where it sits, or
 * `undefined` when it may: `to` is in the clone and an ancestor of where it sits; the first mark is a
 * commit of `main`; a later one is a descendant of `from` (forward only) with no breaking change
 * from `from`'s supergraph that `to` does not accept.
 */
export async function refusedMove(root: string, from: string | undefined, to: string, at: Place, judged = new Map<string, Promise<string[]>>()): Promise<RefusedMove | undefined> {
  const refuse = (reason: string, breaking = false) => ({ reason, breaking });
  if (from === to) return undefined;
  if ((await commitOf(root, to)) === undefined) return refuse(`${short(to)} is not in this clone`);
  if (!(await isAncestor(root, to, at.commit))) return refuse(`${short(to)} is not an ancestor of ${at.label}`);
  if (from === undefined) {
    const main = await mainBranch(root);
    if (main === undefined || !(await isAncestor(root, to, main.commit))) return refuse(`${short(to)} is not a commit of main, as the first published commit must be`);
    return undefined;
  }
  if (!(await isAncestor(root, from, to))) return refuse(`${short(to)} is ${(await isAncestor(root, to, from)) ? 'older than' : 'not a descendant of'} ${short(from)}, the commit published before it: the mark only moves forward`);
  const key = `${from}..${to}`;
  if (!judged.has(key)) judged.set(key, breakingChangesBetween(root, from, to));
  const refused = await judged.get(key)!;
  if (refused.length === 0) return undefined;
  return refuse(`${refused.length} breaking change(s) from ${short(from)}'s supergraph to ${short(to)}'s that ${short(to)}'s ${ACCEPTED_CHANGES_FILE} does not accept: ${refused.join(' ')}`, true);
}

/** The commit of `commits` that every other one descends from (the newest mark), else the first. */
async function newestOf(root: string, commits: readonly string[]): Promise<string | undefined> {
  for (const candidate of commits) {
    let newest = true;
    for (const other of commits) if (other !== candidate && !(await isAncestor(root, other, candidate))) newest = false;
    if (newest) return candidate;
  }
  return commits[0];
}

/** Each commit of HEAD's history, parents first, with its parents and the mark its `schema/published.json` names. */
async function markHistory(root: string): Promise<{ commit: string; parents: string[]; mark?: string; malformed?: string }[]> {
  const lines = ((await git(root, ['rev-list', '--reverse', '--topo-order', '--parents', 'HEAD'])) ?? '').split('\n').filter(Boolean);
  const commits = lines.map((line) => line.split(' '));
  // One git process for every commit's blob (or "missing"), then one per distinct blob.
  const listed = await git(root, ['cat-file', '--batch-check'], commits.map(([commit]) => `${commit}:${PUBLISHED_FILE}\n`).join(''));
  // Never read as "no commit had the file": that would let the check fall back to HEAD's parent.
  if (listed === undefined) throw new PublishedMarkError(`git could not list ${PUBLISHED_FILE} in HEAD's history (git cat-file --batch-check failed)`);
  const found = listed.split('\n');
  const blobs = new Map<string, { mark?: string; malformed?: string }>();
  const history: { commit: string; parents: string[]; mark?: string; malformed?: string }[] = [];
  for (const [index, [commit, ...parents]] of commits.entries()) {
    const [blob, type] = (found[index] ?? '').split(' ');
    if (blob === undefined || type === undefined || type === 'missing') {
      history.push({ commit: commit!, parents });
      continue;
    }
    if (!blobs.has(blob)) {
      const text = type === 'blob' ? await git(root, ['cat-file', 'blob', blob]) : undefined;
      try {
        blobs.set(blob, { mark: parsePublishedMark(text ?? '', `${PUBLISHED_FILE} at ${short(commit!)}`) });
      } catch (error) {
        blobs.set(blob, { malformed: (error as Error).message });
      }
    }
    history.push({ commit: commit!, parents, ...blobs.get(blob) });
  }
  return history;
}

/**
 * The commit last published, as the working tree's `schema/published.json` names it, once its
 * history is checked: the check judges HEAD against it, so a commit must not choose it. Every commit
 * of HEAD's history that changed the file moved the mark from the one before (none: the first) to
 * a new one, which must pass `refusedMove`; a move that does not is not trusted, and the mark the
 * check trusts stays where it was (so reverting that commit mends the history). Then the working
 * tree's mark must be the trusted one, or a move from it that passes too, and the file may not be
 * removed once HEAD's history had it.
 *
 * @returns `undefined` when no commit of HEAD's history, nor the working tree, has the file (the
 *   check then falls back to the merge-base with main).
 * @throws {PublishedMarkError} naming the commit (or the working tree) that moved the mark wrongly.
 */
export async function trustedPublishedMark(root: string): Promise<string | undefined> {
  const history = await markHistory(root);
  const head = history.at(-1)?.commit;
  if (head === undefined) throw new PublishedMarkError('HEAD names no commit yet');
  const judged = new Map<string, Promise<string[]>>();
  const trusted = new Map<string, string | undefined>();
  /** The commit that last set a mark the check does not trust, by that mark. */
  const untrusted = new Map<string, string>();
  let lastWithFile: string | undefined;
  const markOf = new Map<string, string | undefined>();
  for (const { commit, parents, mark, malformed } of history) {
    markOf.set(commit, mark ?? malformed);
    // A commit that left the file as its only parent had it moved nothing: it keeps the parent's verdict.
    if (parents.length === 1 && markOf.get(parents[0]!) === (mark ?? malformed)) {
      trusted.set(commit, trusted.get(parents[0]!));
      if (mark !== undefined || malformed !== undefined) lastWithFile = commit;
      continue;
    }
    const before = [...new Set(parents.map((parent) => trusted.get(parent)).filter((m): m is string => m !== undefined))];
    const kept = await newestOf(root, before);
    if (mark === undefined && malformed === undefined) {
      trusted.set(commit, kept);
      continue;
    }
    lastWithFile = commit;
    let refusal = malformed === undefined ? undefined : { reason: malformed, breaking: false };
    if (mark !== undefined) {
      const at = { commit, label: `commit ${short(commit)}` };
      for (const from of before.length > 0 ? before : [undefined]) refusal ??= await refusedMove(root, from, mark, at, judged);
    }
    if (refusal === undefined) trusted.set(commit, mark);
    else {
      trusted.set(commit, kept);
      if (mark !== undefined) untrusted.set(mark, commit);
    }
  }
  const trustedNow = trusted.get(head);
  const now = await workingTreeMark(root);
  if (now === undefined) {
    if (lastWithFile === undefined) return undefined;
    throw new PublishedMarkError(
      `${PUBLISHED_FILE} is missing, yet ${lastWithFile === head ? 'HEAD has it' : `commit ${short(lastWithFile)} had it`}: it names the commit last published, which the check judges against, and may not be removed.\n` +
        `Restore it: git checkout ${short(lastWithFile)} -- ${PUBLISHED_FILE}`,
    );
  }
  const refusal = await refusedMove(root, trustedNow, now, { commit: head, label: 'HEAD' }, judged);
  if (refusal === undefined) return now;
  const by = untrusted.get(now);
  const subject = by === undefined ? '' : ((await git(root, ['log', '-1', '--format=%s', by])) ?? '').trim();
  throw new PublishedMarkError(
    `${PUBLISHED_FILE}: ${by === undefined ? 'the working tree moves' : `commit ${short(by)}${subject ? ` ("${subject.slice(0, 60)}")` : ''} moved`} the published mark ${trustedNow === undefined ? '' : `from ${short(trustedNow)} `}to ${short(now)}, which the check refuses: ${sentence(refusal.reason)}\n` +
      'The mark moves only forward, by npm run schema:publish on main, to a commit with no breaking change against the one published before it that its schema/accepted-changes.json does not accept; ' +
      `${by === undefined ? `put ${PUBLISHED_FILE} back (git checkout HEAD -- ${PUBLISHED_FILE})` : `revert that commit (git revert ${short(by)}), or drop it from your branch`}${trustedNow === undefined ? '' : `: the mark then names ${short(trustedNow)} again`}.`,
  );
}
