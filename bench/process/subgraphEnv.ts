/** The variables that put each named subgraph on its port (`<NAME>_PORT`) and tell a gateway where it answers (`<NAME>_URL`). */
export function subgraphEnv(names: readonly string[], ports: Readonly<Record<string, number>>): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => [[`${name.toUpperCase()}_PORT`, String(ports[name])], [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]]));
}
