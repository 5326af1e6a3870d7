import { FIGURE_NAMES, type FigureName } from './figureCatalogue.ts';
import { columnOf, figureOf, weightOf } from './figureRules.ts';
import { FIGURE_SOURCES, type SourceName } from './figureSources.ts';

/**
 * The figures' rollups (migration 0008_figure_rollups): every figure of the catalogue per day, for
 * the whole side (`_linju_figure_day`, and per month `_linju_figure_month`) and per alliance (`_linju_figure_alliance_day`), kept by
 * triggers on the source tables in the transaction of the write. A figure of a period is the sum of
 * its days. A ratio keeps its weighted sum (value × weight per record); its weight is the weighting
 * figure's own row, and the division happens when the period is read. Everything here is derived
 * from the catalogue, so a new figure needs no SQL of its own: its triggers and backfill come with
 * the next start (see `figureRollupMigration`).
 */
export const FIGURE_DAY_TABLE = '_linju_figure_day';
export const FIGURE_ALLIANCE_DAY_TABLE = '_linju_figure_alliance_day';
/**
 * The whole side's rollup per month (its first day), kept with the days: a period's whole months are
 * read from it and only the days of its partial months from `_linju_figure_day`, so a year's figures
 * read twelve rows per figure instead of 365.
 */
export const FIGURE_MONTH_TABLE = '_linju_figure_month';

/**
 * Rebuilds the rollups from the records: the migration's backfill, and a repair run by the owner.
 * Only the owner may run it (its EXECUTE is revoked from PUBLIC here and from the runtime role by
 * `grantRuntime`), since it runs with the owner's rights.
 */
