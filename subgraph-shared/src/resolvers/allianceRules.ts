import { fieldMessage } from '@linju/contract/fieldLabels';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { conflictError, JOINT_HOME, JURISDICTIONS, parseGlobalId, userInputError } from '@linju/contract';
import { MAX_ORGANIZATIONS } from '@linju/contract/writeLimits';
import { isUniqueViolation, lockRow, validate } from '@linju/subgraph-runtime';
import type { Alliance, AllianceMember, Prisma } from '../generated/prisma/client.ts';

/** The joint store's transaction client: every write of one mutation goes through it. */
export type Tx = Prisma.TransactionClient;

/** Homes whose organizations may be members and signatories: the jurisdictions, never the joint office. */
const SIDES = JURISDICTIONS.map((j) => j.key);


/** A calendar date as the store keeps it. */
export const storedDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** The jurisdiction an organization ID names (already checked to be one of the sides). */
export const homeOf = (id: string) => parseGlobalId(id)!.home;

/** An ID of one of the joint office's own records. */
export const jointId = (value: unknown, field: string, type: 'Alliance' | 'Agreement') => validate.globalId(value, field, JOINT_HOME.key, type);

/** An organization ID of either side (`sichuan:Organization:…`, `chongqing:Organization:…`). */
export const organizationId = (value: unknown, field: string) => validate.globalId(value, field, SIDES, 'Organization');

/**
 * Refuses a set of organizations that does not cross the border: an alliance or an agreement
 * joins organizations of at least two jurisdictions. `situation` says what the set is.
 */
export function requireBothSides(ids: readonly string[], field: string, situation: string): void {
  const homes = new Set(ids.map(homeOf));
  if (homes.size < 2) {
    const found = homes.size ? `only ${[...homes].join(', ')}` : 'none';
    throw userInputError(fieldMessage(field, `：须包含川渝双方的组织`, `${situation} must include organizations of both sides (${SIDES.join(' and ')}), found ${found}`), field, 'not-cross-border');
  }
}

/** The member or signatory IDs of a new alliance or agreement: well-formed, each once, from both sides. */
export function organizationIds(values: readonly unknown[], field: string, situation: string): string[] {
  if (values.length === 0) throw userInputError(fieldMessage(field, `：不能为空，须有川渝双方的组织`, `is required: ${situation} needs organizations of both sides`), field, 'required');
  if (values.length > MAX_ORGANIZATIONS) throw userInputError(fieldMessage(field, `：列了 ${values.length} 个组织，至多 ${MAX_ORGANIZATIONS} 个`, `lists ${values.length} organizations, more than ${MAX_ORGANIZATIONS}`), field, 'too-large');
  const ids = values.map((value) => organizationId(value, field));
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw userInputError(fieldMessage(field, `：同一组织列了不止一次`, `lists ${id} more than once`), field, 'duplicate');
    seen.add(id);
  }
  requireBothSides(ids, field, situation);
  return ids;
}

/**
 * Reads an alliance for update, so concurrent changes to it take turns, and checks that the client
 * read its current version: a change made from a stale read is refused, never applied over another.
 */
export async function lockAlliance(tx: Tx, id: string, field: string, version?: number): Promise<Alliance> {
  if (version !== undefined) validate.version(version);
  const alliance = (await lockRow(tx, 'alliance', id, field)) as unknown as Alliance;
  if (version !== undefined && alliance.version !== version) {
    throw conflictError({ id, version: alliance.version }, version);
  }
  return alliance;
}

/** A closed alliance is history: nothing joins, leaves or signs under it any more. */
export function requireOpen(alliance: Alliance, field: string): void {
  if (alliance.closedOn) {
    throw userInputError(fieldMessage(field, `：该联盟已于 ${day(alliance.closedOn)} 结束，不能再变更`, `${alliance.id} was closed on ${day(alliance.closedOn)}; a closed alliance cannot change`), field, 'closed');
  }
}

/** A date of the alliance's life (joined, left, signed, closed): not in the future, not before its founding. */
export function allianceDate(value: string, field: string, alliance: Alliance): string {
  return validate.pastDate(value, field, { date: alliance.foundedOn, what: `the founding of ${alliance.id}`, zh: '联盟的成立日期', rule: 'before-founding' });
}

/**
 * The founding members' periods, which move with a corrected founding day: each organization's
 * first period, begun on the founding day (a later period begins after the first ended, so never
 * on the founding day, and stays).
 */
export const foundingPeriods = (alliance: Alliance) => ({ allianceId: alliance.id, period: 1, joinedOn: alliance.foundedOn });

