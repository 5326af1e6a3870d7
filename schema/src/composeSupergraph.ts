import { composeServices, type CompositionSuccess } from '@apollo/composition';
import { CompositionError } from './CompositionError.ts';
import { loadSubgraphServices, type SubgraphService } from './loadSubgraphServices.ts';

// The package's root does not export the hint class itself.
export type CompositionHint = CompositionSuccess['hints'][number];

/** A successful composition. */
export interface ComposedSupergraph {
  /** The supergraph SDL, as committed in `schema/supergraph.graphql`. */
  readonly supergraphSdl: string;
  /** Composition's hints: legal but possibly unintended differences between subgraphs. */
  readonly hints: readonly CompositionHint[];
}

/**
 * Composes the federation's supergraph. Without arguments it composes the real members listed
 * in `subgraphs.ts`; tests pass their own services.
 *
 * @throws {CompositionError} listing each composition error's code and message.
 */
export async function composeSupergraph(services?: readonly SubgraphService[]): Promise<ComposedSupergraph> {
  const members = services ?? (await loadSubgraphServices());
  const result = composeServices(
    members.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })),
  );
  if (result.errors) {
    throw new CompositionError(
      result.errors.map((error) => ({
        code: String(error.extensions['code'] ?? 'UNKNOWN'),
        message: error.message,
      })),
    );
  }
  return { supergraphSdl: result.supergraphSdl, hints: result.hints };
}
