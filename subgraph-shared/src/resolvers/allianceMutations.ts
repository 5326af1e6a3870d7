import { fieldMessage } from '@linju/contract/fieldLabels';
import { JOINT_HOME, userInputError, VOCABULARY } from '@linju/contract';
import { newId, validate } from '@linju/subgraph-runtime';
import type { Alliance, AllianceMember } from '../generated/prisma/client.ts';
import {
  allianceDate,
  bumpVersion,
  currentMembers,
  day,
  foundingPeriods,
  homeOf,
  jointId,
  MEMBERSHIP,
  latestPeriod,
  lockAlliance,
  membershipId,
  nameTakenOnInsert,
  organizationId,
  organizationIds,
  periodsText,
  refuseLaterHistory,
  refuseLaterSignature,
  refuseEarlierHistory,
  requireBothSides,
  requireFreeName,
  requireOpen,
  storedDate,
} from './allianceRules.ts';
import type { JointContext } from './JointContext.ts';
import { write, type Key } from './write.ts';

interface AllianceInput {
  kind: string;
  name: string;
  foundedOn: string;
  memberIds: string[];
}


/** A new alliance across the border; its members join on its founding day. */
export function createAlliance(_: unknown, args: { input: AllianceInput } & Key, ctx: JointContext): Promise<Alliance> {
  const input = {
    kind: validate.oneOf(args.input.kind, 'kind', VOCABULARY.allianceKind),
    name: validate.text(args.input.name, 'name', 100),
    foundedOn: validate.foundingDate(args.input.foundedOn, 'foundedOn'),
    memberIds: organizationIds(args.input.memberIds, 'memberIds', 'an alliance'),
  };
  return write(ctx, 'createAlliance', args.idempotencyKey, input, async (tx) => {
    await requireFreeName(tx, input.name, 'name');
    const id = newId(JOINT_HOME.key, 'Alliance');
    concernsPeriods(ctx, input.memberIds.map((member) => membershipId(id, member, input.foundedOn)));
    return tx.alliance
      .create({
        data: {
          id,
          kind: input.kind,
          name: input.name,
          foundedOn: storedDate(input.foundedOn),
          members: {
            create: input.memberIds.map((id) => ({ organizationId: id, jurisdiction: homeOf(id), joinedOn: storedDate(input.foundedOn) })),
          },
        },
      })
      .catch((error: unknown) => {
        throw nameTakenOnInsert(error, input.name, 'name');
      });
  });
}

interface AllianceUpdateInput {
  kind?: string | null;
  name?: string | null;
  foundedOn?: string | null;
}

/**
 * Corrects an alliance registered with a wrong name, kind or founding day: only the fields given
 * change (null or left out: unchanged). Its founding members (the first periods begun on its
 * founding day, {@link foundingPeriods}) move with a corrected founding day; no other record of its
 * history may then fall before it.
 */
export function updateAlliance(_: unknown, args: { id: string; version: number; input: AllianceUpdateInput } & Key, ctx: JointContext): Promise<Alliance> {
  const given = args.input;
  const changes = {
    ...(given.kind != null && { kind: validate.oneOf(given.kind, 'kind', VOCABULARY.allianceKind) }),
    ...(given.name != null && { name: validate.text(given.name, 'name', 100) }),
    ...(given.foundedOn != null && { foundedOn: validate.foundingDate(given.foundedOn, 'foundedOn') }),
  };
  if (!Object.keys(changes).length) throw validate.nothingGiven({ zh: '更正', en: 'correct' });
  const input = { id: jointId(args.id, 'id', 'Alliance'), version: args.version, changes };
  return write(ctx, 'updateAlliance', args.idempotencyKey, input, async (tx) => {
    const alliance = await lockAlliance(tx, input.id, 'id', input.version);
    // A form saved without an edit moves no version (as UpdatePerson).
    const current: Record<string, unknown> = { kind: alliance.kind, name: alliance.name, foundedOn: day(alliance.foundedOn) };
    if (Object.entries(changes).every(([field, value]) => current[field] === value)) throw validate.unchanged({ zh: '联盟', en: 'alliance' });
    let founders: AllianceMember[] = [];
    // A closed alliance's name is no open one's, so it needs no free name; an open one's own name
    // compares as its new one (a dash or a space corrected), which is no other's.
    if (changes.name !== undefined && changes.name !== alliance.name && !alliance.closedOn) await requireFreeName(tx, changes.name, 'name', alliance.id);
    if (changes.foundedOn !== undefined && changes.foundedOn !== day(alliance.foundedOn)) {
      await refuseEarlierHistory(tx, alliance, changes.foundedOn, 'foundedOn');
      // The founders' periods, named by the day they began, and once moved by the day they now begin.
      founders = await tx.allianceMember.findMany({ where: foundingPeriods(alliance) });
      concernsPeriods(ctx, founders.map((m) => membershipId(alliance.id, m.organizationId, m.joinedOn)));
      await tx.allianceMember.updateMany({ where: foundingPeriods(alliance), data: { joinedOn: storedDate(changes.foundedOn) } });
    }
    const updated = await tx.alliance
      .update({
        where: { id: alliance.id },
        data: { ...changes, ...(changes.foundedOn !== undefined && { foundedOn: storedDate(changes.foundedOn) }), version: { increment: 1 } },
      })
      .catch((error: unknown) => {
        throw nameTakenOnInsert(error, changes.name ?? alliance.name, 'name');
      });
    // Not before: a refused update (its name taken meanwhile) moved no period.
    concernsPeriods(ctx, founders.map((m) => membershipId(alliance.id, m.organizationId, changes.foundedOn!)));
    return updated;
  }, input.id);
}

