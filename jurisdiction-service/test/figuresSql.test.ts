import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from '@prisma/client/runtime/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractMigrations, FIGURE_NAMES, FIGURE_SOURCES, figureFromRecords, FIGURES, jurisdictionByKey, VOCABULARY, weightedSumFromRecords, weightedSumOf, weightOf, type FigureName, type FigureParts, type PeriodInput, type SourceName } from '@linju/contract';
import { openDatabase, type Db } from '@linju/subgraph-runtime';
import { figureRollupDifferences } from '../src/figureRollupDifferences.ts';
import { loadActivityMonths, loadServiceCaseKinds } from '../src/breakdowns.ts';
import { loadFigures } from '../src/figures.ts';

/**
 * Each side's figures are read from its rollups (migration 0008_figure_rollups), kept by triggers
 * generated from the figure catalogue. Here a store of the contract is filled with random records of
 * every source, then changed (updates of every column a figure reads, deletes, a team moving to
 * another alliance), and the figures are compared, figure by figure, with the catalogue's rules
 * applied to the same records in memory; and `figureRollupDifferences` (`npm run figures:verify`)
 * finds nothing, except where a rollup row was tampered with.
 */
const side = jurisdictionByKey('sichuan')!;
const ALLIANCES = ['joint:Alliance:a', 'joint:Alliance:b', null] as const;
const TABLES: Record<SourceName, string> = {
  post: 'post', activity: 'activity', facility: 'facility', project: 'project', serviceCase: 'service_case',
  team: 'team', teamAction: 'team_action', transportLink: 'transport_link', civilizationRecord: 'civilization_record',
};

let state = 20211;
const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const decimal = (max: number) => Math.round(random() * max * 100) / 100;
const date = () => new Date(Date.UTC(2021, Math.floor(random() * 12), 1 + Math.floor(random() * 28)));
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Row = Record<string, unknown> & { id: string; allianceId?: string | null };
const records = Object.fromEntries(Object.keys(TABLES).map((s) => [s, [] as Row[]])) as Record<SourceName, Row[]>;

let dataDir: string;
let store: Awaited<ReturnType<typeof openDatabase>>;
let db: Db;

/** Changes a record in the store and in memory, as any write would (an update or a correction). */
async function update(source: SourceName, row: Row, changes: Record<string, unknown>) {
  Object.assign(row, changes);
  const entries = Object.entries(changes);
  await store.pool.query(
    `UPDATE ${TABLES[source]} SET ${entries.map(([k], i) => `${snake(k)} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [row.id, ...entries.map(([, v]) => v)],
  );
}

async function remove(source: SourceName, row: Row) {
  records[source].splice(records[source].indexOf(row), 1);
  await store.pool.query(`DELETE FROM ${TABLES[source]} WHERE id = $1`, [row.id]);
}

async function insert(source: SourceName, row: Row) {
  records[source].push(row);
  const entries = Object.entries(row);
  await store.pool.query(
    `INSERT INTO ${TABLES[source]} (${entries.map(([k]) => snake(k)).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')})`,
    entries.map(([, v]) => v),
  );
}

