import type { Logger } from './logger.ts';

/**
 * A setting the operator must fix: a variable that is missing, malformed, or points somewhere the
 * process cannot use. Every process reports it as one line that names the variable, never with a
 * stack trace (the stack says where the check is, which is no help to whoever sets the variable).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** The variable to change, e.g. `SICHUAN_DATABASE_URL`. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }

  /** `Invalid NAME="value": expected …`, the usual shape of a malformed setting. */
  static invalid(variable: string, value: string | undefined, expected: string): ConfigError {
    return new ConfigError(variable, `Invalid ${variable}=${JSON.stringify(value ?? '')}: expected ${expected}`);
  }
}

/**
 * A start that cannot go on for a reason the operator fixes in what is deployed, not in a variable:
 * a migration that fails or was changed after it was applied. Its message says what and what to do,
 * and is reported like a configuration error: one line, no stack trace.
 */
export class StartRefusal extends Error {
  override readonly name = 'StartRefusal';
}

/**
 * The variable a configuration error is about: a {@link ConfigError}'s, or that of an error from a
 * package below this one that names it the same way (`variable`, as the membership file's does).
 */
function variableOf(error: unknown): string | undefined {
  if (error instanceof ConfigError) return error.variable;
  const variable = error instanceof Error ? (error as { variable?: unknown }).variable : undefined;
  return typeof variable === 'string' ? variable : undefined;
}

/**
 * Ends a process that cannot start because of `error`: a configuration error as one line naming
 * its variable (a fatal log record, or plain standard error when there is no logger yet or it is
 * silent), a {@link StartRefusal} as its one line, exit code 1 (an operations tool's is 2). Any other
 * error is not the operator's to fix: it is thrown on, stack and all. An entry point imports it as
 * `@linju/observability/configError`, which loads nothing else: the package's index loads
 * `@linju/contract`, which reads the membership file (`LINJU_FEDERATION_FILE`) as it loads.
 */
export function exitOnConfigError(error: unknown, logger?: Logger, exitCode = 1): never {
  const variable = variableOf(error);
  if (variable === undefined && !(error instanceof StartRefusal)) throw error;
  const text = (error as Error).message;
  const message = variable === undefined || text.includes(variable) ? text : `${variable}: ${text}`;
  if (logger?.isLevelEnabled('fatal')) logger.fatal(variable === undefined ? {} : { variable }, message);
  else console.error(message);
  process.exit(exitCode);
}
