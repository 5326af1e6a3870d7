import type { GraphQLAnswer, GraphQLError } from '../graphql/sendOperation.ts';
import { regionsOperation, type Region, type RegionsAnswer, type SendOperation } from './recordOperations.ts';
import type { RecordingOperator } from './recordingOperator.ts';

/** Where the operator may record: the jurisdiction's name, and the region of the token (null when the store has no such code). */
export type OperatorRegion =
  | { readonly ok: true; readonly sideName: string; readonly region: Region | null }
  | { readonly ok: false; readonly errors: readonly GraphQLError[] };

/** Pages are 100 regions; a province with every village is some hundreds of pages, far more than any seed. */
const MAX_PAGES = 500;

/**
 * Finds the token's region in the side's `regions` list by its code (the token names only the
 * code), a page at a time until it is found. The store, not this lookup, decides what the operator
 * may write: the region only chooses which organizations the form offers first.
 */
export async function findOperatorRegion(send: SendOperation, operator: RecordingOperator): Promise<OperatorRegion> {
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: GraphQLAnswer<RegionsAnswer> = await send<RegionsAnswer>(regionsOperation, { side: operator.side, after });
    const side = answer.data?.jurisdictions?.[0];
    if (!side) return { ok: false, errors: answer.errors };
    const region = side.regions.edges.find((edge) => edge.node.code === operator.region)?.node;
    if (region) return { ok: true, sideName: side.name, region };
    if (!side.regions.pageInfo.hasNextPage) return { ok: true, sideName: side.name, region: null };
    after = side.regions.pageInfo.endCursor;
  }
  return { ok: false, errors: [] };
}
