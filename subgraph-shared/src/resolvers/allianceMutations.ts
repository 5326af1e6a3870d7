import { JOINT_HOME, userInputError, VOCABULARY } from '@linju/contract';
import { newId, validate } from '@linju/subgraph-runtime';
import type { Alliance } from '../generated/prisma/client.ts';
import {
  allianceDate,
  bumpVersion,
  currentMembers,
  day,
  homeOf,
  jointId,
  lockAlliance,
  nameTakenOnInsert,
  organizationId,
  organizationIds,
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
    return tx.alliance
      .create({
        data: {
          id: newId(JOINT_HOME.key, 'Alliance'),
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
 * change (null or left out: unchanged). Its founding members (those that joined on its founding day)
 * move with a corrected founding day; no other record of its history may then fall before it.
 */
export function updateAlliance(_: unknown, args: { id: string; version: number; input: AllianceUpdateInput } & Key, ctx: JointContext): Promise<Alliance> {
  const given = args.input;
  const changes = {
    ...(given.kind != null && { kind: validate.oneOf(given.kind, 'kind', VOCABULARY.allianceKind) }),
    ...(given.name != null && { name: validate.text(given.name, 'name', 100) }),
    ...(given.foundedOn != null && { foundedOn: validate.foundingDate(given.foundedOn, 'foundedOn') }),
  };
  if (!Object.keys(changes).length) throw userInputError('input 没有要更正的内容，请至少填写一项 / changes nothing: give at least one field to correct', 'input', 'required');
  const input = { id: jointId(args.id, 'id', 'Alliance'), version: args.version, changes };
  return write(ctx, 'updateAlliance', args.idempotencyKey, input, async (tx) => {
    const alliance = await lockAlliance(tx, input.id, 'id', input.version);
    // A closed alliance's name is no open one's, so it needs no free name.
    if (changes.name !== undefined && changes.name !== alliance.name && !alliance.closedOn) await requireFreeName(tx, changes.name, 'name');
    if (changes.foundedOn !== undefined && changes.foundedOn !== day(alliance.foundedOn)) {
      await refuseEarlierHistory(tx, alliance, changes.foundedOn, 'foundedOn');
      await tx.allianceMember.updateMany({ where: { allianceId: alliance.id, joinedOn: alliance.foundedOn }, data: { joinedOn: storedDate(changes.foundedOn) } });
    }
    return tx.alliance
      .update({
        where: { id: alliance.id },
        data: { ...changes, ...(changes.foundedOn !== undefined && { foundedOn: storedDate(changes.foundedOn) }), version: { increment: 1 } },
      })
      .catch((error: unknown) => {
        throw nameTakenOnInsert(error, changes.name ?? alliance.name, 'name');
      });
  }, input.id);
}

interface MemberArgs extends Key {
  allianceId: string;
  version: number;
  organizationId: string;
}

/** An organization of either side joins an open alliance; one membership per organization. */
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
    const existing = await tx.allianceMember.findUnique({
      where: { allianceId_organizationId: { allianceId: alliance.id, organizationId: input.organizationId } },
    });
    if (existing) {
      // The store keeps one membership per organization and alliance, so a former member's
      // history would be overwritten by a second one: refused rather than rewritten.
      const [was, zh] = existing.leftOn
        ? [`was a member from ${day(existing.joinedOn)} to ${day(existing.leftOn)}`, `曾于 ${day(existing.joinedOn)} 至 ${day(existing.leftOn)} 是该联盟成员，不能再次加入`]
        : [`is a member since ${day(existing.joinedOn)}`, `自 ${day(existing.joinedOn)} 起已是该联盟成员`];
      throw userInputError(`organizationId 该组织${zh} / ${input.organizationId} ${was} of ${alliance.id}`, 'organizationId', 'duplicate');
    }
    await tx.allianceMember.create({
      data: { allianceId: alliance.id, organizationId: input.organizationId, jurisdiction: homeOf(input.organizationId), joinedOn: storedDate(input.joinedOn) },
    });
    return bumpVersion(tx, alliance.id);
  }, input.allianceId);
}

/** A member leaves, not before it joined or before an agreement it signed under the alliance: its membership is kept, with the day it left; the alliance must still cross the border. */
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
    if (!member) throw userInputError(`organizationId 该组织不是该联盟的现有成员 / ${input.organizationId} is not a current member of ${alliance.id}`, 'organizationId', 'not-member');
    validate.pastDate(input.leftOn, 'leftOn', { date: member.joinedOn, what: `the day ${input.organizationId} joined`, zh: '其加入联盟的日期', rule: 'before-start' });
    await refuseLaterSignature(tx, alliance.id, member.organizationId, input.leftOn, 'leftOn');
    const remaining = members.filter((m) => m !== member).map((m) => m.organizationId);
    requireBothSides(remaining, 'organizationId', `without ${input.organizationId}, ${alliance.id}`);
    await tx.allianceMember.update({
      where: { allianceId_organizationId: { allianceId: alliance.id, organizationId: member.organizationId } },
      data: { leftOn: storedDate(input.leftOn) },
    });
    return bumpVersion(tx, alliance.id);
  }, input.allianceId);
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
