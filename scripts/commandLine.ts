// The operator's commands that production hosts run too (scripts/verify-audit.ts, verify-figures.ts,
// check-tree.ts, reconcile.ts, secret-check.ts): `npm run <script> -- …` in development (through tsx), and
// `node dist/tools/<tool>.mjs …` from the production build (OPERATIONS_TOOLS in
// deploy/src/serverProcesses.ts; docs/deployment.md, "Operations tools").
import { exitOnConfigError } from '@linju/observability';

/** The usage line of a command, in both of its forms. */
export function commandUsage(script: string, tool: string, args: string): string {
  return `Usage: npm run ${script}${args ? ` -- ${args}` : ''}\n   or, from the production build: node dist/tools/${tool}.mjs${args ? ` ${args}` : ''}`;
}

/** Whether the command line asks for the usage (`--help`, `-h`). */
export function asksForHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * A command over the members of the federation (`audit:verify`, `secret:check`): `--help` prints
 * `usage`; else `run` gets the command line and every member's name, from the membership file
 * (LINJU_FEDERATION_FILE), loaded here, so that a bad one is one line naming the variable.
 */
export async function overMembers(argv: string[], usage: string, run: (argv: string[], members: string[]) => Promise<number>): Promise<number> {
  if (asksForHelp(argv)) {
    console.log(usage);
    return 0;
  }
  const { subgraphs } = await import('@linju/schema/subgraphs').catch((error: unknown) => exitOnConfigError(error));
  return run(argv, subgraphs.map((entry) => entry.name));
}

/** A command line of `[member …]` and options that each take a value (`--stretch N`). */
export interface MemberArguments {
  /** The members named, in their order, each once; every one of `members` when none is named. */
  members: string[];
  /** The members named, none when none is. */
  named: string[];
  /** Each option given, by its name without the dashes: its values, in their order. */
  options: Record<string, string[]>;
}

/**
 * Reads `[member …] [--option VALUE …]`, the shape of every command that reads the members' stores
 * (`audit:verify`, `figures:verify`, `tree:check`): each member one of `members`, each option one of
 * `options` (`{ stretch: 'N' }` for `--stretch N`). No member named: all of them.
 * @throws naming the argument it does not know, the members and the options it takes
 */
export function memberArguments(argv: readonly string[], members: readonly string[], options: Readonly<Record<string, string>> = {}): MemberArguments {
  const named: string[] = [];
  const given: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const option = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (option !== undefined && Object.hasOwn(options, option)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value (${arg} ${options[option]})`);
      (given[option] ??= []).push(value);
    } else if (members.includes(arg)) {
      if (!named.includes(arg)) named.push(arg);
    } else {
      const taken = Object.entries(options).map(([name, value]) => `--${name} ${value}`);
      throw new Error(`unknown member or option ${arg} (members: ${members.join(', ')}${taken.length ? `; ${taken.length === 1 ? 'option' : 'options'}: ${taken.join(', ')}` : ''})`);
    }
  }
  return { members: named.length ? named : [...members], named, options: given };
}

/**
 * The command line as `read` makes it out, or undefined after saying what is wrong with it, as
 * `<command>: <why>` and the usage, on standard error (the command then exits 2).
 */
export function argumentsOrRefusal<T>(command: string, usage: string, read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    console.error(`${command}: ${(error as Error).message}\n${usage}`);
    return undefined;
  }
}

/**
 * Why a request got no answer, as Node's fetch hides it (`fetch failed`): the cause's code and
 * message too (`ECONNREFUSED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate`).
 */
export function fetchFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (!cause || typeof cause !== 'object') return message;
  const code = typeof cause.code === 'string' ? cause.code : undefined;
  const detail = typeof cause.message === 'string' && cause.message ? cause.message : undefined;
  const because = [code, detail && detail !== code ? detail : undefined].filter(Boolean).join(': ');
  return because ? `${message} (${because})` : message;
}
