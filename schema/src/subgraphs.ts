import { CONTRACT_DECLARATIONS, FEDERATION, type MemberSubgraph } from '@linju/contract';

/** One member of the federation, as composition and the gateway see it. */
export interface SubgraphEntry {
  /** Subgraph name in the supergraph (`join__Graph`); also the prefix of its global IDs. */
  readonly name: string;
  /** Its package folder: `src/typeDefs.ts` exports its SDL, `src/server.ts` its `startSubgraph`, `src/index.ts` runs it. */
  readonly directory: string;
  /** Port the subgraph listens on when started on its own. */
  readonly defaultPort: number;
  /** URL written into the committed supergraph; deployments override it per subgraph. */
  readonly defaultUrl: string;
  /** Environment variable through which the gateway overrides `defaultUrl`. */
  readonly urlVariable: string;
}

function entry(name: string, { directory, port }: MemberSubgraph): SubgraphEntry {
  return {
    name,
    directory,
    defaultPort: port,
    defaultUrl: `http://127.0.0.1:${port}/graphql`,
    urlVariable: `${name.toUpperCase()}_URL`,
  };
}

/**
 * The federation's members, in composition order: each jurisdiction of `federation.json`, then
 * the joint office. Adding a jurisdiction means `npm run jurisdiction:add`, then
 * `npm run schema:compose`.
 */
export const subgraphs: readonly SubgraphEntry[] = [...FEDERATION.jurisdictions.map((j) => entry(j.key, j)), entry('joint', FEDERATION.joint)];

/**
 * The contract declarations (`contractDeclarationsTypeDefs` of @linju/contract): composed with the
 * members, so the supergraph names it, but served by no process and called by no query plan (it
 * has no root field and no entity). Its URL in the supergraph is no address: a gateway gives it no
 * connection, no secret and no readiness check. See docs/maintaining-a-subgraph.md.
 */
export const contractDeclarations = { name: CONTRACT_DECLARATIONS, url: 'urn:linju:contract-declarations' } as const;
