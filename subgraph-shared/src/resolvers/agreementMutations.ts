import { fieldMessage } from '@linju/contract/fieldLabels';
import { JOINT_HOME, userInputError, VOCABULARY } from '@linju/contract';
import { newId, validate } from '@linju/subgraph-runtime';
import type { Agreement } from '../generated/prisma/client.ts';
import { allianceDate, coversDay, homeOf, lockAlliance, organizationIds, periodsText, requireOpen, storedDate } from './allianceRules.ts';
import type { JointContext } from './JointContext.ts';
import { write, type Key } from './write.ts';

interface AgreementInput {
  allianceId?: string | null;
  title: string;
  signedOn: string;
  signatoryIds: string[];
  items: { category: string; title: string }[];
}

/** More cooperation items than this in one agreement is a mistake. */
const MAX_ITEMS = 100;

function cooperationItems(items: readonly { category: unknown; title: unknown }[]) {
  if (items.length === 0) throw userInputError(fieldMessage('items', `不能为空：协议至少要有一项合作事项`, `is required: an agreement needs at least one cooperation item`), 'items', 'required');
  if (items.length > MAX_ITEMS) throw userInputError(fieldMessage('items', `：列了 ${items.length} 项合作事项，至多 ${MAX_ITEMS} 项`, `lists ${items.length} cooperation items, more than ${MAX_ITEMS}`), 'items', 'too-large');
  const clean = items.map((item, i) => ({
    category: validate.oneOf(item.category, `items[${i}].category`, VOCABULARY.cooperationCategory),
    title: validate.text(item.title, `items[${i}].title`),
  }));
  // An item is its category and title: the same twice is one item entered twice.
  const seen = new Map<string, number>();
  clean.forEach(({ category, title }, i) => {
    const key = JSON.stringify([category, title]);
    const first = seen.get(key);
    if (first !== undefined) {
      throw userInputError(`items[${i}]：合作事项“${category}：${title}”与 items[${first}] 重复 / repeats items[${first}]`, `items[${i}]`, 'duplicate');
    }
    seen.set(key, i);
  });
  return clean;
}

/**
 * An agreement signed by organizations of both sides, with its cooperation items. Under an
 * alliance, every signatory must be a member of it on the signing day: one of its membership
 * periods covers that day (an agreement of an earlier period is registered after the member left,
 * or joined again, as well as during it).
 */
export function signAgreement(_: unknown, args: { input: AgreementInput } & Key, ctx: JointContext): Promise<Agreement> {
  const input = {
    // Only null (or leaving it out) means no alliance: blank text is refused, as the sides refuse it.
    allianceId: validate.optionalGlobalId(args.input.allianceId, 'allianceId', JOINT_HOME.key, 'Alliance'),
    title: validate.text(args.input.title, 'title'),
    signedOn: validate.pastDate(args.input.signedOn, 'signedOn'),
    signatoryIds: organizationIds(args.input.signatoryIds, 'signatoryIds', 'an agreement'),
    items: cooperationItems(args.input.items),
  };
  return write(ctx, 'signAgreement', args.idempotencyKey, input, async (tx) => {
    if (input.allianceId) {
      // Locked, so no member can join or leave while the signatories are checked against the members.
      const alliance = await lockAlliance(tx, input.allianceId, 'allianceId');
      requireOpen(alliance, 'allianceId');
      allianceDate(input.signedOn, 'signedOn', alliance);
      const periods = await tx.allianceMember.findMany({ where: { allianceId: alliance.id, organizationId: { in: input.signatoryIds } }, orderBy: { period: 'asc' } });
      for (const [index, id] of input.signatoryIds.entries()) {
        const own = periods.filter((p) => p.organizationId === id);
        // Which signatory, by its place in the list: the Chinese half names no ID.
        if (own.length === 0) throw userInputError(fieldMessage('signatoryIds', `：第 ${index + 1} 个签署方不是该联盟的成员`, `${id} is not a member of ${alliance.id}`), 'signatoryIds', 'not-member');
        if (!own.some((p) => coversDay(p, input.signedOn))) {
          const { zh, en } = periodsText(own);
          throw userInputError(
            fieldMessage('signatoryIds', `：第 ${index + 1} 个签署方在签署日期 ${input.signedOn} 不是该联盟成员（其成员期：${zh}）`, `${id} was not a member of ${alliance.id} on ${input.signedOn} (member ${en})`),
            'signatoryIds',
            'not-member',
          );
        }
      }
    }
    const id = newId(JOINT_HOME.key, 'Agreement');
    return tx.agreement.create({
      data: {
        id,
        title: input.title,
        signedOn: storedDate(input.signedOn),
        allianceId: input.allianceId,
        signatories: { create: input.signatoryIds.map((organizationId) => ({ organizationId, jurisdiction: homeOf(organizationId) })) },
        items: {
          create: input.items.map((item, i) => ({ id: newId(JOINT_HOME.key, 'CooperationItem'), category: item.category, title: item.title, position: i + 1 })),
        },
      },
    });
  });
}
