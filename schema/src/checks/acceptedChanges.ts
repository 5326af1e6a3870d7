import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** A breaking change a reviewer let through, with why. */
export interface AcceptedChange {
  /** The change's description exactly as the check prints it, e.g. `SichuanOrganization.motto was removed.` */
  readonly change: string;
  /** Why it is safe to ship (who agreed, which clients were told). Required. */
  readonly reason: string;
}

/** `schema/accepted-changes.json` as git and messages name it (the file of a commit, or of a scratch repository). */
export const ACCEPTED_CHANGES_FILE = 'schema/accepted-changes.json';

/** `schema/accepted-changes.json`, reviewed like code. */
export const acceptedChangesPath = fileURLToPath(new URL('../../accepted-changes.json', import.meta.url));

/** Reads the accepted changes; a missing file accepts nothing, a malformed one is an error. */
export async function readAcceptedChanges(path: string = acceptedChangesPath): Promise<AcceptedChange[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseAcceptedChanges(text, path);
}

/** The entries of an `accepted-changes.json` text (`where` names it in errors: a path, or `<commit>:schema/accepted-changes.json`). */
export function parseAcceptedChanges(text: string, where: string): AcceptedChange[] {
  const parsed = JSON.parse(text) as { accepted?: unknown };
  if (!Array.isArray(parsed.accepted)) throw new Error(`${where}: expected { "accepted": [ { "change": …, "reason": … } ] }`);
  return parsed.accepted.map((entry: unknown, index: number) => {
    const { change, reason } = (entry ?? {}) as Record<string, unknown>;
    if (typeof change !== 'string' || change.trim() === '' || typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`${where}: accepted[${index}] needs a "change" (the description as printed) and a "reason"`);
    }
    return { change, reason };
  });
}