/** An alliance's own dated records, as its refusals name them (Chinese, English). */
const HISTORY_WORDS = {
  joined: { zh: '有成员加入', en: (id: string) => `${id} joined it` },
  left: { zh: '有成员退出', en: (id: string) => `${id} left it` },
  signed: { zh: '签署了协议', en: (id: string) => `${id} was signed under it` },
  closed: { zh: '联盟结束', en: () => 'it was closed' },
} as const;

/**
 * The alliance's own record (a member joining or leaving, in any of its membership periods, an
 * agreement signed under it, its closing) furthest beyond `on`: the latest after it, or the earliest
 * before it. The founding members' periods ({@link foundingPeriods}, begun on `founders`) are left out.
 * The joint store sees only its own rows (the sides' records that name the alliance are theirs); the
 * alliance is locked by the caller, so no such row appears meanwhile. One statement.
 */
async function historyBeyond(tx: Tx, allianceId: string, on: string, beyond: 'after' | 'before', founders?: Date) {
  const [record] = await tx.$queryRaw<{ what: keyof typeof HISTORY_WORDS; id: string; dated: Date }[]>(sql`
    SELECT what, id, dated FROM (
      SELECT 'joined' AS what, organization_id AS id, joined_on AS dated FROM alliance_member
        WHERE alliance_id = ${allianceId} AND (${founders ?? null}::date IS NULL OR NOT (period = 1 AND joined_on = ${founders ?? null}::date))
      UNION ALL SELECT 'left', organization_id, left_on FROM alliance_member WHERE alliance_id = ${allianceId} AND left_on IS NOT NULL
      UNION ALL SELECT 'signed', id, signed_on FROM agreement WHERE alliance_id = ${allianceId}
      UNION ALL SELECT 'closed', id, closed_on FROM alliance WHERE id = ${allianceId} AND closed_on IS NOT NULL
    ) history WHERE ${beyond === 'after' ? sql`dated > ${on}::date ORDER BY dated DESC` : sql`dated < ${on}::date ORDER BY dated`} LIMIT 1`);
  return record && { dated: day(record.dated), zh: HISTORY_WORDS[record.what].zh, en: HISTORY_WORDS[record.what].en(record.id) };
}

/**
 * An alliance cannot be closed on a day before its own recorded history ended: a member that
 * joined or left, or an agreement signed under it, later than that day would then belong to an
 * alliance already closed.
 */
export async function refuseLaterHistory(tx: Tx, allianceId: string, on: string, field: string): Promise<void> {
  const later = await historyBeyond(tx, allianceId, on, 'after');
  if (!later) return;
  throw userInputError(
    fieldMessage(field, `${on} 早于该联盟 ${later.dated} 的记录（${later.zh}），结束日期不能早于它`, `${on} is before ${later.dated}, when ${later.en}: ${allianceId} cannot close before its own history ends`),
    field,
    'before-start',
  );
}

/**
 * An alliance's founding day cannot be corrected to a day after any of its own history: a member
 * that joined later than the founding (its founding members move with the day), a member that
 * left, an agreement signed under it, its closing.
 */
export async function refuseEarlierHistory(tx: Tx, alliance: Alliance, on: string, field: string): Promise<void> {
  const earlier = await historyBeyond(tx, alliance.id, on, 'before', alliance.foundedOn);
  if (!earlier) return;
  throw userInputError(
    fieldMessage(field, `${on} 晚于该联盟 ${earlier.dated} 的记录（${earlier.zh}），成立日期不能晚于它`, `${on} is after ${earlier.dated}, when ${earlier.en}: ${alliance.id} cannot be founded after its own history began`),
    field,
    'before-founding',
  );
}

/**
 * A member cannot leave an alliance on a day before it signed an agreement under it: the
 * agreement would name a signatory that was no longer a member (signing requires one). `until`:
 * only agreements signed up to that day (a closed period's leaving day moved earlier: those after
 * it belong to no period of the organization, or to a later one).
 */
export async function refuseLaterSignature(tx: Tx, allianceId: string, organizationId: string, on: string, field: string, until?: string): Promise<void> {
  const [later] = await tx.$queryRaw<{ id: string; dated: Date }[]>(sql`
    SELECT agreement.id, agreement.signed_on AS dated FROM agreement
    JOIN agreement_signatory signatory ON signatory.agreement_id = agreement.id
    WHERE agreement.alliance_id = ${allianceId} AND signatory.organization_id = ${organizationId} AND agreement.signed_on > ${on}::date
      AND (${until ?? null}::date IS NULL OR agreement.signed_on <= ${until ?? null}::date)
    ORDER BY agreement.signed_on DESC LIMIT 1`);
  if (!later) return;
  throw userInputError(
    fieldMessage(field, `${on} 早于该组织 ${day(later.dated)} 作为成员签署的协议，退出日期不能早于它`, `${on} is before ${day(later.dated)}, when ${organizationId} signed ${later.id} under ${allianceId} as a member`),
    field,
    'before-start',
  );
}

