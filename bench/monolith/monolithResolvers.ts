/**
 * The monolith baseline's resolvers: the fields the benchmark's scenarios ask for, over the three
 * stores' schemas in one database, by direct SQL. Lists and figures run the very statements the
 * subgraphs run (`listRecords`, `loadFigures` of @linju/jurisdiction-service), references are batched per request
 * (DataLoader), so the difference from the federation is the federation itself: the gateway, the
 * hops between processes, the caller statements and the audit entries.
 */
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type pg from 'pg';
import { aggregateCacheOf } from '@linju/subgraph-runtime';
import type { Db } from '@linju/subgraph-runtime';
import { toRow, type Row } from '@linju/subgraph-runtime';
import { aggregateKey, loadFigures, zeroFigures, type Figures } from '@linju/jurisdiction-service';
import { listRecords, refuseSameRecord, type RecordFilter } from '@linju/jurisdiction-service';
import { TABLES } from '@linju/jurisdiction-service';
import { rowsById } from '@linju/subgraph-runtime';
import { queryPrepared } from '@linju/subgraph-runtime';
import { combineFigures, figureValueList, parseGlobalId } from '@linju/contract';
import { checkPeriod, type PeriodInput } from '@linju/contract';
import { jurisdictionByKey, type JurisdictionInfo } from '@linju/contract';
import { allianceFigures, loadAllianceFigures } from '@linju/subgraph-joint/overviewFigures';
import { jointChildRows, type JointChild } from '@linju/subgraph-joint/jointChildren';
import type { Side, Store } from '../data/benchDataset.ts';

/** A store's schema (or a transaction's connection to it) as the jurisdiction service's shared code queries it. */
export function poolDb(pool: Pick<pg.Pool, 'query'>): Db {
  return { $queryRaw: async <T>(query: { text: string; values: unknown[] }) => (await queryPrepared(pool, query)).rows as T } as Db;
}

/** Per request: the stores and the loaders of the records it references. */
export class MonolithContext {
  private readonly loaders = new Map<string, DataLoader<string, Row | null>>();
  constructor(
    readonly dbs: Record<Store, Db>,
    readonly pools: Record<Store, pg.Pool>,
  ) {}

  byId(store: Store, table: string): DataLoader<string, Row | null> {
    const name = `${store}.${table}`;
    let loader = this.loaders.get(name);
    if (!loader) this.loaders.set(name, (loader = rowsById(this.dbs[store], table)));
    return loader;
  }

  /** Rows of a joint table under their parent, in the order the joint subgraph lists them. */
  joint(child: JointChild): DataLoader<string, Row[]> {
    let loader = this.groups.get(child);
    if (!loader) this.groups.set(child, (loader = jointChildRows(this.dbs.joint, child)));
    return loader;
  }
  private readonly groups = new Map<string, DataLoader<string, Row[]>>();
}

type Resolver = (parent: any, args: any, ctx: MonolithContext) => unknown;
const side = (id: string) => parseGlobalId(id)?.home as Side;
const jurisdictionOf = (info: JurisdictionInfo) => ({ ...info, __typename: `${info.typePrefix}Jurisdiction` });
const record = (store: Store, table: string, field: string): Resolver => (row, _args, ctx) => (row[field] ? ctx.byId(store, table).load(row[field]) : null);
/** A reference that may point at either side, loaded from its home's schema. */
const anySide = (table: string, field: string): Resolver => (row, _args, ctx) => (row[field] ? ctx.byId(side(row[field]), table).load(row[field]) : null);
const allianceOf: Resolver = (row, _args, ctx) => (row.allianceId ? ctx.byId('joint', 'alliance').load(row.allianceId) : null);

interface Overview {
  period: PeriodInput;
  allianceId: string | null;
  figures?: Promise<Record<Side, Figures>>;
}

