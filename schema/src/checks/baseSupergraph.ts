import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supergraphPath } from '../supergraphFile.ts';
import { commitOf, git, isAncestor, mainBranch, MAIN_REFS } from './git.ts';
import { PUBLISHED_FILE, trustedPublishedMark, workingTreeMark } from './publishedMark.ts';

export { PUBLISHED_FILE } from './publishedMark.ts';

/** The repository this check runs in. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** `schema/supergraph.graphql`, as git and messages name it. */
const supergraphFile = relative(repositoryRoot, supergraphPath).split('\\').join('/');

/** The supergraph the check compares against, and where it came from. */
export interface BaseSupergraph {
  readonly sdl: string;
  /** Short, for the verdict line: `main@abc1234`, `HEAD~1@abc1234`, `origin/main@abc1234`, or a file. */
  readonly label: string;
  /** Why this base: `the merge-base of HEAD and main`, `--base`, … */
  readonly why: string;
  /** The commit it was read from (none for a supergraph file): the contract's vocabulary is read there too. */
  readonly commit?: string;
}

/**
 * No base could be found, or the base given is refused; the message says how to mend the clone
 * (never to pass another base: a given base only adds a comparison, it cannot replace the mark's).
 */
export class BaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaseUnavailableError';
  }
}

/** The base given is what the check judges (HEAD's commit, the working tree's own supergraph file). */
class SelfBaseError extends BaseUnavailableError {}

/** How a clone without `main` gets it, as `.ci/run` does. */
const FETCH_MAIN = 'git fetch origin main:refs/remotes/origin/main';

async function supergraphAt(root: string, commit: string, label: string, why: string): Promise<BaseSupergraph> {
  const sdl = await git(root, ['show', `${commit}:${supergraphFile}`]);
  if (sdl === undefined) throw new BaseUnavailableError(`${supergraphFile} does not exist at ${label}`);
  return { sdl, label, why, commit };
}

/** The commit `schema/published.json` names in `root`'s working tree, if the file is there. */
export async function publishedCommit(root: string): Promise<string | undefined> {
  try {
    return await workingTreeMark(root);
  } catch (error) {
    throw new BaseUnavailableError((error as Error).message);
  }
}

/**
 * The supergraph of the commit last published, when it is HEAD's ancestor (a branch's own history, or
 * main's) and the mark's history passes (`trustedPublishedMark`): a branch cannot choose its own base.
 */
async function publishedBase(root: string, commit: string): Promise<BaseSupergraph> {
  const short = commit.slice(0, 7);
  if ((await commitOf(root, commit)) === undefined) throw new BaseUnavailableError(`${PUBLISHED_FILE} names commit ${short}, which this clone lacks (fetch main: ${FETCH_MAIN})`);
  if (!(await isAncestor(root, commit, 'HEAD'))) throw new BaseUnavailableError(`${PUBLISHED_FILE} names commit ${short}, which is not an ancestor of HEAD (merge main into the branch)`);
  await trustedPublishedMark(root);
  return supergraphAt(root, commit, `published@${short}`, `the supergraph last published, ${PUBLISHED_FILE}: every commit since counts`);
}

/**
 * `--base`: a supergraph file (e.g. the one production serves), else a git ref; refused when it is
 * what the check judges (HEAD's commit, or the working tree's own `schema/supergraph.graphql`):
 * comparing the working tree with itself passes every change.
 */
async function explicitBase(root: string, base: string): Promise<BaseSupergraph> {
  // npm runs the workspace script in schema/; a relative path means the caller's folder.
  const path = isAbsolute(base) ? base : resolve(process.env['INIT_CWD'] ?? process.cwd(), base);
  if (await stat(path).then((s) => s.isFile(), () => false)) {
    const ownFile = await realpath(join(root, supergraphFile)).catch(() => undefined);
    if ((await realpath(path)) === ownFile) throw new SelfBaseError(`The base "${base}" is the working tree's own ${supergraphFile}, which the check judges: comparing it with itself passes every change`);
    return { sdl: await readFile(path, 'utf8'), label: relative(root, path).split('\\').join('/') || path, why: 'a supergraph file given as the base' };
  }
  const commit = await commitOf(root, base);
  if (commit === undefined) throw new BaseUnavailableError(`"${base}" is neither a supergraph file nor a git ref of this repository`);
  if (commit === (await commitOf(root, 'HEAD'))) throw new SelfBaseError(`The base "${base}" is HEAD's commit ${commit.slice(0, 7)}, whose supergraph the check judges: comparing it with itself passes every change`);
  return supergraphAt(root, commit, `${base}@${commit.slice(0, 7)}`, 'given by --base or LINJU_SCHEMA_BASE');
}

/**
 * Whether the published mark decides the base, so that nothing may stand in for it: the working
 * tree or HEAD's history has `schema/published.json`, or a shallow clone hides whether it had.
 */
