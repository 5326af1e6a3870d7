import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { SchemaChange } from './schemaChanges.ts';

/** The contract's kinds by list (`contract/src/vocabulary.ts`'s VOCABULARY): the values a `kind` argument or input accepts. */
export type Vocabulary = Readonly<Record<string, readonly string[]>>;

/** Where the vocabulary lives, as git names it. */
export const VOCABULARY_FILE = 'contract/src/vocabulary.ts';

/**
 * The kinds' changes between two vocabularies. The schema types every kind as a String, so the
 * schema's own comparison cannot see them; yet a kind removed is refused (`unknown-kind`) in a filter
 * or a write that clients send today, and records of it still read back: breaking, like an enum
 * value removed. A kind added is safe.
 */
export function vocabularyChanges(base: Vocabulary, next: Vocabulary): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [list, values] of Object.entries(base)) {
    const now = new Set(next[list] ?? []);
    for (const value of values) {
      if (!now.has(value)) changes.push({ severity: 'breaking', type: 'VOCABULARY_VALUE_REMOVED', description: `“${value}” was removed from the vocabulary's ${list}.`, coordinate: `vocabulary.${list}`, subgraphs: [] });
    }
  }
  for (const [list, values] of Object.entries(next)) {
    const before = new Set(base[list] ?? []);
    for (const value of values) {
      if (!before.has(value)) changes.push({ severity: 'safe', type: 'VOCABULARY_VALUE_ADDED', description: `“${value}” was added to the vocabulary's ${list}.`, coordinate: `vocabulary.${list}`, subgraphs: [] });
    }
  }
  return changes;
}

/**
 * VOCABULARY as `commit` had it: its `contract/src/vocabulary.ts` (a module of no imports) loaded from
 * a scratch copy. `undefined` when that commit has no such file (before the vocabulary was kept there).
 */
export async function vocabularyAt(root: string, commit: string): Promise<Vocabulary | undefined> {
  let text: string;
  try {
    ({ stdout: text } = await promisify(execFile)('git', ['show', `${commit}:${VOCABULARY_FILE}`], { cwd: root, maxBuffer: 16 * 1024 * 1024 }));
  } catch {
    return undefined;
  }
  const folder = await mkdtemp(join(tmpdir(), 'linju-vocabulary-'));
  try {
    const file = join(folder, 'vocabulary.ts');
    await writeFile(file, text);
    const module = (await import(pathToFileURL(file).href)) as { VOCABULARY?: Vocabulary };
    return module.VOCABULARY;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
