import type { ListRead } from './gatewayClient.ts';
import type { LedgerColumn } from './kinds/index.ts';
import { operationName } from './operationName.ts';

/** The side's regions with their codes and parents: where an operator's region lies (the template's drop-downs). */
export const REGIONS_READ: ListRead = { name: operationName('regions'), list: 'regions', fields: 'id code parent { id }' };

/** Regions with their parents' names, two levels up: how an export's `--region` names the regions that share a name (安居区永兴镇). */
export const REGION_PATHS_READ: ListRead = { name: operationName('regions', 'paths'), list: 'regions', fields: 'id name parent { name parent { name } }' };

/**
 * The records a reference column names, with their names (and `dissolvedOn` where records can be
 * dissolved): the import looks names up in it, the template offers the operator's own.
 */
export function namesRead(reference: NonNullable<LedgerColumn['reference']>): ListRead {
  return { name: operationName(reference.list, 'names'), list: reference.list, fields: reference.live ? 'id name dissolvedOn' : 'id name' };
}

/** The IDs of a list's records: what the single-write path finds written before. */
export function idsRead(list: string): ListRead {
  return { name: operationName(list, 'ids'), list, fields: 'id' };
}

/** Where each list's records lie, as a clerk tells two namesakes apart: an organization's region and parent, a person's or team's organization and its region, a region's parent. */
const PLACE_FIELDS: Readonly<Record<string, string>> = {
  organizations: 'region { name } parent { name }',
  people: 'organization { name region { name } }',
  teams: 'organization { name region { name } }',
  regions: 'parent { name }',
};

/** The places of records a reference column names by their IDs (`ids`): what a name several records share is asked about with. */
export function placesRead(reference: NonNullable<LedgerColumn['reference']>): ListRead {
  const fields = PLACE_FIELDS[reference.list];
  if (!fields) throw new Error(`No places of ${reference.list}`);
  return { name: operationName(reference.list, 'places'), list: reference.list, fields: `id ${fields}` };
}
