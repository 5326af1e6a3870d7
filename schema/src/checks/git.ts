import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** git's output in `root`, or `undefined` when git fails (no such ref, not an ancestor, not a checkout …). */
export async function git(root: string, args: readonly string[], input?: string): Promise<string | undefined> {
  try {
    const running = promisify(execFile)('git', [...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    if (input !== undefined) running.child.stdin?.end(input);
    return (await running).stdout;
  } catch {
    return undefined;
  }
}

/** The full hash `ref` names, if it names a commit of `root`. */
export const commitOf = async (root: string, ref: string): Promise<string | undefined> => (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;

/** Whether `ancestor` is `descendant` or one of its ancestors. */
export const isAncestor = async (root: string, ancestor: string, descendant: string): Promise<boolean> => (await git(root, ['merge-base', '--is-ancestor', ancestor, descendant])) !== undefined;

/** The branch clients are served from; a branch is compared with where it left it. */
export const MAIN_REFS = ['main', 'origin/main'] as const;

/** `main` (else `origin/main`) and the commit it names, if the clone has either. */
export async function mainBranch(root: string): Promise<{ readonly ref: string; readonly commit: string } | undefined> {
  for (const ref of MAIN_REFS) {
    const commit = await commitOf(root, ref);
    if (commit !== undefined) return { ref, commit };
  }
  return undefined;
}