export const FIGURE_ROLLUPS_REBUILD = 'linju_figure_rollups_rebuild';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The records of its source a figure selects, as a SQL condition over `t` (`{{key}}` is the side's key). */
export function figureCondition(name: FigureName): string {
  const figure = figureOf(name);
  const filter = figure.filter as { kind?: string; flag?: string; heldAcrossBorder?: true };
  const source = FIGURE_SOURCES[figure.source];
  if (filter.kind !== undefined) return `${'kind' in source ? source.kind.column : 't.kind'} = ${quote(filter.kind)}`;
  if (filter.flag !== undefined) return `t.${filter.flag}`;
  // A cross-appointment is a post of this side held by a person of another side.
  return `t.holder_id NOT LIKE '{{key}}:%'`;
}

/** What one selected record adds to a figure: 1, its column, or (a ratio) its column times its weight's. */
function figureTerm(name: FigureName): string {
  const column = columnOf(name);
  if (!column) return '1';
  const weight = weightOf(name);
  return weight ? `t.${column.name} * t.${columnOf(weight)!.name}` : `t.${column.name}`;
}

interface ParsedFrom {
  table: string;
  joins: { table: string; alias: string; on: string }[];
}

/** A source's `from` (`team_action t JOIN team tm ON tm.id = t.team_id`): its table and what it joins. */
function parseFrom(source: SourceName): ParsedFrom {
  const [head, ...joins] = FIGURE_SOURCES[source].from.split(/\s+JOIN\s+/i);
  const base = /^(\w+) t$/.exec(head!.trim());
  if (!base) throw new Error(`Figure source ${source}: cannot read its table from “${FIGURE_SOURCES[source].from}”`);
  return {
    table: base[1]!,
    joins: joins.map((join) => {
      const match = /^(\w+) (\w+) ON (.+)$/.exec(join.trim());
      if (!match) throw new Error(`Figure source ${source}: cannot read the join “${join}”`);
      return { table: match[1]!, alias: match[2]!, on: match[3]! };
    }),
  };
}

/** One kind of rollup row: its name (a SQL expression over `t`), which records it counts, and what each adds. */
interface RollupMetric {
  readonly name: string;
  readonly condition: string;
  readonly term: string;
}

/**
 * Rollup rows of the dashboard's breakdowns (jurisdiction-service's breakdowns.ts), kept beside the
 * figures by the same triggers: activities per day (their number, sessions and person-times) and
 * service cases per day and kind. Named `<breakdown>:<part>`, which no figure's name can be.
 */
export const ROLLUP_BREAKDOWNS = {
  activityMonth: { source: 'activity', prefix: 'activityMonth:', parts: { activities: '1', sessions: 't.sessions', personTimes: 't.person_times' } },
  serviceCaseKind: { source: 'serviceCase', prefix: 'serviceCaseKind:' },
} as const;

/** Every rollup metric of each source: the catalogue's figures in order, then the breakdowns'. */
function metricsBySource(): Map<SourceName, RollupMetric[]> {
  const sources = new Map<SourceName, RollupMetric[]>();
  const add = (source: SourceName, metric: RollupMetric) => sources.set(source, [...(sources.get(source) ?? []), metric]);
  for (const name of FIGURE_NAMES) add(figureOf(name).source, { name: quote(name), condition: figureCondition(name), term: figureTerm(name) });
  const { activityMonth, serviceCaseKind } = ROLLUP_BREAKDOWNS;
  for (const [part, term] of Object.entries(activityMonth.parts)) add(activityMonth.source, { name: quote(`${activityMonth.prefix}${part}`), condition: 'true', term });
  add(serviceCaseKind.source, { name: `${quote(serviceCaseKind.prefix)} || t.kind`, condition: 'true', term: '1' });
  return sources;
}

/**
 * Each record's contribution to each metric of `source`, as rows (figure, day, alliance_id, value),
 * with one table of the source's FROM read from `relation` instead (a trigger's transition table),
 * and the value multiplied by `sign`.
 */
function contributions(source: SourceName, metrics: readonly RollupMetric[], replace?: { table: string; relation: string }, sign = 1): string {
  const { table, joins } = parseFrom(source);
  const relationOf = (name: string) => (replace && replace.table === name ? replace.relation : name);
  const from = [`${relationOf(table)} t`, ...joins.map((j) => `JOIN ${relationOf(j.table)} ${j.alias} ON ${j.on}`)].join(' ');
  const values = metrics.map((m) => `(${m.name}, CASE WHEN ${m.condition} THEN (${m.term})::numeric END)`);
  const s = FIGURE_SOURCES[source];
  const value = sign === 1 ? 'v.value' : `${sign} * v.value`;
  return `SELECT v.figure, ${s.date} AS day, ${s.alliance} AS alliance_id, ${value} AS value
    FROM ${from}
    CROSS JOIN LATERAL (VALUES ${values.join(', ')}) AS v (figure, value)
    WHERE v.value IS NOT NULL`;
}

/**
 * Every figure (and breakdown row) per day and alliance (NULL: records of no alliance), recomputed
 * from the records: rows (figure, day, alliance_id, value). What the backfill stores and `figures:verify` compares
 * the rollups with. `{{key}}` is the side's key.
 */
export function figureRecordsSql(): string {
  const parts = [...metricsBySource()].map(([source, metrics]) => contributions(source, metrics));
  return `SELECT figure, day, alliance_id, sum(value) AS value FROM (
    ${parts.join('\n    UNION ALL\n    ')}
  ) records GROUP BY figure, day, alliance_id`;
}

/** Adds `changes` (rows figure, day, alliance_id, value) to the rollups, one upsert each. */
function addToRollups(changes: string): string {
  return `WITH changes AS (
    ${changes}
  ), side AS (
    INSERT INTO ${FIGURE_DAY_TABLE} AS d (figure, day, value)
    SELECT figure, day, sum(value) FROM changes GROUP BY figure, day HAVING sum(value) <> 0 ORDER BY figure, day
    ON CONFLICT (figure, day) DO UPDATE SET value = d.value + EXCLUDED.value
  ), side_month AS (
    INSERT INTO ${FIGURE_MONTH_TABLE} AS m (figure, month, value)
    SELECT figure, date_trunc('month', day)::date, sum(value) FROM changes GROUP BY 1, 2 HAVING sum(value) <> 0 ORDER BY 1, 2
    ON CONFLICT (figure, month) DO UPDATE SET value = m.value + EXCLUDED.value
  )
  INSERT INTO ${FIGURE_ALLIANCE_DAY_TABLE} AS d (figure, alliance_id, day, value)
  SELECT figure, alliance_id, day, sum(value) FROM changes WHERE alliance_id IS NOT NULL
  GROUP BY figure, alliance_id, day HAVING sum(value) <> 0 ORDER BY figure, alliance_id, day
  ON CONFLICT (figure, alliance_id, day) DO UPDATE SET value = d.value + EXCLUDED.value`;
}

/** The tables whose writes change figures: each source's table and the tables it joins. */
function tablesOfFigures(): Map<string, { source: SourceName; metrics: RollupMetric[] }[]> {
  const tables = new Map<string, { source: SourceName; metrics: RollupMetric[] }[]>();
  for (const [source, metrics] of metricsBySource()) {
    const { table, joins } = parseFrom(source);
    for (const name of [table, ...joins.map((j) => j.table)]) tables.set(name, [...(tables.get(name) ?? []), { source, metrics }]);
  }
  return tables;
}

/**
 * The triggers and the backfill, generated from the catalogue: for each table figures read, one
 * statement-level trigger function (AFTER INSERT, UPDATE, DELETE with transition tables, so an
 * import of many rows is one upsert; AFTER TRUNCATE rebuilds), SECURITY DEFINER so the runtime role
 * may only read the rollups, with the search_path pinned (this schema, then pg_temp). Then the rollups are rebuilt from the records. Repeatable: a changed
 * catalogue replaces the functions and triggers and rebuilds. `{{key}}` is the side's key.
 */
export function figureRollupTriggersSql(): string {
  // A catalogue that no longer reads a table leaves no trigger behind on it: every rollup trigger
  // and per-table function of this schema goes first, and what the catalogue needs is made again.
  // The month rollup came after migration 0008: made here, so that every store has it before the
  // triggers that keep it, and filled by the rebuild below.
  const statements: string[] = [`CREATE TABLE IF NOT EXISTS ${FIGURE_MONTH_TABLE} (
  figure text NOT NULL,
  month  date NOT NULL CHECK (month = date_trunc('month', month)::date),
  value  numeric NOT NULL,
  PRIMARY KEY (month, figure)
);`];
  statements.push(`DO $drop$
DECLARE found record;
BEGIN
  FOR found IN SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace AND t.tgname LIKE '%\\_figure\\_rollup\\_%' LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', found.tgname, found.relname);
  END LOOP;
  FOR found IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
                WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'linju\\_figure\\_rollup\\_%' LOOP
    EXECUTE format('DROP FUNCTION %s', found.fn);
  END LOOP;
END
$drop$;`);
  statements.push(`CREATE OR REPLACE FUNCTION ${FIGURE_ROLLUPS_REBUILD}() RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
  -- Writes wait while the rollups are rebuilt, so none of their contributions is lost or counted twice.
  LOCK TABLE ${FIGURE_DAY_TABLE}, ${FIGURE_MONTH_TABLE}, ${FIGURE_ALLIANCE_DAY_TABLE} IN EXCLUSIVE MODE;
  DELETE FROM ${FIGURE_DAY_TABLE};
  DELETE FROM ${FIGURE_MONTH_TABLE};
  DELETE FROM ${FIGURE_ALLIANCE_DAY_TABLE};
  INSERT INTO ${FIGURE_DAY_TABLE} (figure, day, value)
  SELECT figure, day, sum(value) FROM (${figureRecordsSql()}) r GROUP BY figure, day;
  INSERT INTO ${FIGURE_MONTH_TABLE} (figure, month, value)
  SELECT figure, date_trunc('month', day)::date, sum(value) FROM ${FIGURE_DAY_TABLE} GROUP BY 1, 2;
  INSERT INTO ${FIGURE_ALLIANCE_DAY_TABLE} (figure, alliance_id, day, value)
  SELECT figure, alliance_id, day, value FROM (${figureRecordsSql()}) r WHERE alliance_id IS NOT NULL;
END
$fn$;`);
  statements.push(`CREATE OR REPLACE FUNCTION linju_figure_rollups_truncated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
  PERFORM ${FIGURE_ROLLUPS_REBUILD}();
  RETURN NULL;
END
$fn$;`);
  for (const [table, sources] of tablesOfFigures()) {
    const changed = (relation: string, sign: number) => sources.map(({ source, metrics }) => contributions(source, metrics, { table, relation }, sign)).join('\n    UNION ALL\n    ');
    const fn = `linju_figure_rollup_${table}`;
    statements.push(`CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
  ${addToRollups(changed('new_rows', 1))};
  ELSIF TG_OP = 'DELETE' THEN
  ${addToRollups(changed('old_rows', -1))};
  ELSE
  ${addToRollups(`${changed('old_rows', -1)}\n    UNION ALL\n    ${changed('new_rows', 1)}`)};
  END IF;
  RETURN NULL;
END
$fn$;`);
    for (const [event, referencing] of [['insert', 'NEW TABLE AS new_rows'], ['update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'], ['delete', 'OLD TABLE AS old_rows']] as const) {
      statements.push(`DROP TRIGGER IF EXISTS ${table}_figure_rollup_${event} ON ${table};`);
      statements.push(`CREATE TRIGGER ${table}_figure_rollup_${event} AFTER ${event.toUpperCase()} ON ${table} REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`);
    }
    statements.push(`DROP TRIGGER IF EXISTS ${table}_figure_rollup_truncate ON ${table};`);
    statements.push(`CREATE TRIGGER ${table}_figure_rollup_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION linju_figure_rollups_truncated();`);
  }
  // SECURITY DEFINER functions run with the owner's rights: their search_path is pinned to this
  // schema with pg_temp last, so a temporary table of a caller's can never stand in for one of the
  // store's (PostgreSQL otherwise searches pg_temp first); and only the owner may rebuild.
  statements.push(`DO $pin$
DECLARE found record;
BEGIN
  FOR found IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
                WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'linju\\_figure\\_rollup%' LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', found.fn, current_schema());
  END LOOP;
END
$pin$;`);
  statements.push(`REVOKE EXECUTE ON FUNCTION ${FIGURE_ROLLUPS_REBUILD}() FROM PUBLIC;`);
  statements.push(`SELECT ${FIGURE_ROLLUPS_REBUILD}();`);
  return `-- Generated from the figure catalogue (contract/src/figures/figureRollupSql.ts): the triggers that\n-- keep ${FIGURE_DAY_TABLE}, ${FIGURE_MONTH_TABLE} and ${FIGURE_ALLIANCE_DAY_TABLE}, and their backfill.\n${statements.join('\n\n')}\n`;
}