interface MemberArgs extends Key {
  allianceId: string;
  version: number;
  organizationId: string;
}

/**
 * An organization of either side joins an open alliance, for a new membership period: its first, or
 * another after it left. Its periods never overlap: one already open is a duplicate, and a new one
 * begins after the day the one before ended (which stays as it was, with what counted in it).
 */
export function addAllianceMember(_: unknown, args: MemberArgs & { joinedOn: string }, ctx: JointContext): Promise<Alliance> {
  const input = {
    allianceId: jointId(args.allianceId, 'allianceId', 'Alliance'),
    version: args.version,
    organizationId: organizationId(args.organizationId, 'organizationId'),
    joinedOn: validate.pastDate(args.joinedOn, 'joinedOn'),
  };
  return write(ctx, 'addAllianceMember', args.idempotencyKey, input, async (tx) => {
    const alliance = await lockAlliance(tx, input.allianceId, 'allianceId', input.version);
    requireOpen(alliance, 'allianceId');
    allianceDate(input.joinedOn, 'joinedOn', alliance);
    const latest = await latestPeriod(tx, alliance.id, input.organizationId);
    // Refused beside its latest period, the entry names that one: the period it would have begun never was.
    const besideLatest = () => concernsPeriods(ctx, [membershipId(alliance.id, input.organizationId, latest!.joinedOn)]);
    if (latest && !latest.leftOn) {
      besideLatest();
      throw userInputError(
        fieldMessage('organizationId', `：该组织自 ${day(latest.joinedOn)} 起已是该联盟成员`, `${input.organizationId} is a member since ${day(latest.joinedOn)} of ${alliance.id}`),
        'organizationId',
        'duplicate',
      );
    }
    // A member counts on the day it leaves, so a rejoin begins the day after at the earliest: two
    // periods of one organization never share a day.
    if (latest?.leftOn && input.joinedOn <= day(latest.leftOn)) {
      besideLatest();
      const left = day(latest.leftOn);
      throw userInputError(
        fieldMessage('joinedOn', `${input.joinedOn} 不晚于该组织上次退出该联盟的日期（${left}），再次加入须晚于退出日期`, `${input.joinedOn} is not after ${left}, when ${input.organizationId} last left ${alliance.id}: a member counts on the day it leaves, so its membership periods would overlap`),
        'joinedOn',
        'before-start',
      );
    }
    // Under the alliance's lock no other period of it begins meanwhile; the store's index
    // (alliance_member_open_idx) holds one open period per organization for any other writer.
    await tx.allianceMember.create({
      data: {
        allianceId: alliance.id,
        organizationId: input.organizationId,
        period: (latest?.period ?? 0) + 1,
        jurisdiction: homeOf(input.organizationId),
        joinedOn: storedDate(input.joinedOn),
      },
    });
    concernsPeriods(ctx, [membershipId(alliance.id, input.organizationId, input.joinedOn)]);
    return bumpVersion(tx, alliance.id);
  }, input.allianceId);
}

/**
 * A member leaves: its open period ends, not before it began or before an agreement it signed under
 * the alliance, and is kept with the day it left; the alliance must still cross the border.
 */
