import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from '@prisma/client/runtime/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractMigrations, FIGURE_NAMES, FIGURE_SOURCES, figureFromRecords, FIGURES, jurisdictionByKey, VOCABULARY, type FigureName, type PeriodInput, type SourceName } from '@linju/contract';
import { openDatabase, type Db } from '@linju/subgraph-runtime';
import { loadFigures } from '../src/figures.ts';

/**
 * Each side's figures come from one SQL statement built from the figure catalogue. Here a store of
 * the contract is filled with random records of every source, and the statement's answer is
 * compared, figure by figure, with the catalogue's rules applied to the same records in memory.
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

/** The catalogue's rule over the records in memory, for the whole side or one alliance. */
function expected(name: FigureName, period: PeriodInput, allianceId?: string) {
  const teamAlliance = new Map(records.team.map((t) => [t.id, t.allianceId]));
  const source = FIGURES[name].source;
  const rows = records[source].filter((r) => allianceId === undefined || (source === 'teamAction' ? teamAlliance.get(r.teamId as string) : r.allianceId) === allianceId);
  const within = (d: Date) => (!period.from || d >= new Date(`${period.from}T00:00:00Z`)) && (!period.to || d <= new Date(`${period.to}T00:00:00Z`));
  return figureFromRecords(name, rows, side.key, within);
}

describe('a side’s figures in one statement, as the catalogue defines them', () => {
  for (const period of [{}, { from: '2021-01-01', to: '2021-06-30' }, { from: '2021-03-01', to: '2021-03-31' }] as PeriodInput[]) {
    test(`for ${period.from ?? 'all time'}…${period.to ?? ''}: every figure of the side and of each alliance`, async () => {
      const { total, byAlliance } = await loadFigures(db, side.key, period);
      for (const name of FIGURE_NAMES) {
        expect.soft(total[name], name).toBe(expected(name, period));
        for (const allianceId of ['joint:Alliance:a', 'joint:Alliance:b']) {
          const figures = byAlliance.get(allianceId);
          if (figures) expect.soft(figures[name], `${allianceId} ${name}`).toBe(expected(name, period, allianceId));
        }
      }
      expect(byAlliance.size).toBeGreaterThan(0);
    });
  }

  test('the records cover every kind a figure counts, so no comparison above is of zeros only', () => {
    for (const name of FIGURE_NAMES) expect.soft(expected(name, {}), name).not.toBe(0);
  });
});
