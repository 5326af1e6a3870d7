import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AcceptedChange } from './acceptedChanges.ts';

/**
 * The accepted breaking changes still to be published once `commit` is: those `accepted` lists that
 * `commit`'s own `schema/accepted-changes.json` did not (the changes it shipped are published with it;
 * entries added since are for changes made after it, which the check still meets against it).
 */
export async function stillAccepted(root: string, commit: string, accepted: readonly AcceptedChange[]): Promise<AcceptedChange[]> {
  const shipped = new Set<string>();
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `${commit}:schema/accepted-changes.json`], { cwd: root });
    for (const entry of (JSON.parse(stdout) as { accepted?: { change?: unknown }[] }).accepted ?? []) if (typeof entry.change === 'string') shipped.add(entry.change);
  } catch {
    // No such file at that commit: it shipped no accepted change.
  }
  return accepted.filter((entry) => !shipped.has(entry.change));
}
