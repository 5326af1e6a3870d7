import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

/** The patterns of `tsconfig.workspaces.json`, npm test's one typecheck of the Node workspaces (its comments are whole lines). */
function oneProgramPatterns(): string[] {
  const text = readFileSync(join(root, 'tsconfig.workspaces.json'), 'utf8');
  return (JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { include: string[] }).include;
}

describe('the typecheck of npm test', () => {
  it('covers every workspace once: by a typecheck task of its own, or in tsconfig.workspaces.json with its src, test and root files', () => {
    const patterns = oneProgramPatterns();
    const workspaces = readJson(join(root, 'package.json')).workspaces as string[];
    const ownTask = (workspace: string) => Boolean(readJson(join(root, workspace, 'package.json')).scripts?.typecheck);
    const inOneProgram = (workspace: string) => [`${workspace}/src`, `${workspace}/test`, `${workspace}/*.ts`].every((pattern) => patterns.includes(pattern));
    expect(workspaces.filter((workspace) => !ownTask(workspace) && !inOneProgram(workspace)), 'checked by nothing').toEqual([]);
    expect(workspaces.filter((workspace) => ownTask(workspace) && inOneProgram(workspace)), 'checked twice').toEqual([]);
    // Nothing listed that is not a workspace (one renamed or removed).
    expect([...new Set(patterns.map((pattern) => pattern.split('/')[0]!))].filter((folder) => !workspaces.includes(folder))).toEqual([]);
  });
});
