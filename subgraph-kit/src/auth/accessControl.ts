import type { ApolloServerPlugin } from '@apollo/server';

/**
 * The owner's access rules, applied by each subgraph to every operation before it runs.
 * (To be filled in: roles, anonymous callers, personal data.)
 */
export function accessControlPlugin(_home: string): ApolloServerPlugin {
  return {};
}