function sideFigures(overview: Overview, ctx: MonolithContext): Promise<Record<Side, Figures>> {
  overview.figures ??= Promise.all((['sichuan', 'chongqing'] as const).map(async (s) => {
    // The same cache as the subgraphs', invalidated by the monolith's own writes: like for like.
    const alliances = overview.allianceId ? [overview.allianceId] : [];
    const { total, byAlliance } = await aggregateCacheOf(ctx.dbs[s]).get(aggregateKey('figures', overview.period, alliances), () => loadFigures(ctx.dbs[s], overview.period, { alliances }));
    // An alliance without records on this side has zero figures there, as the subgraphs answer.
    return overview.allianceId ? (byAlliance.get(overview.allianceId) ?? zeroFigures()) : total;
  })).then(([sichuan, chongqing]) => ({ sichuan: sichuan!, chongqing: chongqing! }));
  return overview.figures;
}

const sideFields = (key: Side): Record<string, Resolver> => ({
  posts: (_j, args: { filter?: RecordFilter; first?: number; after?: string }, ctx) => listRecords(ctx.dbs[key], TABLES.Post!, key, args),
  activities: (_j, args: { filter?: RecordFilter; first?: number; after?: string }, ctx) => listRecords(ctx.dbs[key], TABLES.Activity!, key, args),
});

const recordFields = (key: Side): Record<string, Record<string, Resolver>> => {
  const prefix = jurisdictionByKey(key)!.typePrefix;
  return {
    [`${prefix}Jurisdiction`]: sideFields(key),
    [`${prefix}Post`]: { organization: record(key, 'organization', 'organizationId'), holder: anySide('person', 'holderId'), alliance: allianceOf },
    [`${prefix}Activity`]: { organizer: record(key, 'organization', 'organizerId'), alliance: allianceOf },
    [`${prefix}Organization`]: { region: record(key, 'region', 'regionId'), jurisdiction: () => jurisdictionOf(jurisdictionByKey(key)!) },
    [`${prefix}Person`]: { organization: record(key, 'organization', 'organizationId'), jurisdiction: () => jurisdictionOf(jurisdictionByKey(key)!) },
  };
};

interface ActivityInput {
  kind: string;
  title: string;
  heldOn: string;
  organizerId: string;
  sessions?: number | null;
  personTimes?: number | null;
  talentsRecruited?: number | null;
  allianceId?: string | null;
}

/**
 * Records an activity as the side's subgraph does, in one transaction: the idempotency key is
 * looked up first (a retry returns the first answer), the organizer must be this side's and live,
 * a live activity of the same identity (kind, title, day, organizer) refuses the write
 * ALREADY_RECORDED (the subgraph's own check, `refuseSameRecord`: the same lock and statement), and
 * the activity and the key's record are written together. No audit entry: the monolith has none.
 */
