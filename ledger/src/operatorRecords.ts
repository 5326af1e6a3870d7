import { readWholeList, type GatewayCaller } from './gatewayClient.ts';
import type { LedgerKind } from './kinds/index.ts';
import { namesRead } from './listReads.ts';
import { operatorRegionFilter } from './operatorRegion.ts';

/** The names a reference column's drop-down offers, by the column's input field. */
export type OwnRecords = Readonly<Record<string, readonly string[]>>;

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