/** Random records of one source: every kind of its vocabulary, every column, flags, alliances. */
function randomRow(source: SourceName, n: number): Row {
  const s = FIGURE_SOURCES[source];
  const row: Row = { id: `sichuan:${source[0]!.toUpperCase()}${source.slice(1)}:${n}` };
  if ('kind' in s) row[s.kind.column === 't.category' ? 'category' : 'kind'] = pick(VOCABULARY[s.kind.vocabulary]);
  for (const [column, { type }] of Object.entries(s.columns)) row[column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = type === 'Int' ? Math.floor(random() * 50) : decimal(500);
  for (const flag of Object.keys((s as { flags?: object }).flags ?? {})) row[flag.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = random() < 0.4;
  row[s.date.replace(/^t\./, '').replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = date();
  if (source !== 'teamAction') row.allianceId = pick(ALLIANCES);
  return row;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linju-figures-'));
  store = await openDatabase({ dataDir, durable: false, migrations: contractMigrations(side) });
  db = { $queryRaw: async <T>(query: Sql) => (await store.pool.query(query.text, query.values as unknown[])).rows as T };
  await store.pool.query(`INSERT INTO region (id, code, name, level) VALUES ('sichuan:Region:1', '510000', '四川省', 'province')`);
  await store.pool.query(`INSERT INTO organization (id, name, kind, level, region_id, founded_on) VALUES ('sichuan:Organization:1', '党委', '党委', '乡镇', 'sichuan:Region:1', '2020-01-01')`);
  for (let n = 1; n <= 40; n++) {
    for (const source of Object.keys(TABLES) as SourceName[]) {
      const row = randomRow(source, n);
      if (source === 'post') Object.assign(row, { title: '委员', organizationId: 'sichuan:Organization:1', holderId: pick(['sichuan:Person:1', 'chongqing:Person:2']) });
      if (source === 'activity') Object.assign(row, { title: '活动', organizerId: 'sichuan:Organization:1' });
      if (['serviceCase', 'facility', 'project', 'civilizationRecord'].includes(source)) row.regionId = 'sichuan:Region:1';
      if (['facility', 'project'].includes(source)) row.name = '名称';
      if (source === 'civilizationRecord') row.title = '记录';
      if (source === 'team') Object.assign(row, { kind: pick(VOCABULARY.teamKind), name: '队伍', organizationId: 'sichuan:Organization:1' });
      if (source === 'teamAction') row.teamId = pick(records.team).id;
      if (source === 'transportLink') Object.assign(row, { name: '道路', fromRegionId: 'sichuan:Region:1', toRegionId: 'chongqing:Region:1' });
      await insert(source, row);
    }
  }
});

afterAll(async () => {
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The catalogue's rule over the records in memory, for the whole side or one alliance (a ratio's weighted sum with `weighted`). */
function expected(name: FigureName, period: PeriodInput, allianceId?: string, { weighted = false } = {}) {
  const teamAlliance = new Map(records.team.map((t) => [t.id, t.allianceId]));
  const source = FIGURES[name].source;
  const rows = records[source].filter((r) => allianceId === undefined || (source === 'teamAction' ? teamAlliance.get(r.teamId as string) : r.allianceId) === allianceId);
  const within = (d: Date) => (!period.from || d >= new Date(`${period.from}T00:00:00Z`)) && (!period.to || d <= new Date(`${period.to}T00:00:00Z`));
  return weighted ? weightedSumFromRecords(name, rows, side.key, within) : figureFromRecords(name, rows, side.key, within);
}

/** Each ratio's weighted sum beside it, which the joint total recomputes the mean from: as the records say, unrounded. */
function expectWeightedSums(figures: FigureParts | undefined, period: PeriodInput, allianceId?: string) {
  for (const name of FIGURE_NAMES.filter((n) => weightOf(n))) {
    expect.soft(figures?.[weightedSumOf(name)] ?? 0, `${allianceId ?? 'side'} ${weightedSumOf(name)}`).toBe(expected(name, period, allianceId, { weighted: true }));
  }
}

describe('a side’s figures in one statement, as the catalogue defines them', () => {
  // Whole months (read from the month rollup), partial ones at either end or both (their days), open ends, and within one month.
  const periods: PeriodInput[] = [
    {}, { from: '2021-01-01', to: '2021-06-30' }, { from: '2021-03-01', to: '2021-03-31' }, { from: '2021-02-10', to: '2021-07-17' },
    { from: '2021-05-03', to: '2021-05-20' }, { from: '2021-01-31', to: '2021-03-01' }, { from: '2021-04-15' }, { to: '2021-08-09' }, { from: '2021-02-01', to: '2021-02-27' },
  ];
  for (const period of periods) {
    test(`for ${period.from ?? 'all time'}…${period.to ?? ''}: every figure of the side and of each alliance`, async () => {
      const { total, byAlliance } = await loadFigures(db, period);
      for (const name of FIGURE_NAMES) {
        expect.soft(total[name], name).toBe(expected(name, period));
        for (const allianceId of ['joint:Alliance:a', 'joint:Alliance:b']) {
          const figures = byAlliance.get(allianceId);
          if (figures) expect.soft(figures[name], `${allianceId} ${name}`).toBe(expected(name, period, allianceId));
        }
      }
      expectWeightedSums(total, period);
      for (const allianceId of ['joint:Alliance:a', 'joint:Alliance:b']) if (byAlliance.has(allianceId)) expectWeightedSums(byAlliance.get(allianceId), period, allianceId);
      expect(byAlliance.size).toBeGreaterThan(0);
      // Asked for one alliance (an alliance's overview), only its rows are read; the side's total is the same.
      const one = await loadFigures(db, period, { alliances: ['joint:Alliance:b'] });
      expect([...one.byAlliance.keys()]).toEqual(byAlliance.has('joint:Alliance:b') ? ['joint:Alliance:b'] : []);
      expect(one.byAlliance.get('joint:Alliance:b')).toEqual(byAlliance.get('joint:Alliance:b'));
      expect(one.total).toEqual(total);
      expect((await loadFigures(db, period, { alliances: [] })).byAlliance.size).toBe(0);
    });
  }

  test('after updates of every column figures read, deletes and a team moving alliance, the rollups still equal the records', async () => {
    for (const source of Object.keys(TABLES) as SourceName[]) {
      for (const row of records[source].slice(0, 12)) {
        const { id: _, ...fresh }: Record<string, unknown> = randomRow(source, 0);
        if (source === 'post') fresh.holderId = pick(['sichuan:Person:1', 'chongqing:Person:2']);
        if (source === 'team') delete fresh.category;
        await update(source, row, fresh);
      }
    }
    // Several rows in one statement, and a team's actions following it to its new alliance.
    const moved = records.team[0]!;
    await update('team', moved, { allianceId: moved.allianceId === 'joint:Alliance:a' ? 'joint:Alliance:b' : 'joint:Alliance:a' });
    await store.pool.query(`UPDATE activity SET sessions = sessions + 1 WHERE id = ANY($1)`, [records.activity.slice(0, 20).map((r) => r.id)]);
    for (const row of records.activity.slice(0, 20)) row.sessions = Number(row.sessions) + 1;
    for (const source of ['activity', 'serviceCase', 'project', 'civilizationRecord'] as SourceName[]) {
      for (const row of records[source].slice(-3)) await remove(source, row);
    }
    expect(await figureRollupDifferences(store.pool, side)).toEqual([]);
    for (const period of [{}, { from: '2021-03-01', to: '2021-09-30' }] as PeriodInput[]) {
      const { total, byAlliance } = await loadFigures(db, period);
      for (const name of FIGURE_NAMES) {
        expect.soft(total[name], name).toBe(expected(name, period));
        for (const allianceId of ['joint:Alliance:a', 'joint:Alliance:b']) expect.soft(byAlliance.get(allianceId)?.[name] ?? 0, `${allianceId} ${name}`).toBe(expected(name, period, allianceId) ?? 0);
      }
    }
  });

  test('the breakdowns (activities per month, service cases by kind) from the rollups equal the records', async () => {
    const period = { from: '2021-02-01', to: '2021-11-30' };
    const inPeriod = (d: unknown) => (d as Date) >= new Date('2021-02-01T00:00:00Z') && (d as Date) <= new Date('2021-11-30T00:00:00Z');
    const months = (allianceId?: string) => {
      const byMonth = new Map<string, { month: string; activities: number; sessions: number; personTimes: number }>();
      for (const r of records.activity.filter((a) => inPeriod(a.heldOn) && (allianceId === undefined || a.allianceId === allianceId))) {
        const month = (r.heldOn as Date).toISOString().slice(0, 7);
        const m = byMonth.get(month) ?? byMonth.set(month, { month, activities: 0, sessions: 0, personTimes: 0 }).get(month)!;
        m.activities++;
        m.sessions += Number(r.sessions);
        m.personTimes += Number(r.personTimes);
      }
      return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
    };
    const kinds = (allianceId?: string) => {
      const byKind = new Map<string, number>();
      for (const r of records.serviceCase.filter((c) => inPeriod(c.handledOn) && (allianceId === undefined || c.allianceId === allianceId))) byKind.set(r.kind as string, (byKind.get(r.kind as string) ?? 0) + 1);
      return [...byKind].map(([kind, cases]) => ({ kind, cases })).sort((a, b) => b.cases - a.cases || (a.kind < b.kind ? -1 : 1));
    };
    const activityMonths = await loadActivityMonths(db, period);
    expect(activityMonths.total).toEqual(months());
    expect(activityMonths.byAlliance.get('joint:Alliance:a')).toEqual(months('joint:Alliance:a'));
    expect((await loadActivityMonths(db, period, ['joint:Alliance:b'])).byAlliance).toEqual(new Map([['joint:Alliance:b', months('joint:Alliance:b')]]));
    const serviceCaseKinds = await loadServiceCaseKinds(db, period);
    expect(serviceCaseKinds.total).toEqual(kinds());
    expect(serviceCaseKinds.byAlliance.get('joint:Alliance:b')).toEqual(kinds('joint:Alliance:b'));
    expect((await loadServiceCaseKinds(db, period, [])).byAlliance.size).toBe(0);
    expect(months().length).toBeGreaterThan(5);
  });

  test('a rollup row changed by hand is a difference the check reports', async () => {
    const { rows } = await store.pool.query<{ figure: string; day: string }>(`SELECT figure, day::text FROM _linju_figure_day ORDER BY day, figure LIMIT 1`);
    const [{ figure, day }] = rows as [{ figure: string; day: string }];
    await store.pool.query(`UPDATE _linju_figure_day SET value = value + 1 WHERE figure = $1 AND day = $2`, [figure, day]);
    await store.pool.query(`DELETE FROM _linju_figure_alliance_day WHERE (alliance_id, day, figure) IN (SELECT alliance_id, day, figure FROM _linju_figure_alliance_day ORDER BY 1, 2, 3 LIMIT 1)`);
    await store.pool.query(`UPDATE _linju_figure_month SET value = value - 1 WHERE figure = $1 AND month = date_trunc('month', $2::date)::date`, [figure, day]);
    const differences = await figureRollupDifferences(store.pool, side);
    expect(differences).toHaveLength(3);
    expect(differences).toContainEqual(expect.objectContaining({ alliance: null, figure, day }));
    expect(differences).toContainEqual(expect.objectContaining({ alliance: null, figure, day: day.slice(0, 7) }));
    expect(differences.some((d) => d.alliance !== null && d.rollup === '0')).toBe(true);
    // The rebuild the migration ran puts them right.
    await store.pool.query('SELECT linju_figure_rollups_rebuild()');
    expect(await figureRollupDifferences(store.pool, side)).toEqual([]);
  });

  test('the records cover every kind a figure counts, so no comparison above is of zeros only', () => {
    for (const name of FIGURE_NAMES) expect.soft(expected(name, {}), name).not.toBe(0);
  });
});