/**
 * The store's partial unique index on the names of alliances not closed (migration 0014), compared as
 * organizations' names are and with every dash as one (linju_alliance_compared_name, since 0023).
 */
export const OPEN_NAME_INDEX = 'alliance_open_name_idx';

/**
 * `duplicate` on the name: the open alliance that has it as the check found it (its name as stored,
 * its ID in the English half), or the name as typed when the index refused it. Unless the two names
 * are one as typed, the refusal says how they were compared, lest the clerk look for the name as typed.
 */
function nameTaken(name: string, field: string, holder?: { id: string; name: string }) {
  const asTyped = holder?.name === name;
  return userInputError(
    fieldMessage(
      field,
      `：联盟名称“${holder?.name ?? name}”已被一个未结束的联盟使用${asTyped ? '' : '（名称比较不计空格、全角半角和破折号的差别）'}`,
      `${asTyped ? '' : '(compared without spaces, with full-width letters as half-width and every dash as one) '}is the name of an alliance not closed${holder ? ` (${holder.id}${asTyped ? '' : `, named ${holder.name}`})` : ''}`,
    ),
    field,
    'duplicate',
  );
}

/**
 * Refuses a name that an alliance not closed has, compared as the store's index compares them
 * (linju_alliance_compared_name: 磨溪镇—双江镇 毗邻乡镇党建联建 is 磨溪镇-双江镇毗邻乡镇党建联建): clerks
 * pick alliances by name. `self`: the alliance being renamed, which may correct its own name's
 * spaces or dashes. Writers of one compared name take turns (a lock until the transaction ends), so
 * the second finds the first's row; the store's index holds the rule for a writer that took no lock
 * (see {@link nameTakenOnInsert}).
 */
export async function requireFreeName(tx: Tx, name: string, field: string, self?: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(json_build_array('alliance-name', linju_alliance_compared_name(${name}::text))::text, 0))::text`;
  const [taken] = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM alliance
    WHERE closed_on IS NULL AND linju_alliance_compared_name(name) = linju_alliance_compared_name(${name}::text) AND id IS DISTINCT FROM ${self ?? null}::text
    ORDER BY id LIMIT 1`;
  if (taken) throw nameTaken(name, field, taken);
}

/** An insert the index refused as a taken name, as its refusal; anything else as it came. */
export function nameTakenOnInsert(error: unknown, name: string, field: string): unknown {
  return isUniqueViolation(error, OPEN_NAME_INDEX) ? nameTaken(name, field) : error;
}

/** Members that have not left: each organization's open period, at most one (migration 0019). */
export const currentMembers = (members: AllianceMember[]) => members.filter((m) => m.leftOn === null);

/** An organization's latest membership period of an alliance (the open one, if any); null if it never was a member. Under the alliance's lock. */
export const latestPeriod = (tx: Tx, allianceId: string, organizationId: string) =>
  tx.allianceMember.findFirst({ where: { allianceId, organizationId }, orderBy: { period: 'desc' } });

/** Whether a membership period covers a day: from the day it joined to the day it left, both included. */
export const coversDay = (member: AllianceMember, on: string) => day(member.joinedOn) <= on && (member.leftOn === null || on <= day(member.leftOn));

/** An organization's membership periods as a clerk reads them: `2021-03-18 至 2022-03-01；2023-05-01 起` (Chinese) and English. */
export function periodsText(periods: readonly AllianceMember[]): { zh: string; en: string } {
  return {
    zh: periods.map((p) => (p.leftOn ? `${day(p.joinedOn)} 至 ${day(p.leftOn)}` : `${day(p.joinedOn)} 起`)).join('；'),
    en: periods.map((p) => (p.leftOn ? `${day(p.joinedOn)} to ${day(p.leftOn)}` : `from ${day(p.joinedOn)}`)).join(', '),
  };
}

/**
 * A membership period as the audit log names it: its alliance, its organization and the day it
 * began (`joint:Alliance:…/sichuan:Organization:…/2021-03-18`), so an entry of a member leaving,
 * joining again or being corrected says which of the organization's periods it concerns. A period's
 * first day identifies it: an organization's periods never share a day.
 */
export const membershipId = (allianceId: string, organizationId: string, joinedOn: Date | string) =>
  `${allianceId}/${organizationId}/${typeof joinedOn === 'string' ? joinedOn : day(joinedOn)}`;

/** The audit's type of a membership period. */
export const MEMBERSHIP = 'AllianceMember';

/** Raises the alliance's version: every change to it or its members makes older reads stale. */
export const bumpVersion = (tx: Tx, id: string) => tx.alliance.update({ where: { id }, data: { version: { increment: 1 } } });

export const day = (date: Date) => date.toISOString().slice(0, 10);
