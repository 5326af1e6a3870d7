import { ANONYMOUS } from '@linju/access';
import { parse } from 'graphql';
import { composeSupergraph } from '@linju/schema';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/**
 * A two-subgraph supergraph (`alpha` serves `alpha: String`, `beta` serves `beta: Int`) for
 * gateway tests that need no real subgraph; the URLs it records point nowhere.
 */
export async function tinySupergraph(): Promise<string> {
  const { supergraphSdl } = await composeSupergraph([
    { name: 'alpha', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(`${link}\ntype Query { alpha: String }`) },
    { name: 'beta', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(`${link}\ntype Query { beta: Int }`) },
  ]);
  return supergraphSdl;
}

/** What a gateway over the tiny supergraph needs besides it: secrets for its subgraphs, and no token check. */
export const tinyGatewayAuth = {
  subgraphSecrets: { alpha: 'alpha-secret-alpha-secret-alpha-secret', beta: 'beta-secret-beta-secret-beta-secret-beta' },
  authenticate: async () => ANONYMOUS,
};
