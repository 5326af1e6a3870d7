import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readCommittedSupergraph, supergraphPath } from '../supergraphFile.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The supergraph the check compares against, and where it came from. */
export interface BaseSupergraph {
  readonly sdl: string;
  readonly from: string;
}

/**
 * The supergraph clients use today: `schema/supergraph.graphql` as committed at a git ref
 * (`--base <ref>` or `LINJU_SCHEMA_BASE`; default `HEAD`, so a recomposed but uncommitted file
 * still counts as the change). CI on a branch passes the branch it merges into (e.g.
 * `origin/main`). Without git, the file in the working tree.
 */
export async function readBaseSupergraph(ref: string = 'HEAD'): Promise<BaseSupergraph> {
  const path = relative(repositoryRoot, supergraphPath).split('\\').join('/');
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `${ref}:${path}`], { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024 });
    return { sdl: stdout, from: `${path} at ${ref}` };
  } catch (error) {
    if (ref !== 'HEAD') throw new Error(`Cannot read ${path} at ${ref}: ${(error as Error).message.split('\n')[0]}`);
    const text = await readCommittedSupergraph();
    if (text === undefined) throw new Error(`${path} is missing: run npm run schema:compose`);
    return { sdl: text, from: `${path} (working tree)` };
  }
}
