import { MAX_PAGE } from '@linju/contract';
import { readWholeList, type GatewayCaller, type ListRead } from './gatewayClient.ts';

/**
 * The records of a side's list with these IDs (`filter.ids`), `MAX_PAGE` IDs a call so that each is
 * one page: a few records named by the store are read as themselves, never by reading the whole
 * list. An ID the list does not answer (gone since, or another side's) is simply not among them.
 */
export async function readByIds<N>(caller: GatewayCaller, side: string, read: ListRead, ids: readonly string[], what: string): Promise<N[]> {
  const distinct = [...new Set(ids)];
  const nodes: N[] = [];
  for (let start = 0; start < distinct.length; start += MAX_PAGE) {
    nodes.push(...(await readWholeList<N>(caller, side, read, { ids: distinct.slice(start, start + MAX_PAGE) }, what)));
  }
  return nodes;
}
