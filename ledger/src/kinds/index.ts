import { ACTIVITIES } from './activities.ts';
import { CIVILIZATION_RECORDS } from './civilizationRecords.ts';
import { FACILITIES } from './facilities.ts';
import { GRIDS } from './grids.ts';
import { ORGANIZATIONS } from './organizations.ts';
import { PAIRINGS } from './pairings.ts';
import { PEOPLE } from './people.ts';
import { POSTS } from './posts.ts';
import { PROJECTS } from './projects.ts';
import { SERVICE_CASES } from './serviceCases.ts';
import { TEAM_ACTIONS } from './teamActions.ts';
import { TEAMS } from './teams.ts';
import { TRANSPORT_LINKS } from './transportLinks.ts';
import { MUTATIONS, WITHDRAWABLE_TYPES } from '@linju/contract';
import type { LedgerKind } from './LedgerKind.ts';
import { LedgerError } from '../LedgerError.ts';

export type { CellType, LedgerColumn, LedgerKind } from './LedgerKind.ts';
export { heldAsText } from './LedgerKind.ts';

/** The kinds a ledger can be imported for, by their name on the command line. */
export const LEDGER_KINDS: Readonly<Record<string, LedgerKind>> = Object.fromEntries([
  ACTIVITIES, SERVICE_CASES, FACILITIES, PROJECTS, TEAMS, TEAM_ACTIONS, TRANSPORT_LINKS, CIVILIZATION_RECORDS, PAIRINGS, GRIDS, ORGANIZATIONS, PEOPLE, POSTS,
].map((k) => [k.kind, k]));

export function ledgerKind(kind: string): LedgerKind {
  const found = LEDGER_KINDS[kind];
  if (!found) throw new LedgerError(`不支持的台账类型“${kind}”；可用：${Object.keys(LEDGER_KINDS).join('、')}`);
  return found;
}

/**
 * Whether the records a kind's import writes can be withdrawn again (撤销本次导入): the type its write
 * returns is one of the contract's `WITHDRAWABLE_TYPES` (a `Record…` write's). People, posts and organizations
 * are not (the store refuses `not-withdrawable`: a person is not withdrawn, a post is ended, an organization
 * dissolved or merged).
 */
export function kindWithdrawable(kind: LedgerKind): boolean {
  const returns = writtenType(kind);
  return returns !== undefined && WITHDRAWABLE_TYPES.includes(returns);
}

/** Why an import of a type cannot be withdrawn, said where 撤销本次导入 would be (the dashboard's note under the import). */
const NOT_WITHDRAWABLE: Readonly<Record<string, string>> = {
  Person: '人员与任职不能撤销登记：人员一经新建即留存，任职请用“离任”结束。',
  Post: '人员与任职不能撤销登记：人员一经新建即留存，任职请用“离任”结束。',
  Organization: '党组织不能撤销登记：党组织一经新建即留存；不再存在的组织请“撤销”，并入其他组织的请“撤并”（均保留历史）。',
};

/** Said instead of 撤销本次导入 under an import of a kind whose records are never withdrawn (people, posts, organizations); undefined for the others. */
export function notWithdrawableNote(kind: LedgerKind): string | undefined {
  if (kindWithdrawable(kind)) return undefined;
  return NOT_WITHDRAWABLE[writtenType(kind) ?? ''] ?? `${kind.label}不能撤销登记。`;
}

/** The contract type a kind's import writes: what its write (`<side>CreatePerson` …) returns (Person …). */
export const writtenType = (kind: LedgerKind): string | undefined => MUTATIONS.find((m) => m.name === kind.write)?.returns;
