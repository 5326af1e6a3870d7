import { PERSONAL_FIELDS } from '@linju/access';
import type { LedgerKind } from './LedgerKind.ts';
import { writtenType } from './index.ts';

/**
 * Whether a kind's rows carry personal data (a 人员台账's 联系电话, 公民身份号码 …: a column of the
 * type its write returns that `PERSONAL_FIELDS` names). The dashboard keeps no preview of such a
 * ledger in the tab's storage.
 */
export function kindHoldsPersonalData(kind: LedgerKind): boolean {
  const returns = writtenType(kind);
  const personal = (returns && PERSONAL_FIELDS[returns]) || [];
  return kind.columns.some((column) => personal.includes(column.field));
}
