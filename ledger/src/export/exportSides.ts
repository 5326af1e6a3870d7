import { JURISDICTIONS, type JurisdictionInfo } from '@linju/contract';
import { LedgerError } from '../LedgerError.ts';

/**
 * The sides an export reads: those `keys` name (`--side`), in federation.json's order, or every side
 * when none is named. A key no side has is refused.
 */
export function sidesOf(keys: readonly string[] | undefined): readonly JurisdictionInfo[] {
  if (keys === undefined) return JURISDICTIONS;
  const unknown = keys.find((key) => !JURISDICTIONS.some((j) => j.key === key));
  if (unknown !== undefined) throw new LedgerError(`没有辖区“${unknown}”；可用：${JURISDICTIONS.map((j) => j.key).join('、')}`);
  return JURISDICTIONS.filter((j) => keys.includes(j.key));
}
