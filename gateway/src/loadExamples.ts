import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One example operation shown as a tab in the explorer. */
export interface ExampleQuery {
  /** File name without extension; files sort by it, so a numeric prefix orders the tabs. */
  readonly name: string;
  readonly query: string;
  /** JSON text of the variables, from `<name>.variables.json` beside the query, if any. */
  readonly variables?: string;
}

/** The examples committed with the gateway. */
export const examplesDirectory = fileURLToPath(new URL('../examples/', import.meta.url));

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads every `*.graphql` file of a folder, with its variables file if present. */
export async function loadExamples(directory: string = examplesDirectory): Promise<ExampleQuery[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.graphql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const name = basename(file, '.graphql');
      const query = await readFile(join(directory, file), 'utf8');
      const variables = await readOptional(join(directory, `${name}.variables.json`));
      return variables === undefined ? { name, query } : { name, query, variables };
    }),
  );
}
