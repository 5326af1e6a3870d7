/** One member of the federation, as composition and the gateway see it. */
export interface SubgraphEntry {
  /** Subgraph name in the supergraph (`join__Graph`); also the prefix of its global IDs. */
  readonly name: string;
  /** Workspace package that exports `typeDefs` from `<package>/typeDefs`. */
  readonly package: string;
  /** Port the subgraph listens on when started on its own. */
  readonly defaultPort: number;
  /** URL written into the committed supergraph; deployments override it per subgraph. */
  readonly defaultUrl: string;
  /** Environment variable through which the gateway overrides `defaultUrl`. */
  readonly urlVariable: string;
}

function entry(name: string, packageName: string, defaultPort: number): SubgraphEntry {
  return {
    name,
    package: packageName,
    defaultPort,
    defaultUrl: `http://127.0.0.1:${defaultPort}/graphql`,
    urlVariable: `${name.toUpperCase()}_URL`,
  };
}

/**
 * The federation's members, in composition order. Adding a jurisdiction means adding a line
 * here, then `npm run schema:compose`.
 */
export const subgraphs: readonly SubgraphEntry[] = [
  entry('sichuan', '@linju/subgraph-sichuan', 4001),
  entry('chongqing', '@linju/subgraph-chongqing', 4002),
  entry('joint', '@linju/subgraph-shared', 4003),
];
