import { readFileSync } from 'node:fs';
import { ConfigError } from './ConfigError.ts';
import { setting } from './setting.ts';

/**
 * The PEM file a variable names (a certificate, a key, a CA bundle), read once at start-up: its
 * text, or `undefined` when the variable is unset. A file that cannot be read, or holds no PEM
 * block, is a {@link ConfigError} naming the variable (and the path, never the file's content).
 */
export function pemSetting(env: NodeJS.ProcessEnv, variable: string, what: string): string | undefined {
  const path = setting(env, variable);
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `${variable}=${JSON.stringify(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): expected ${what}, a PEM file`);
  }
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) throw new ConfigError(variable, `${variable}=${JSON.stringify(path)} holds no PEM block: expected ${what}`);
  return text;
}