export function removeAllianceMember(_: unknown, args: MemberArgs & { leftOn: string }, ctx: JointContext): Promise<Alliance> {
  const input = {
    allianceId: jointId(args.allianceId, 'allianceId', 'Alliance'),
    version: args.version,
    organizationId: organizationId(args.organizationId, 'organizationId'),
    leftOn: validate.pastDate(args.leftOn, 'leftOn'),
  };
  return write(ctx, 'removeAllianceMember', args.idempotencyKey, input, async (tx) => {
    const alliance = await lockAlliance(tx, input.allianceId, 'allianceId', input.version);
    requireOpen(alliance, 'allianceId');
    allianceDate(input.leftOn, 'leftOn', alliance);
    const members = currentMembers(await tx.allianceMember.findMany({ where: { allianceId: alliance.id } }));
    const member = members.find((m) => m.organizationId === input.organizationId);
    if (!member) throw userInputError(fieldMessage('organizationId', `：该组织不是该联盟的现有成员`, `${input.organizationId} is not a current member of ${alliance.id}`), 'organizationId', 'not-member');
    concernsPeriods(ctx, [membershipId(alliance.id, member.organizationId, member.joinedOn)]);
    validate.pastDate(input.leftOn, 'leftOn', { date: member.joinedOn, what: `the day ${input.organizationId} joined`, zh: '其加入联盟的日期', rule: 'before-start' });
    await refuseLaterSignature(tx, alliance.id, member.organizationId, input.leftOn, 'leftOn');
    const remaining = members.filter((m) => m !== member).map((m) => m.organizationId);
    requireBothSides(remaining, 'organizationId', `without ${input.organizationId}, ${alliance.id}`);
    await tx.allianceMember.update({
      where: { allianceId_organizationId_period: { allianceId: alliance.id, organizationId: member.organizationId, period: member.period } },
      data: { leftOn: storedDate(input.leftOn) },
    });
    return bumpVersion(tx, alliance.id);
  }, input.allianceId);
}

/**
 * Corrects a leave recorded in error: a closed period's leaving day (a wrong day), or its leaving
 * undone (`leftOn` null: it did not leave, and the period is open again). The period is the
 * organization's that began on `joinedOn`. Its days stay clear of the organization's next period,
 * inside the alliance's life (its founding, its closing: in a closed alliance an undone leave leaves
 * the period open, ending with the alliance as its other members' do), and cover every agreement it signed under the alliance in that period. No figure
 * moves: the joint store's count alliances and agreements, and the sides' records name the alliance.
 */