async function markDecides(root: string): Promise<boolean> {
  if (await stat(join(root, PUBLISHED_FILE)).then(() => true, () => false)) return true;
  if ((await git(root, ['rev-parse', '--is-inside-work-tree']))?.trim() !== 'true') return false;
  if ((await git(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true') return true;
  return ((await git(root, ['log', '-1', '--format=%H', 'HEAD', '--', PUBLISHED_FILE])) ?? '').trim() !== '';
}

/**
 * Every supergraph the working tree is judged against: the published one (`readBaseSupergraph`),
 * then the base given by `--base` or `LINJU_SCHEMA_BASE`, if any. The given base only adds a
 * comparison: it never replaces the published mark's (a CI job setting `LINJU_SCHEMA_BASE=HEAD`
 * passed every breaking change). Only where the mark cannot decide (HEAD's history never had
 * `schema/published.json` and no default base can be read: no git checkout, no `main`) is the given
 * base the only one.
 *
 * @throws {BaseUnavailableError} as `readBaseSupergraph`, or when the given base is HEAD's commit or
 *   the working tree's own supergraph file and no published base is read beside it (beside one, it is
 *   left out, saying so in the base's `why`).
 */
export async function readBaseSupergraphs(given?: string, root: string = repositoryRoot): Promise<BaseSupergraph[]> {
  if (given === undefined || given === '') return [await readBaseSupergraph(root)];
  let extra: BaseSupergraph;
  try {
    extra = await explicitBase(root, given);
  } catch (error) {
    // HEAD given beside the published base (a job passing the last deployed commit, run again on it):
    // nothing to add, and the published base still judges. As the only base, it would pass everything.
    // Where the mark decides and its base cannot be read (a moved or removed mark, a shallow clone),
    // that refusal is the one to mend, as without a base given.
    if (!(error instanceof SelfBaseError)) throw error;
    const published = await readBaseSupergraph(root).catch((unread: unknown) => ({ unread }));
    if ('unread' in published) throw published.unread instanceof BaseUnavailableError && !(await markDecides(root)) ? error : published.unread;
    return [{ ...published, why: `${published.why}; the base given, "${given}", is what the check judges and adds nothing` }];
  }
  try {
    return [await readBaseSupergraph(root), extra];
  } catch (error) {
    if (!(error instanceof BaseUnavailableError) || (await markDecides(root))) throw error;
    return [extra];
  }
}

/**
 * The published supergraph a change is judged against, never what the same commit recomposed:
 *
 * - with `schema/published.json` (this repository has one): the supergraph of the commit it names,
 *   the last published, on `main` and on a branch alike, so every commit since counts, however many
 *   follow a breaking one (judging only HEAD against its parent let a breaking commit through once
 *   another commit followed it). The file's own history is checked first (`trustedPublishedMark`):
 *   every move of the mark forward and passing the check, the file never removed, so a commit
 *   cannot choose its own base; the rules below apply where HEAD's history never had the file;
 * - on a branch: the supergraph at the merge-base of HEAD and `main` (else `origin/main`), so every
 *   commit of the branch counts, committed or not;
 * - on a branch with no commit of its own yet (HEAD is main's tip, the branch named otherwise): that
 *   commit's supergraph, so only the working tree's change counts;
 * - on `main` itself (HEAD is the merge-base): the supergraph of HEAD's first parent, so the
 *   newest commit of `main` is judged against the state before it. CI that receives several
 *   commits at once passes the commit before them as `--base` (`readBaseSupergraphs` adds it).
 *
 * @throws {BaseUnavailableError} when none can be read: no git checkout, no `main`, a shallow clone
 *   (the mark's history is cut off). The check then fails rather than compare with nothing.
 * @throws {PublishedMarkError} when the mark's history does not pass, naming the commit that moved it.
 *
 * @param root the repository (tests pass a scratch one)
 */
export async function readBaseSupergraph(root: string = repositoryRoot): Promise<BaseSupergraph> {
  if ((await git(root, ['rev-parse', '--is-inside-work-tree']))?.trim() !== 'true') throw new BaseUnavailableError('Not a git checkout: there is no published supergraph to compare with (run the check in a git clone of the repository)');
  // The published mark's history is checked commit by commit: a shallow clone cannot show it.
  if ((await git(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true') {
    throw new BaseUnavailableError(`A shallow clone: the history of ${PUBLISHED_FILE}, which the check verifies, is cut off (git fetch --unshallow)`);
  }
  const head = await commitOf(root, 'HEAD');
  if (head === undefined) throw new BaseUnavailableError('HEAD names no commit yet (commit first)');
  const published = await publishedCommit(root);
  if (published !== undefined) return publishedBase(root, published);
  // No file: refused if HEAD's history had one (it may not be removed); else the rules below.
  await trustedPublishedMark(root);
  const main = await mainBranch(root);
  if (main === undefined) throw new BaseUnavailableError(`No branch ${MAIN_REFS.join(' or ')} to compare with (fetch it: ${FETCH_MAIN})`);
  const mainRef = main.ref;
  const mergeBase = (await git(root, ['merge-base', 'HEAD', main.commit]))?.trim();
  if (!mergeBase) throw new BaseUnavailableError(`HEAD and ${mainRef} share no commit (fetch main's whole history: git fetch --unshallow, ${FETCH_MAIN})`);
  if (mergeBase !== head) return supergraphAt(root, mergeBase, `${mainRef}@${mergeBase.slice(0, 7)}`, `the merge-base of HEAD and ${mainRef}`);
  // A branch made from main that has no commit of its own yet: main's newest commit is not the branch's change.
  const branch = (await git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']))?.trim();
  if (branch && !(MAIN_REFS as readonly string[]).includes(branch)) {
    return supergraphAt(root, head, `${mainRef}@${head.slice(0, 7)}`, `the merge-base of HEAD and ${mainRef}: branch ${branch} has no commit of its own yet`);
  }
  const parent = await commitOf(root, 'HEAD^');
  if (parent === undefined) {
    // The first commit: nothing was published before it.
    return supergraphAt(root, head, `HEAD@${head.slice(0, 7)}`, 'the first commit (nothing was published before it)');
  }
  return supergraphAt(root, parent, `HEAD~1@${parent.slice(0, 7)}`, `the commit before HEAD, which is part of ${mainRef}`);
}
