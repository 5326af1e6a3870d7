import { auditLogPage, verifyAuditChain, withdrawnRecordsPage, type AuditChainArgs } from '@linju/subgraph-runtime';
import { ALLIANCE_ID, checkIdArgument, checkPeriod, RECORD_LISTS, type PeriodInput, type RecordOrder } from '@linju/contract';
import { listRecords, type RecordFilter } from '../listRecords.ts';
import { WITHDRAWN_RECORD_REGION } from '../regionScope.ts';
import { storeChangedAt } from '../storeChangedAt.ts';
import { TABLES } from '../tables.ts';
import type { JurisdictionContext } from './context.ts';

type ListArgs = { filter?: RecordFilter | null; first?: number | null; after?: string | null; orderBy?: RecordOrder | null };

const list = (type: string) => async (_j: unknown, args: ListArgs, ctx: JurisdictionContext) => {
  const page = await listRecords(ctx.db, TABLES[type]!, ctx.side.key, args);
  ctx.audit.read(type, page.edges.map((edge) => edge.node.id));
  return page;
};

type PeriodArgs = { period?: PeriodInput | null; allianceId?: string | null };

/** A field of the side's aggregates for a period and, optionally, an alliance, read through its loader. */
const ofPeriod =
  (loader: 'figures' | 'activityMonths' | 'serviceCaseKinds') =>
  (_j: unknown, args: PeriodArgs, ctx: JurisdictionContext) => {
    const period = checkPeriod(args.period);
    return ctx.loaders[loader].load({ from: period.from ?? null, to: period.to ?? null, allianceId: checkIdArgument(args.allianceId, 'allianceId', ALLIANCE_ID) });
  };

export const Jurisdiction = {
  __resolveReference: (ref: { code: string }, ctx: JurisdictionContext) => (ref.code === ctx.side.code ? { code: ref.code } : null),
  key: (_j: unknown, _a: unknown, ctx: JurisdictionContext) => ctx.side.key,
  name: (_j: unknown, _a: unknown, ctx: JurisdictionContext) => ctx.side.name,
  ...Object.fromEntries(Object.entries(RECORD_LISTS).map(([field, type]) => [field, list(type)])),
  figures: ofPeriod('figures'),
  activitiesByMonth: ofPeriod('activityMonths'),
  serviceCasesByKind: ofPeriod('serviceCaseKinds'),
  dataAsOf: (_j: unknown, _a: unknown, ctx: JurisdictionContext) => storeChangedAt(ctx.db),
  withdrawnRecords: (_j: unknown, args: { first?: number | null; after?: string | null }, ctx: JurisdictionContext) =>
    withdrawnRecordsPage(ctx.db, ctx.caller, ctx.side.key, ctx.audit, args, WITHDRAWN_RECORD_REGION),
  auditLog: (_j: unknown, args: { first?: number | null; after?: string | null; subject?: string | null }, ctx: JurisdictionContext) =>
    auditLogPage(ctx.db, ctx.caller, ctx.side.key, ctx.audit, args),
  auditChain: (_j: unknown, args: AuditChainArgs, ctx: JurisdictionContext) => verifyAuditChain(ctx.db, ctx.caller, ctx.side.key, ctx.audit, args),
};
