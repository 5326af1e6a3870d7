import { fieldMessage } from '@linju/contract/fieldLabels';
import type { Db } from '@linju/subgraph-runtime';
import type { Row } from '@linju/subgraph-runtime';
import { userInputError } from '@linju/contract';
import { parseGlobalId } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';
import { shareRow } from '@linju/subgraph-runtime';
import { pastDate } from '@linju/subgraph-runtime';
import { TABLES } from '../tables.ts';

/** A stored date as YYYY-MM-DD (rows hold `date` columns as Date at UTC midnight). */
export function isoDate(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' ? value.slice(0, 10) : null;
}

/** The record of this side an input field names: it must exist (NOT_FOUND otherwise). */
export function ownRecord(tx: Db, type: string, id: string, field: string): Promise<Row> {
  return shareRow(tx, TABLES[type]!.table, id, field);
}

/**
 * A record an input field names that may be of either side: this side's must exist; another side's
 * cannot be checked here and is kept as a cross-border reference, reconciled through the gateway.
 */
export async function recordOfEitherSide(tx: Db, side: JurisdictionInfo, type: string, id: string, field: string): Promise<Row | null> {
  return parseGlobalId(id)?.home === side.key ? ownRecord(tx, type, id, field) : null;
}

/**
 * What happened on `date` must fall in the life of the organization (or team) `owner`: not before
 * it was founded (`before-founding` on the date), and not after it was dissolved (`dissolved` on
 * the owner). Without a date (a person, a grid) the owner must simply not be dissolved.
 */
export function duringLifeOf(owner: Row, ownerField: string, date: string | null, dateField: string, what: string): void {
  const dissolvedOn = isoDate(owner.dissolvedOn);
  // A clerk reads which: a team (队伍) is disbanded, an organization (组织) dissolved.
  const [noun, ended] = parseGlobalId(owner.id)?.type === 'Team' ? ['队伍', '解散'] : ['组织', '撤销'];
  if (date === null) {
    if (dissolvedOn) throw userInputError(fieldMessage(ownerField, `：所引用的${noun}已于 ${dissolvedOn} ${ended}`, `${owner.id} was dissolved on ${dissolvedOn}`), ownerField, 'dissolved');
    return;
  }
  pastDate(date, dateField, { date: isoDate(owner.foundedOn), what: `${what} ${owner.id} was founded`, zh: `所引用${noun}的成立日期` });
  if (dissolvedOn && date > dissolvedOn) {
    throw userInputError(fieldMessage(ownerField, `：所引用的${noun}已于 ${dissolvedOn} ${ended}，早于 ${date}`, `${owner.id} was dissolved on ${dissolvedOn}, before ${dateField} ${date}`), ownerField, 'dissolved');
  }
}
