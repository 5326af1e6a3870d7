import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillPlaceholders, jurisdictionPlaceholders } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';

/**
 * The package every jurisdiction starts from: its store's schema.prisma (the contract's tables;
 * their migrations are the contract's, `contract/src/migrations`, applied to every side), the subgraph's
 * entry points, an almost empty seed and the test that keeps the store equal to schema.prisma.
 * Placeholders: `{{key}}`, `{{Prefix}}`, `{{code}}`, `{{name}}`, `{{nameEn}}`, and `{{root}}` (the
 * way back to the repository root, for the shared tsconfig and test configuration).
 */
export const JURISDICTION_TEMPLATE = fileURLToPath(new URL('../../template/jurisdiction/', import.meta.url));

async function templateFiles(directory: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await templateFiles(join(directory, entry.name), path)));
    else files.push(path);
  }
  return files.sort();
}

/** A template file's text for one jurisdiction, its package placed at `target` in `repositoryRoot`. */
export function fillTemplate(text: string, side: JurisdictionInfo, target: string, repositoryRoot: string): string {
  const root = relative(target, repositoryRoot).split('\\').join('/');
  return fillPlaceholders(text, { ...jurisdictionPlaceholders(side), root: root ? `${root}/` : './' });
}

/** The template's files, filled in for one jurisdiction, by path relative to its package. */
export async function renderJurisdictionPackage(side: JurisdictionInfo, target: string, repositoryRoot: string): Promise<Map<string, string>> {
  const rendered = new Map<string, string>();
  for (const file of await templateFiles(JURISDICTION_TEMPLATE)) {
    rendered.set(file, fillTemplate(await readFile(join(JURISDICTION_TEMPLATE, file), 'utf8'), side, target, repositoryRoot));
  }
  return rendered;
}

/**
 * Writes a new jurisdiction's package at `target` (which must not exist yet, or be empty) and
 * returns the files written. Nothing outside `target` is touched: joining the federation is then a
 * line in `federation.json`.
 */
export async function scaffoldJurisdiction(side: JurisdictionInfo, target: string, repositoryRoot: string): Promise<string[]> {
  const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0) throw new Error(`${target} already exists and is not empty; choose another --directory`);
  const rendered = await renderJurisdictionPackage(side, target, repositoryRoot);
  for (const [file, text] of rendered) {
    await mkdir(join(target, file, '..'), { recursive: true });
    await writeFile(join(target, file), text, 'utf8');
  }
  return [...rendered.keys()];
}
