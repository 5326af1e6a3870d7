import type { Logger } from '@linju/observability';

/** What Apollo's gateway and server log through (`@apollo/utils.logger`'s Logger). */
export interface ApolloLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/** A detail line of Apollo's messages: `\t* Mode: unmanaged`. */
const DETAIL = /^\s*\*\s*([A-Za-z][A-Za-z ]{0,40}):\s*(.*)$/;

/**
 * One of Apollo's messages as a log record: its first line the message, each `* Key: value` line
 * below it a field (`Gateway successfully loaded schema.\n\t* Mode: unmanaged` →
 * `{ "mode": "unmanaged", "msg": "Gateway successfully loaded schema." }`), any other line kept in
 * the message; an Error logged as `err`, as Linju's own.
 */
export function apolloRecord(message: unknown): { fields: Record<string, unknown>; msg: string } {
  if (message instanceof Error) return { fields: { err: message }, msg: message.message };
  const [first = '', ...rest] = String(message ?? '').split('\n');
  const fields: Record<string, unknown> = {};
  const more: string[] = [];
  for (const line of rest) {
    const detail = DETAIL.exec(line);
    if (detail) fields[detail[1]!.trim().toLowerCase().replace(/ +(.)/g, (_match, letter: string) => letter.toUpperCase())] = detail[2]!.trim();
    else if (line.trim()) more.push(line.trim());
  }
  return { fields, msg: [first.trim(), ...more].join(' ') };
}

/**
 * Apollo's log through Linju's: one JSON line per message, `"component":"apollo"`, its details as
 * fields (see {@link apolloRecord}), never a message spread over several lines.
 */
export function apolloLogger(logger: Logger): ApolloLogger {
  const apollo = logger.child({ component: 'apollo' });
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) => {
    const { fields, msg } = apolloRecord(message);
    apollo[level](fields, msg);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
