import { ACTIVITIES } from './activities.ts';
import { CIVILIZATION_RECORDS } from './civilizationRecords.ts';
import { FACILITIES } from './facilities.ts';
import { GRIDS } from './grids.ts';
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

/** The kinds a ledger can be imported for, by their name on the command line. */
export const LEDGER_KINDS: Readonly<Record<string, LedgerKind>> = Object.fromEntries([
  ACTIVITIES, SERVICE_CASES, FACILITIES, PROJECTS, TEAMS, TEAM_ACTIONS, TRANSPORT_LINKS, CIVILIZATION_RECORDS, PAIRINGS, GRIDS, PEOPLE, POSTS,
].map((k) => [k.kind, k]));

export function ledgerKind(kind: string): LedgerKind {
  const found = LEDGER_KINDS[kind];
  if (!found) throw new LedgerError(`不支持的台账类型“${kind}”；可用：${Object.keys(LEDGER_KINDS).join('、')}`);
  return found;
}

/**
 * Whether the records a kind's import writes can be withdrawn again (撤销本次导入): the type its write
 * returns is one of the contract's `WITHDRAWABLE_TYPES` (a `Record…` write's). People and posts are not
 * (the store refuses `not-withdrawable`: a person is not withdrawn, a post is ended).
 */
export function kindWithdrawable(kind: LedgerKind): boolean {
  const returns = writtenType(kind);
  return returns !== undefined && WITHDRAWABLE_TYPES.includes(returns);
}

/** The contract type a kind's import writes: what its write (`<side>CreatePerson` …) returns (Person …). */
export const writtenType = (kind: LedgerKind): string | undefined => MUTATIONS.find((m) => m.name === kind.write)?.returns;
