import { parseArgs } from 'node:util';

/** Prints why the command line cannot run and how it is written, and exits 2. */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\nUsage: ${usage}`);
  process.exit(2);
}

/**
 * `--name value` or `--name=value` flags (`node:util` parseArgs), each one of `defaults`' names;
 * the defaults fill the rest. `--help` prints the usage and exits 0; an unknown flag, a flag
 * without its value or a positional argument prints why and the usage, and exits 2.
 */
export function parseFlags<Name extends string>(argv: readonly string[], defaults: Record<Name, string>, usage: string): Record<Name, string> {
  const options = Object.fromEntries(Object.entries<string>(defaults).map(([name, value]) => [name, { type: 'string' as const, default: value }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    // parseArgs's own errors (ERR_PARSE_ARGS_*) say what is wrong with the command line.
    if (!(error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) throw error;
    usageError(error.message, usage);
  }
  if (values.help) {
    console.log(`Usage: ${usage}`);
    process.exit(0);
  }
  return values as Record<Name, string>;
}

/** A flag's number, which must lie from `min` to `max`; anything else is a usage error. */
export function numberFlag(flags: Record<string, string>, name: string, min: number, max: number, usage: string): number {
  const value = Number(flags[name]);
  if (flags[name]?.trim() === '' || !Number.isFinite(value) || value < min || value > max) usageError(`--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(flags[name])}`, usage);
  return value;
}
