import { jurisdictionByKey, REGION_LEVEL_DIGITS, type RegionLevelCode } from '@linju/contract';
import { readWholeList, sideName, type GatewayCaller } from './gatewayClient.ts';
import { REGIONS_READ } from './listReads.ts';
import { tokenHolder } from './tokenHolder.ts';

/**
 * The region a region-scoped operator's records are read within (its ID, from its token's code):
 * a 安居区 clerk's import reads 安居区's records, not the province's, whose rows the store would refuse
 * anyway. None for the province's operator, another role or a code the side does not know (the
 * store refuses that caller's writes).
 */
export function operatorRegionId(caller: GatewayCaller, side: string): Promise<string | undefined> {
  const asked = looked.get(caller) ?? new Map<string, Promise<string | undefined>>();
  looked.set(caller, asked);
  let found = asked.get(side);
  if (!found) asked.set(side, (found = lookUp(caller, side)));
  return found;
}

/** Each import's (each caller's) look-up of its region, by side: read once however many of its steps ask (the names, the records of the same identity). */
const looked = new WeakMap<GatewayCaller, Map<string, Promise<string | undefined>>>();

async function lookUp(caller: GatewayCaller, side: string): Promise<string | undefined> {
  const code = tokenHolder(caller.token)?.region;
  if (!code || code === jurisdictionByKey(side)?.code) return undefined;
  const kinds = levelsOfCode(code);
  const regions = await readWholeList<{ id: string; code: string }>(caller, side, REGIONS_READ, kinds ? { kinds } : {}, `${sideName(side)}的行政区划`);
  return regions.find((region) => region.code === code)?.id;
}

/**
 * The levels a GB/T 2260 code can be of, by `REGION_LEVEL_DIGITS` (the stores' seeds and the region
 * loader keep it): its length, digits naming it that are not all zeros and none after them ('xx0000'
 * a province, 'xxxx00' a city, another 6 digits a district or county, 9 digits a town, 12 a
 * village); undefined for none (then every level is read). So the operator's region is looked up
 * among the regions of its level (a page or two), never among a province's thousands of villages.
 */
function levelsOfCode(code: string): RegionLevelCode[] | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  const zeros = (text: string) => /^0*$/.test(text);
  const levels = (Object.entries(REGION_LEVEL_DIGITS) as [RegionLevelCode, (typeof REGION_LEVEL_DIGITS)[RegionLevelCode]][])
    .filter(([, { length, from, to }]) => code.length === length && !zeros(code.slice(from, to)) && zeros(code.slice(to)))
    .map(([level]) => level);
  return levels.length ? levels : undefined;
}

/**
 * The filter of the records within the operator's region ({@link operatorRegionId}); none for the
 * province's operator. The template's drop-downs and the import's first look-up of a name read
 * through it, so that a name the drop-down offers is one the import resolves.
 */
export async function operatorRegionFilter(caller: GatewayCaller, side: string): Promise<{ regionId?: string }> {
  const regionId = await operatorRegionId(caller, side);
  return regionId ? { regionId } : {};
}
