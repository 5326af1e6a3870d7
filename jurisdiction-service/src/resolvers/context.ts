import type { RequestAudit } from '@linju/subgraph-runtime';
import type { Caller } from '@linju/access';
import type { Db } from '@linju/subgraph-runtime';
import type { Row } from '@linju/subgraph-runtime';
import { danglingReferenceError } from '@linju/contract';
import { parseGlobalId } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';
import type { TransactionalClient } from '@linju/subgraph-runtime';
import type { JurisdictionLoaders } from '../JurisdictionLoaders.ts';

/** Per-request context of a jurisdiction's subgraph. */
export interface JurisdictionContext {
  /** Who asks, as the gateway vouched for it. */
  caller: Caller;
  db: Db;
  /** The same client, for writes: each mutation runs in one of its transactions. */
  prisma: TransactionalClient;
  side: JurisdictionInfo;
  loaders: JurisdictionLoaders;
  /** What this request reads and writes, for the store's audit log (fed by the loaders, lists and writes). */
  audit: RequestAudit;
}

type Resolver = (row: Row, args: unknown, ctx: JurisdictionContext) => unknown;

/** The record of this side that `row[field]` points at, through the request's loader. */
export const local =
  (type: string, field: string): Resolver =>
  (row, _args, ctx) => {
    const id = row[field] as string | null;
    return id ? ctx.loaders.byId(type).load(id) : null;
  };

/** This side's records whose `column` points back at the row (children, posts of an organization …). */
export const related =
  (type: string, column: string): Resolver =>
  (row, _args, ctx) =>
    ctx.loaders.byColumn(type, column).load(row.id);

/**
 * A reference that may point at either side: a local one is loaded here; another side's is
 * returned as `{ id }`, and its `__typename` (from the ID) makes the gateway fetch it at home.
 */
export const anySide =
  (type: string, field: string): Resolver =>
  (row, _args, ctx) => {
    const id = row[field] as string | null;
    if (!id) return null;
    return parseGlobalId(id)?.home === ctx.side.key ? ctx.loaders.byId(type).load(id) : { id };
  };

/** The joint office's alliance a record belongs to, as a reference the gateway resolves there. */
export const alliance: Resolver = (row) => (row.allianceId ? { id: row.allianceId } : null);

/** The owning jurisdiction, as the entity that carries this side's lists. */
export const jurisdiction: Resolver = (_row, _args, ctx) => ({ code: ctx.side.code });

/**
 * `__resolveReference` of a contract entity: only this side's IDs of this type resolve here (a
 * representation's `id` is whatever its sender wrote: anything else names nothing, before any
 * SQL). An ID of this side whose record is gone raises DANGLING_REFERENCE: the other store still
 * refers to it, and answering null would hide that.
 */
export const resolveReference =
  (type: string) =>
  async (ref: { id: string }, ctx: JurisdictionContext): Promise<Row | null> => {
    const parsed = parseGlobalId(ref.id);
    if (parsed?.home !== ctx.side.key || parsed.type !== type) return null;
    const row = await ctx.loaders.byId(type).load(ref.id);
    if (!row) throw danglingReferenceError(ref.id, ctx.side.key);
    return row;
  };
