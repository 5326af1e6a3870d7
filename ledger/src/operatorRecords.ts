import { readWholeList, sideName, type GatewayCaller } from './gatewayClient.ts';
import type { LedgerKind } from './kinds/index.ts';
import { namesRead, REGIONS_READ } from './listReads.ts';
import { tokenHolder } from './tokenHolder.ts';

/** The names a reference column's drop-down offers, by the column's input field. */
export type OwnRecords = Readonly<Record<string, readonly string[]>>;

/**
 * The filter of the records within the operator's region: the region the token names (its region
 * claim), as the side's regions know it; none for the province's operator (whose region is the root,
 * bound by no region) or a token naming no region of the side. The template's drop-downs and the
 * import's first look-up of a name read through it, so that a name the drop-down offers is one the
 * import resolves.
 */
export async function operatorRegionFilter(caller: GatewayCaller, side: string): Promise<{ regionId?: string }> {
  const code = tokenHolder(caller.token)?.region;
  if (!code) return {};
  const regions = await readWholeList<{ id: string; code: string; parent: { id: string } | null }>(caller, side, REGIONS_READ, {}, `${sideName(side)}的行政区划`);
  const region = regions.find((r) => r.code === code && r.parent);
  return region ? { regionId: region.id } : {};
}

/**
 * For each reference column of a kind, the names of the operator's own records: the side's live
 * records within the region the token names (all of the side's for the province's operator),
 * read through the gateway with the operator's rights. A name two records share is left out (the
 * import would ask for an ID: it looks a name up among the same records first, `resolveReferences.ts`);
 * the cells still take any name or ID.
 */
export async function operatorRecords(caller: GatewayCaller & { side: string }, kind: LedgerKind): Promise<OwnRecords> {
  const { side } = caller;
  const filter = await operatorRegionFilter(caller, side);
  const own: Record<string, readonly string[]> = {};
  for (const column of kind.columns) {
    if (!column.reference) continue;
    const records = await readWholeList<{ name: string; dissolvedOn?: string | null }>(caller, side, namesRead(column.reference), filter, `本区划的${column.header}`);
    const names = records.filter((r) => !r.dissolvedOn).map((r) => r.name);
    own[column.field] = [...new Set(names)].filter((n) => names.indexOf(n) === names.lastIndexOf(n)).sort((a, b) => a.localeCompare(b, 'zh'));
  }
  return own;
}
