/** Resolvers by type name, as `buildSubgraphSchema` takes them (loosely typed: each type's resolvers are checked where written). */
export type ResolverMap = Record<string, object>;
