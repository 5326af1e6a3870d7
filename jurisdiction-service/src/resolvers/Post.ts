import type { Row } from '@linju/subgraph-runtime';
import { parseGlobalId } from '@linju/contract';
import { alliance, anySide, local, resolveReference, type JurisdictionContext } from './context.ts';

export const Post = {
  __resolveReference: resolveReference('Post'),
  organization: local('Organization', 'organizationId'),
  // The holder of a cross-appointment is the other side's person: resolved at home, never copied.
  holder: anySide('Person', 'holderId'),
  holderReference: (row: Row) => ({ id: row.holderId }),
  crossBorder: (row: Row, _args: unknown, ctx: JurisdictionContext) => parseGlobalId(row.holderId as string)?.home !== ctx.side.key,
  alliance,
};
