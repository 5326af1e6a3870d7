/** A variable's value, trimmed; unset and blank alike are `undefined` (an empty `FOO=` means "not set"). */
export function setting(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}
