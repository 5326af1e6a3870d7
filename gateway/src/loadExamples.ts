import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@linju/access';

/** One example operation shown as a tab in the explorer. */
export interface ExampleQuery {
  /** File name without extension; files sort by it, so a numeric prefix orders the tabs. */
  readonly name: string;
  readonly query: string;
  /** JSON text of the variables, from `<name>.variables.json` beside the query, if any. */
  readonly variables?: string;
  /**
   * The least a caller needs for the example to answer, from its first line
   * `# 角色 role: <role> — <what that means, in Chinese and English>`: `anonymous` (no sign-in),
   * `viewer` (any signed-in account) or an operator's role. The explorer opens on an anonymous one.
   */
  readonly role: Role;
}

/** The first line every example starts with, naming the role it needs. */
const ROLE_LINE = /^# 角色 role: (\S+) — \S/;

function roleOf(file: string, query: string): Role {
  const role = ROLE_LINE.exec(query)?.[1];
  if (role === 'anonymous' || ROLES.includes(role as Exclude<Role, 'anonymous'>)) return role as Role;
  throw new Error(`${file}: the first line must be "# 角色 role: <${['anonymous', ...ROLES].join('|')}> — <说明 / what it needs>" (got ${JSON.stringify(query.split('\n')[0])})`);
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
      const role = roleOf(file, query);
      return variables === undefined ? { name, query, role } : { name, query, variables, role };
    }),
  );
}
