import { parseGlobalId } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';
import type { ResolverMap } from '@linju/contract';
import type { JurisdictionContext } from '../resolvers/context.ts';
import { TABLES } from '../tables.ts';
import { crossBorderReferences } from './crossBorderReferences.ts';
import { recordReferenceTypename } from './recordReferenceTypename.ts';

/**
 * Whether a record of this side still exists: its ID names its type, the type its table. Batched
 * through the request's row loaders, so any number of references costs one statement per table.
 */
async function exists(id: string, ctx: JurisdictionContext): Promise<boolean> {
  const parsed = parseGlobalId(id);
  if (parsed?.home !== ctx.side.key || !TABLES[parsed.type]) return false;
  return (await ctx.loaders.byId(parsed.type).load(id)) !== null;
}

/**
 * The cross-border reference resolvers of one side: this side answers whether its own records
 * exist (`<Side>RecordReference`), sends every other reference to its home by `__typename`, and
 * lists the foreign IDs its store holds (`Jurisdiction.crossBorderReferences`).
 */
export function referenceResolvers(side: JurisdictionInfo): ResolverMap {
  return {
    // An ID of no known home (only a write around the API could store one) is answered here, as
    // not existing: listed as dangling rather than failing the whole reconciliation.
    RecordReference: { __resolveType: (ref: { id: string }) => recordReferenceTypename(ref.id) ?? `${side.typePrefix}RecordReference` },
    [`${side.typePrefix}RecordReference`]: {
      exists: (ref: { id: string }, _args: unknown, ctx: JurisdictionContext) => exists(ref.id, ctx),
    },
    [`${side.typePrefix}Jurisdiction`]: {
      crossBorderReferences: async (_jurisdiction: unknown, _args: unknown, ctx: JurisdictionContext) => {
        const held = await crossBorderReferences(ctx.db, ctx.side.key);
        ctx.audit.readIds(held.map((reference) => reference.sourceId));
        return held;
      },
    },
  } as ResolverMap;
}