const recordActivity = (key: Side): Resolver => async (_root, { input, idempotencyKey }: { input: ActivityInput; idempotencyKey?: string }, ctx) => {
  const client = await ctx.pools[key].connect();
  try {
    await client.query('BEGIN');
    if (idempotencyKey) {
      const seen = await client.query<{ response: Row }>('SELECT response FROM idempotency_record WHERE key = $1', [idempotencyKey]);
      if (seen.rows[0]) {
        await client.query('ROLLBACK');
        return seen.rows[0].response;
      }
    }
    const organizer = await client.query('SELECT id, name FROM organization WHERE id = $1 AND dissolved_on IS NULL FOR SHARE', [input.organizerId]);
    if (!organizer.rowCount) throw new GraphQLError(`No live organization ${input.organizerId} of ${key}`, { extensions: { code: 'BAD_USER_INPUT', field: 'organizerId' } });
    const values = {
      kind: input.kind, title: input.title, heldOn: input.heldOn, organizerId: input.organizerId,
      sessions: input.sessions ?? 1, personTimes: input.personTimes ?? 0, talentsRecruited: input.talentsRecruited ?? 0, allianceId: input.allianceId ?? null,
    };
    await refuseSameRecord(poolDb(client), 'Activity', TABLES.Activity!.table, { values, found: new Map([['organizerId', toRow(organizer.rows[0])]]) });
    const inserted = await client.query(
      `INSERT INTO activity (id, kind, title, held_on, organizer_id, sessions, person_times, talents_recruited, alliance_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, kind, title, held_on::text AS held_on, organizer_id, sessions, person_times, talents_recruited, alliance_id`,
      [`${key}:Activity:${randomUUID()}`, ...Object.values(values)],
    );
    const row = toRow(inserted.rows[0]);
    if (idempotencyKey) {
      await client.query('INSERT INTO idempotency_record (key, operation, request_hash, response) VALUES ($1, $2, $3, $4)', [idempotencyKey, `${key}RecordActivity`, '-', row]);
    }
    await client.query('COMMIT');
    aggregateCacheOf(ctx.dbs[key]).invalidate();
    return row;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** Resolvers by type and field, and the concrete type of each interface value. */
export const monolithResolvers: Record<string, Record<string, Resolver>> = {
  Query: {
    overview: (_root, args: { period?: PeriodInput; allianceId?: string }) => ({ period: checkPeriod(args.period), allianceId: args.allianceId ?? null }),
    alliance: (_root, { id }: { id: string }, ctx) => ctx.byId('joint', 'alliance').load(id),
    sichuan: () => jurisdictionOf(jurisdictionByKey('sichuan')!),
    chongqing: () => jurisdictionOf(jurisdictionByKey('chongqing')!),
  },
  Mutation: {
    sichuanRecordActivity: recordActivity('sichuan'),
    chongqingRecordActivity: recordActivity('chongqing'),
  },
  JurisdictionFigures: { values: figureValueList },
  JointOverview: {
    period: (o: Overview) => o.period,
    alliances: async (o: Overview, _args, ctx) => {
      // Kept in the joint store's aggregate cache, as the joint subgraph keeps them.
      const alliances = o.allianceId ? [o.allianceId] : [];
      const { total, byAlliance } = await aggregateCacheOf(ctx.dbs.joint).get(aggregateKey('allianceFigures', o.period, alliances), () => loadAllianceFigures(ctx.dbs.joint, o.period, alliances));
      return o.allianceId ? (byAlliance.get(o.allianceId) ?? allianceFigures([])) : total;
    },
    sichuan: async (o: Overview, _args, ctx) => (await sideFigures(o, ctx)).sichuan,
    chongqing: async (o: Overview, _args, ctx) => (await sideFigures(o, ctx)).chongqing,
    total: async (o: Overview, _args, ctx) => {
      const figures = await sideFigures(o, ctx);
      return combineFigures([figures.sichuan, figures.chongqing]);
    },
  },
  Alliance: {
    // Current members only, as the joint subgraph answers without includePast.
    members: async (alliance: Row, _args, ctx) => (await ctx.joint('members').load(alliance.id)).filter((m) => m.leftOn === null),
    agreements: (alliance: Row, _args, ctx) => ctx.joint('agreementsOfAlliance').load(alliance.id),
  },
  AllianceMember: {
    organization: (member: Row, _args, ctx) => ctx.byId(member.jurisdiction as Side, 'organization').load(member.organizationId as string),
    jurisdiction: (member: Row) => jurisdictionOf(jurisdictionByKey(member.jurisdiction as string)!),
  },
  Agreement: {
    items: (agreement: Row, _args, ctx) => ctx.joint('items').load(agreement.id),
  },
  ...recordFields('sichuan'),
  ...recordFields('chongqing'),
};

/** The concrete type of an interface value: records by their global ID, jurisdictions by their own. */
export function resolveType(value: { id?: string; __typename?: string }): string | undefined {
  if (value.__typename) return value.__typename;
  const parsed = value.id ? parseGlobalId(value.id) : undefined;
  const info = parsed && jurisdictionByKey(parsed.home);
  return info && parsed && `${info.typePrefix}${parsed.type}`;
}
