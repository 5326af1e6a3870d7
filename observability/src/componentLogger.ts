import { createLogger, type Logger } from './logger.ts';

const loggers = new Map<string, Logger>();

/**
 * The process's logger for shared code that no server hands a logger to (the audit log, the
 * database pool): created once per name, at LOG_LEVEL, on standard output.
 */
export function componentLogger(name: string): Logger {
  let logger = loggers.get(name);
  if (!logger) loggers.set(name, (logger = createLogger(name)));
  return logger;
}
