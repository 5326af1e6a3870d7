import { pino, type DestinationStream, type Logger } from 'pino';
import { ConfigError } from './ConfigError.ts';

export type { DestinationStream, Logger };

/** The levels `LOG_LEVEL` accepts, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Options of {@link createLogger}; without them, `LOG_LEVEL` (default `info`) and standard output. */
export interface LoggerOptions {
  /** Overrides `LOG_LEVEL`: a test that reads the lines opts in with `info`. */
  level?: LogLevel;
  /** Where the JSON lines go (tests collect them). @default standard output */
  destination?: DestinationStream;
}

/**
 * `LOG_LEVEL`, checked: a typo must not silently drop (or flood) the logs.
 * @throws naming the variable, on anything but one of {@link LOG_LEVELS}
 */
export function readLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const value = env.LOG_LEVEL?.trim().toLowerCase();
  if (!value) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw ConfigError.invalid('LOG_LEVEL', env.LOG_LEVEL, `one of ${LOG_LEVELS.join(', ')}`);
  }
  return value as LogLevel;
}

/**
 * Paths that must never reach a log line even if a caller passes them by mistake: credentials,
 * the gateway's signed statement, and GraphQL variables (which carry personal data).
 */
const REDACTED = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'token',
  'secret',
  'password',
  'variables',
  '*.authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.variables',
];

/**
 * The logger of one Linju server: one JSON object per line (`level` as a word, ISO `time`, `name`
 * of the server, `msg`), at `LOG_LEVEL` (default info; the tests run with `silent`). Every server
 * of the federation logs through this one factory, so their lines share one shape.
 */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  return pino(
    {
      name,
      level: options.level ?? readLogLevel(),
      // Who runs where is the platform's to say (container, unit); the pid is enough to tell restarts apart.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
