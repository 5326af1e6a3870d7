import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import { join, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { outsideRegion, unknownOperatorRegionWrite, type Caller, type NamedRegion, type OutsideWhat } from '@linju/access';
import { tableOfType, WITHDRAWABLE_TYPES, type JurisdictionInfo } from '@linju/contract';
import type { Db, RequestAudit } from '@linju/subgraph-runtime';
import type { JurisdictionContext } from './resolvers/context.ts';
import { TABLES } from './tables.ts';

/**
 * The owner's rule for region-scoped operators (数据权限按行政区划). An operator's token names a
 * region of its side (`Caller.region`); the operator may write a record only when every region the
 * record lies in is that region or below it in this store's region tree. Which regions a record
 * lies in is given by its anchors: the records that place it (see `docs/security-and-audit.md` for
 * the table of writes and their anchors). A record's region is the one `TABLES[type].regionSql`
 * names, the same rule the lists' region filter uses: an organization by its region, a person,
 * post, team, pairing by their organization's, a team action by its team's, an activity by its
 * organizer's, a service case, facility, project, grid or civilization record by its own region.
 */

/** A record that places a write in a region: a region itself, or any record of `TABLES` by its region. */
export interface Anchor {
  type: string;
  id: string;
  /**
   * The record may also lie above the operator's region, on its way up to the province: a new
   * organization's parent (a town committee hangs under the district's), never a sibling's record.
   */
  orAbove?: true;
  /**
   * What the record is to the write, as the refusal names it when it lies outside (上级党组织, 转入的
   * 党组织, 主办组织); left out, the record written itself (该记录).
   */
  what?: string;
}

/** What an anchor is to its write, in the refusal's two halves. */
const whatOf = (anchor: Anchor): OutsideWhat | undefined => (anchor.what ? { zh: anchor.what, en: `${anchor.type} ${anchor.id}` } : undefined);

/** Where an anchor outside the operator's region lies, and the operator's region, for its refusal. */
interface Outside {
  operatorRegion: NamedRegion;
  recordRegion: NamedRegion;
}

/**
 * The region a withdrawn record lay in, for the archive (`withdrawnRecords`): its type's rule
 * (`TABLES[type].regionSql`, the lists' region filter) applied to the record as the archive keeps it
 * (`w.record`, its row as JSON), so an activity lay where its organizer is. Null when the record that
 * placed it is gone too (a team action's team withdrawn since): then only the province's operator
 * reads it.
 */
export const WITHDRAWN_RECORD_REGION: Sql = sql`CASE w.type ${join(
  WITHDRAWABLE_TYPES.map((type) => {
    const spec = TABLES[type];
    if (!spec?.regionSql) throw new Error(`No region rule for ${type}`);
    return sql`WHEN ${type} THEN (SELECT ${raw(spec.regionSql)} FROM jsonb_populate_record(NULL::${raw(tableOfType(type))}, w.record) t)`;
  }),
  ' ',
)} END`;

/** Whether the caller is bound by no region on this side: the province's own operator. */
export function coversWholeSide(caller: Caller, side: JurisdictionInfo): boolean {
  return caller.region === side.code;
}

/** An anchor as one key: the same record may place a write within (or above) the operator's region. */
const anchorKey = (anchor: Anchor): string => `${anchor.orAbove ? 'above' : 'within'} ${anchor.id}`;

/** The region each anchor lies in (`region_id`), and whether it may lie above the operator's (`above`), as one SQL union. */
function anchorRegions(anchors: readonly Anchor[]): Sql {
  const groups = new Map<string, { type: string; above: boolean; ids: Set<string> }>();
  for (const { type, id, orAbove } of anchors) {
    const key = `${type} ${orAbove ? 'above' : 'within'}`;
    const group = groups.get(key) ?? { type, above: orAbove === true, ids: new Set<string>() };
    group.ids.add(id);
    groups.set(key, group);
  }
  const parts = [...groups.values()].map(({ type, above, ids }) => {
    const spec = TABLES[type];
    if (!spec?.regionSql) throw new Error(`No region rule for ${type}`);
    return sql`SELECT t.id AS anchor_id, ${raw(spec.regionSql)} AS region_id, ${above}::boolean AS above FROM ${raw(spec.table)} t WHERE t.id = ANY(${[...ids]}::text[])`;
  });
  return join(parts, ' UNION ALL ');
}

interface ScopeRow {
  anchor_id: string;
  above: boolean;
  code: string;
  name: string;
  inside: boolean;
  operator_name: string | null;
}

/**
 * The anchors that lie outside the operator's region (or, for an anchor `orAbove`, neither within
 * it nor above it), each with the region it lies in, by `anchorKey`. One statement for any number
 * of anchors, none for the province's operator or without anchors.
 */
async function anchorsOutside(tx: Db, caller: Caller, side: JurisdictionInfo, anchors: readonly Anchor[]): Promise<Map<string, Outside>> {
  const outside = new Map<string, Outside>();
  if (coversWholeSide(caller, side) || anchors.length === 0) return outside;
  const operatorCode = caller.region ?? '';
  const rows = await tx.$queryRaw<ScopeRow[]>(sql`
    WITH RECURSIVE anchor (anchor_id, region_id, above) AS (${anchorRegions(anchors)}),
    up (anchor_id, start, above, id, parent_id, code) AS (
      SELECT a.anchor_id, r.id, a.above, r.id, r.parent_id, r.code FROM region r JOIN anchor a ON a.region_id = r.id
      UNION ALL SELECT up.anchor_id, up.start, up.above, p.id, p.parent_id, p.code FROM region p JOIN up ON p.id = up.parent_id
    ),
    operator_path (id, parent_id) AS (
      SELECT id, parent_id FROM region WHERE code = ${operatorCode}
      UNION ALL SELECT p.id, p.parent_id FROM region p JOIN operator_path o ON p.id = o.parent_id
    )
    SELECT up.anchor_id, up.above, s.code, s.name,
           bool_or(up.code = ${operatorCode}) OR (up.above AND s.id IN (SELECT id FROM operator_path)) AS inside,
           (SELECT name FROM region WHERE code = ${operatorCode}) AS operator_name
    FROM up JOIN region s ON s.id = up.start
    GROUP BY up.anchor_id, up.above, s.id, s.code, s.name
    ORDER BY s.code`);
  for (const row of rows) {
    if (row.inside) continue;
    const operatorRegion: NamedRegion = { code: operatorCode, name: row.operator_name };
    outside.set(`${row.above ? 'above' : 'within'} ${row.anchor_id}`, { operatorRegion, recordRegion: { code: row.code, name: row.name } });
  }
  return outside;
}

/**
 * The refusal of a write whose anchors include outside ones: the one of the first region by code, as
 * the single write reports, naming what lies there (the anchor's `what`).
 */
function firstOutside(caller: Caller, anchors: readonly Anchor[], outside: ReadonlyMap<string, Outside>): GraphQLError | undefined {
  const found = anchors.flatMap((anchor) => {
    const where = outside.get(anchorKey(anchor));
    return where ? [{ anchor, where }] : [];
  });
  const first = found.sort((a, b) => a.where.recordRegion.code.localeCompare(b.where.recordRegion.code))[0];
  return first && outsideRegion(caller, first.where.operatorRegion, first.where.recordRegion, whatOf(first.anchor));
}

/**
 * Refuses the write (FORBIDDEN, rule `outside-region`, naming both regions) when one of its anchors
 * lies outside the operator's region (or, for an anchor `orAbove`, neither within it nor above it). One statement, none for the province's operator. Run inside
 * the write's transaction, after the anchors were found to exist: a refusal rolls everything back.
 */
export async function requireWithinRegion(tx: Db, caller: Caller, side: JurisdictionInfo, anchors: readonly Anchor[], audit?: RequestAudit): Promise<void> {
  const refusal = firstOutside(caller, anchors, await anchorsOutside(tx, caller, side, anchors));
  if (!refusal) return;
  // The refused attempt's entry names what it tried to write under.
  audit?.readIds(anchors.map((anchor) => anchor.id));
  throw refusal;
}

/**
 * The batch form of {@link requireWithinRegion}: the refusal of each write (by position in
 * `anchorsByWrite`) one of whose anchors lies outside the operator's region, with one statement
 * for all of them. A refused write's anchors are noted in the audit, as the single write notes them.
 */
export async function refusalsOutsideRegion(
  tx: Db,
  caller: Caller,
  side: JurisdictionInfo,
  anchorsByWrite: readonly (readonly Anchor[])[],
  audit?: RequestAudit,
): Promise<Map<number, GraphQLError>> {
  const outside = await anchorsOutside(tx, caller, side, anchorsByWrite.flat());
  const refusals = new Map<number, GraphQLError>();
  anchorsByWrite.forEach((anchors, index) => {
    const refusal = firstOutside(caller, anchors, outside);
    if (!refusal) return;
    audit?.readIds(anchors.map((anchor) => anchor.id));
    refusals.set(index, refusal);
  });
  return refusals;
}

/**
 * The refusal of a caller who may write nothing in this store, whatever the record: an operator whose
 * region the store does not know (FORBIDDEN `unknown-operator-region`, as `requireWithinRegion` refuses
 * its every write). A write asks it before it reads what an idempotency key already used was used for
 * (`refuseCaller` of runMutation and runImport), so such a caller is refused as for a fresh key and
 * learns nothing of another's request. One statement, none for the province's operator.
 */
export async function wholeCallerRefusal(tx: Db, caller: Caller, side: JurisdictionInfo): Promise<GraphQLError | undefined> {
  if (coversWholeSide(caller, side) || !caller.region) return undefined;
  const [row] = await tx.$queryRaw<{ known: boolean }[]>(sql`SELECT EXISTS (SELECT 1 FROM region WHERE code = ${caller.region}) AS known`);
  return row?.known ? undefined : unknownOperatorRegionWrite(caller, caller.region);
}

/** The organizations a caller's region covers, of those asked about, and that region's name in this store. */
interface Coverage {
  covered: Set<string>;
  /** The caller's region's name (磨溪镇), null when the store does not know its code. */
  regionName: string | null;
}

/**
 * The organizations, of those given, whose people's personal data the caller may read, those whose
 * region lies within the caller's, and, in the same statement, the caller's region's name, which the
 * refusal of the others gives the clerk. Not for the province's operator (every organization).
 */
async function coverageOf(db: Db, caller: Caller, organizationIds: readonly string[]): Promise<Coverage> {
  const region = caller.region ?? '';
  const [row] = await db.$queryRaw<{ ids: string[]; region_name: string | null }[]>(sql`
    WITH RECURSIVE up (org, id, parent_id, code) AS (
      SELECT o.id, r.id, r.parent_id, r.code FROM organization o JOIN region r ON r.id = o.region_id WHERE o.id = ANY(${organizationIds}::text[])
      UNION ALL SELECT up.org, p.id, p.parent_id, p.code FROM region p JOIN up ON p.id = up.parent_id
    )
    SELECT ARRAY(SELECT org FROM up GROUP BY org HAVING bool_or(code = ${region})) AS ids,
           (SELECT name FROM region WHERE code = ${region}) AS region_name`);
  return { covered: new Set(row?.ids ?? []), regionName: row?.region_name ?? null };
}

/**
 * The organizations, of those given, whose people's personal data the caller may read: every one for
 * the province's operator, otherwise those whose region lies within the caller's. The one rule for
 * personal data, whether read (`coversPerson`) or told in a write's refusal (the holder of a resident
 * ID number typed again); `db` is the request's client or a write's transaction. One statement,
 * none for the province's operator or without organizations.
 */
export async function organizationsCoveredBy(db: Db, caller: Caller, side: JurisdictionInfo, organizationIds: readonly string[]): Promise<Set<string>> {
  if (coversWholeSide(caller, side)) return new Set(organizationIds);
  if (!organizationIds.length) return new Set();
  return (await coverageOf(db, caller, organizationIds)).covered;
}

const coverage = new WeakMap<JurisdictionContext, DataLoader<string, true | NamedRegion>>();

/**
 * Whether the caller's region covers a person of this side, by the region of the person's
 * organization (`organizationsCoveredBy`'s rule): `true`, or the caller's region with its name for
 * the refusal. One statement per request for every person asked about, the name with it (a list of
 * 50 people outside the region asks no more); none for the province.
 */
export function coversPerson(ctx: JurisdictionContext, person: Record<string, unknown>): true | NamedRegion | Promise<true | NamedRegion> {
  if (coversWholeSide(ctx.caller, ctx.side)) return true;
  let loader = coverage.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const { covered, regionName } = await coverageOf(ctx.db, ctx.caller, ids);
      const operatorRegion: NamedRegion = { code: ctx.caller.region ?? '', name: regionName };
      return ids.map((id) => covered.has(id) || operatorRegion);
    });
    coverage.set(ctx, loader);
  }
  return loader.load(person.organizationId as string);
}