export function correctAllianceMemberLeaving(_: unknown, args: MemberArgs & { joinedOn: string; leftOn?: string | null }, ctx: JointContext): Promise<Alliance> {
  // Left out is not null: a client that forgot the day must not reopen the period by mistake.
  if (args.leftOn === undefined) {
    throw userInputError(fieldMessage('leftOn', `须填写：更正后的退出日期，或明确填写 null 表示并未退出`, `is required: the corrected leaving day, or null, given as such, when it did not leave`), 'leftOn', 'required');
  }
  const input = {
    allianceId: jointId(args.allianceId, 'allianceId', 'Alliance'),
    version: args.version,
    organizationId: organizationId(args.organizationId, 'organizationId'),
    joinedOn: validate.pastDate(args.joinedOn, 'joinedOn'),
    leftOn: args.leftOn == null ? null : validate.pastDate(args.leftOn, 'leftOn'),
  };
  return write(ctx, 'correctAllianceMemberLeaving', args.idempotencyKey, input, async (tx) => {
    const alliance = await lockAlliance(tx, input.allianceId, 'allianceId', input.version);
    const periods = await tx.allianceMember.findMany({ where: { allianceId: alliance.id, organizationId: input.organizationId }, orderBy: { period: 'asc' } });
    const corrected = periods.find((p) => day(p.joinedOn) === input.joinedOn);
    if (!corrected) {
      const { zh, en } = periodsText(periods);
      throw userInputError(
        periods.length
          ? fieldMessage('joinedOn', `：该组织没有自 ${input.joinedOn} 起的成员期（其成员期：${zh}）`, `${input.organizationId} has no period of ${alliance.id} beginning on ${input.joinedOn} (member ${en})`)
          : fieldMessage('organizationId', `：该组织不是该联盟的成员`, `${input.organizationId} is not a member of ${alliance.id}`),
        periods.length ? 'joinedOn' : 'organizationId',
        'not-member',
      );
    }
    concernsPeriods(ctx, [membershipId(alliance.id, input.organizationId, corrected.joinedOn)]);
    if (!corrected.leftOn) {
      throw userInputError(
        fieldMessage('joinedOn', `：该组织自 ${input.joinedOn} 起的成员期尚未结束，没有可更正的退出（退出请登记“成员退出联盟”）`, `${input.organizationId}'s period of ${alliance.id} from ${input.joinedOn} has not ended: there is no leaving to correct (removeAllianceMember records one)`),
        'joinedOn',
        'not-member',
      );
    }
    // The leaving day it has already: no version moves for nothing (as UpdatePerson).
    if (input.leftOn === day(corrected.leftOn)) throw validate.unchanged({ zh: '成员期', en: 'membership period' }, 'leftOn');
    const next = periods.find((p) => p.period > corrected.period);
    const closedOn = alliance.closedOn && day(alliance.closedOn);
    if (input.leftOn === null) {
      // In a closed alliance an open period ends with it, as closeAlliance leaves its members' open.
      if (next) {
        throw userInputError(
          fieldMessage('leftOn', `：该组织自 ${day(next.joinedOn)} 起另有一段成员期，本段不能恢复为未结束，成员期不能重叠`, `${input.organizationId} has another period of ${alliance.id} from ${day(next.joinedOn)}: this one cannot be open again, as the two would overlap`),
          'leftOn',
          'before-start',
        );
      }
    } else {
      allianceDate(input.leftOn, 'leftOn', alliance);
      validate.pastDate(input.leftOn, 'leftOn', { date: corrected.joinedOn, what: `the day ${input.organizationId} joined`, zh: '其加入联盟的日期', rule: 'before-start' });
      if (closedOn && input.leftOn > closedOn) {
        throw userInputError(
          fieldMessage('leftOn', `${input.leftOn} 晚于该联盟的结束日期（${closedOn}），退出日期不能晚于它`, `${input.leftOn} is after ${closedOn}, when ${alliance.id} was closed`),
          'leftOn',
          'closed',
        );
      }
      // A member counts on the day it leaves: the next period begins after it.
      if (next && input.leftOn >= day(next.joinedOn)) {
        throw userInputError(
          fieldMessage('leftOn', `${input.leftOn} 不早于该组织下一段成员期的加入日期（${day(next.joinedOn)}），成员期不能重叠`, `${input.leftOn} is not before ${day(next.joinedOn)}, when ${input.organizationId} joined ${alliance.id} again: its periods would overlap`),
          'leftOn',
          'before-start',
        );
      }
      // An agreement it signed in this period after the new day would name a signatory that was no member then.
      await refuseLaterSignature(tx, alliance.id, input.organizationId, input.leftOn, 'leftOn', day(corrected.leftOn));
    }
    await tx.allianceMember.update({
      where: { allianceId_organizationId_period: { allianceId: alliance.id, organizationId: input.organizationId, period: corrected.period } },
      data: { leftOn: input.leftOn === null ? null : storedDate(input.leftOn) },
    });
    return bumpVersion(tx, alliance.id);
  }, input.allianceId);
}

/**
 * Names the membership periods a write concerns in its audit entry, each by the day it began
 * ({@link membershipId}): an organization may have several periods of one alliance. Only periods
 * that are stored (found, or written by the write): a refused attempt names those it had found, never
 * a period as typed or one it would have begun or moved.
 */
function concernsPeriods(ctx: JointContext, periods: readonly string[]): void {
  ctx.audit.read(MEMBERSHIP, periods);
}

/** Closes an alliance, not before its last member joined or left or its last agreement was signed; its members and agreements stay as its history. */
export function closeAlliance(_: unknown, args: { id: string; version: number; closedOn: string } & Key, ctx: JointContext): Promise<Alliance> {
  const input = { id: jointId(args.id, 'id', 'Alliance'), version: args.version, closedOn: validate.pastDate(args.closedOn, 'closedOn') };
  return write(ctx, 'closeAlliance', args.idempotencyKey, input, async (tx) => {
    const alliance = await lockAlliance(tx, input.id, 'id', input.version);
    requireOpen(alliance, 'id');
    allianceDate(input.closedOn, 'closedOn', alliance);
    await refuseLaterHistory(tx, alliance.id, input.closedOn, 'closedOn');
    return tx.alliance.update({ where: { id: alliance.id }, data: { closedOn: storedDate(input.closedOn), version: { increment: 1 } } });
  }, input.id);
}
