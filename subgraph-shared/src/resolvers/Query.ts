import { auditLogPage, checkRecordFilter, escapeLike, verifyAuditChain, withdrawnRecordsPage, type AuditChainArgs } from '@linju/subgraph-runtime';
import { ALLIANCE_ID, checkIdArgument, checkPeriod, homeName, JOINT_HOME, JURISDICTIONS, overviewId, quotedEn, quotedZh, userInputError, VOCABULARY, type PeriodInput, type RecordOrder } from '@linju/contract';
import { fieldMessage } from '@linju/contract/fieldLabels';
import type { Agreement, Alliance } from '../generated/prisma/client.ts';
import type { JointContext } from './JointContext.ts';
import { orderOf, paginate } from './paginate.ts';

interface Filter {
  kinds?: string[] | null;
  period?: PeriodInput | null;
  allianceId?: string | null;
  search?: string | null;
  ids?: string[] | null;
}
type ListArgs = { filter?: Filter | null; first?: number | null; after?: string | null; orderBy?: RecordOrder | null };

const dateRange = (period: PeriodInput | null | undefined) => {
  const p = checkPeriod(period);
  return { ...(p.from && { gte: new Date(`${p.from}T00:00:00Z`) }), ...(p.to && { lte: new Date(`${p.to}T00:00:00Z`) }) };
};

/** `filter.ids` as a Prisma condition (checked by `checkRecordFilter`): none when not given; an empty list matches nothing. */
const onlyIds = (filter: Filter | null | undefined) => (filter?.ids ? { id: { in: filter.ids } } : {});

export const Query = {
  alliances(_: unknown, args: ListArgs, { prisma, audit }: JointContext) {
    checkRecordFilter(args.filter, { kinds: VOCABULARY.allianceKind, period: true, search: true, ids: 'Alliance' });
    const where = {
      ...onlyIds(args.filter),
      ...(args.filter?.kinds?.length && { kind: { in: args.filter.kinds } }),
      ...(args.filter?.period && { foundedOn: dateRange(args.filter.period) }),
      ...(args.filter?.search?.trim() && { name: { contains: escapeLike(args.filter.search.trim()) } }),
    };
    const sorting = { type: 'Alliance', dateOf: (a: Alliance) => a.foundedOn, dateField: 'foundedOn', nameField: 'name', nameOf: (a: Alliance) => a.name, order: args.orderBy };
    return paginate<Alliance>(
      (ids) => audit.read('Alliance', ids),
      args,
      sorting,
      'Alliance',
      (after, take) => prisma.alliance.findMany({ where: after ? { AND: [where, after] } : where, orderBy: orderOf(sorting), take }),
      () => prisma.alliance.count({ where }),
    );
  },
  alliance: (_: unknown, { id }: { id: string }, { loaders }: JointContext) => loaders.alliance.load(checkIdArgument(id, 'id', ALLIANCE_ID)!),
  agreements(_: unknown, args: ListArgs, { prisma, audit }: JointContext) {
    checkRecordFilter(args.filter, { period: true, allianceId: true, search: true, ids: 'Agreement' });
    const where = {
      ...onlyIds(args.filter),
      ...(args.filter?.period && { signedOn: dateRange(args.filter.period) }),
      ...(args.filter?.allianceId && { allianceId: args.filter.allianceId }),
      ...(args.filter?.search?.trim() && { title: { contains: escapeLike(args.filter.search.trim()) } }),
    };
    const sorting = { type: 'Agreement', dateOf: (a: Agreement) => a.signedOn, dateField: 'signedOn' };
    return paginate<Agreement>(
      (ids) => audit.read('Agreement', ids),
      args,
      sorting,
      'Agreement',
      (after, take) => prisma.agreement.findMany({ where: after ? { AND: [where, after] } : where, orderBy: orderOf(sorting), take }),
      () => prisma.agreement.count({ where }),
    );
  },
  jurisdictions(_: unknown, { keys }: { keys?: string[] | null }) {
    const unknown = (keys ?? []).find((k) => !JURISDICTIONS.some((j) => j.key === k));
    if (unknown !== undefined) {
      // Named as sent, but short and quoted: the message is no echo chamber for whatever was sent.
      const known = JURISDICTIONS.map((j) => j.key).join(', ');
      throw userInputError(fieldMessage('keys', `：没有辖区${quotedZh(unknown)}，可选：${known}`, `names no jurisdiction: ${quotedEn(unknown)}; known: ${known}`), 'keys', 'unknown-kind');
    }
    return JURISDICTIONS.filter((j) => !keys?.length || keys.includes(j.key)).map((j) => ({ code: j.code }));
  },
  async overview(_: unknown, args: { period?: PeriodInput | null; allianceId?: string | null }, { loaders }: JointContext) {
    const period = checkPeriod(args.period);
    const allianceId = checkIdArgument(args.allianceId, 'allianceId', ALLIANCE_ID);
    // An alliance the joint office does not have is said, not answered as believable zeros (a
    // mistyped ID). Asked only when one is named, by the loader its `alliance` field reads with:
    // the overview of every alliance pays nothing for it, one of an alliance one statement at most.
    if (allianceId && !(await loaders.alliance.load(allianceId))) {
      throw userInputError(fieldMessage('allianceId', `：${homeName(JOINT_HOME.key)}没有这个联盟（所填 ID 不存在），请从联盟列表中选择`, `${allianceId} names no alliance of the joint office`), 'allianceId', 'unknown-alliance');
    }
    return { id: overviewId(period, allianceId) };
  },
  withdrawnRecords: (_: unknown, args: { first?: number | null; after?: string | null }, ctx: JointContext) =>
    withdrawnRecordsPage(ctx.prisma, ctx.caller, JOINT_HOME.key, ctx.audit, args, null),
  auditLog: (_: unknown, args: { first?: number | null; after?: string | null; subject?: string | null }, ctx: JointContext) =>
    auditLogPage(ctx.prisma, ctx.caller, JOINT_HOME.key, ctx.audit, args),
  auditChain: (_: unknown, args: AuditChainArgs, ctx: JointContext) => verifyAuditChain(ctx.prisma, ctx.caller, JOINT_HOME.key, ctx.audit, args),
};
