/** Thrown for a command line the script cannot run; its message says why and how. */
export class UsageError extends Error {}

/**
 * `--name value` or `--name=value` flags, each one of `defaults`' names; the defaults fill the
 * rest. `--help` (or an unknown flag) prints the usage and exits 2.
 */
export function parseFlags<Name extends string>(argv: readonly string[], defaults: Record<Name, string>, usage: string): Record<Name, string> {
  const given: Record<string, string> = { ...defaults };
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--help' || arg === '-h') throw new UsageError('');
      const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
      if (!match) throw new UsageError(`Unexpected argument ${JSON.stringify(arg)}`);
      if (!(match[1]! in defaults)) throw new UsageError(`Unknown option --${match[1]}`);
      const value = match[2] ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
      given[match[1]!] = value;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(`Usage: ${usage}`);
    process.exit(2);
  }
  return given as Record<Name, string>;
}
