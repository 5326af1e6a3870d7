import type { Row } from '@linju/subgraph-runtime';
import { jurisdiction, local, resolveReference, type JurisdictionContext } from './context.ts';

const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

export const Person = {
  __resolveReference: resolveReference('Person'),
  organization: local('Organization', 'organizationId'),
  /** The posts this store holds with the person as holder, newest first: one batched statement per request. */
  posts: async (row: Row, _args: unknown, ctx: JurisdictionContext) =>
    [...(await ctx.loaders.byColumn('Post', 'holder_id').load(row.id))].sort((a, b) => day(b.startedOn).localeCompare(day(a.startedOn)) || String(b.id).localeCompare(String(a.id))),
  jurisdiction,
};
