import type { GraphQLDataSource } from '@apollo/gateway';

/**
 * The gateway's "connection" to the contract declarations (`contractDeclarations` of
 * @linju/schema): a member of the supergraph that declares interfaces and serves nothing. No query
 * plan calls it (it has no root field and no entity, and schema/test proves the registered operations'
 * plans leave it out); should one ever, the request fails as an internal error instead of reaching
 * an address.
 */
export class DeclarationsDataSource implements GraphQLDataSource {
  constructor(private readonly name: string) {}

  process(): never {
    throw new Error(`The query plan called the ${this.name} subgraph, which only declares types and is served by no process`);
  }
}
