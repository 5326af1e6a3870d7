import { ACTIVITIES } from './activities.ts';
import type { LedgerKind } from './LedgerKind.ts';
import { LedgerError } from '../LedgerError.ts';

export type { CellType, LedgerColumn, LedgerKind } from './LedgerKind.ts';

/** The kinds a ledger can be imported for; service cases, teams and posts follow the same table. */
export const LEDGER_KINDS: Readonly<Record<string, LedgerKind>> = { [ACTIVITIES.kind]: ACTIVITIES };

export function ledgerKind(kind: string): LedgerKind {
  const found = LEDGER_KINDS[kind];
  if (!found) throw new LedgerError(`不支持的台账类型“${kind}”；可用：${Object.keys(LEDGER_KINDS).join('、')}`);
  return found;
}
