import { exitOnConfigError } from '@linju/observability/configError';
import type { RunningSubgraph, SubgraphOptions } from './startSubgraph.ts';

/**
 * A subgraph's entry point (`src/index.ts`): loads the runtime and the subgraph, then runs it as
 * `runSubgraph` says. Loading is inside because `@linju/contract` reads the membership file
 * (`LINJU_FEDERATION_FILE`) as it loads: a bad one is then one line naming the variable, like any
 * other setting, rather than a stack trace. This module itself loads nothing that reads it.
 */
export async function subgraphProcess(name: string, load: () => Promise<{ startSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> }>): Promise<void> {
  const [{ runSubgraph }, { startSubgraph }] = await Promise.all([import('./runSubgraph.ts'), load()]).catch((error: unknown) => exitOnConfigError(error));
  await runSubgraph(name, startSubgraph);
}
