import type pg from 'pg';
import { jurisdictionByKey, regionLevelCode, REGION_LEVELS } from '@linju/contract';
import { csvCellText, csvRows } from '@linju/contract/csvText';

/**
 * A jurisdiction's region tree (行政区划, GB/T 2260 codes down to districts and counties, the
 * statistical codes of towns and villages) loaded from a file by the store's owner: `npm run
 * regions -- load <jurisdiction> <file.csv>` (scripts/regions.ts; docs/operations.md, "The region
 * tree"). `region` is reference data that no write of the API changes (`REFERENCE_TABLES`), and a
 * production store is migrated without the demonstration seed, so this is how its regions come.
 *
 * The file is a CSV in the shape the regions export writes (`npm run export -- --list regions
 * --side sichuan --format csv`): a header row with 区划代码, 名称, 层级 and 上级区划, and optionally 全局 ID and
 * 所属辖区, in any order. A row without 全局 ID is given `<jurisdiction>:Region:<区划代码>`; 上级区划 names
 * the parent by its global ID, its 区划代码, or its name (one region of a higher level, in the file or
 * the store), blank for the province itself.
 *
 * All or nothing: every row is checked against the file and the store before anything is written,
 * and a file with any refused row writes nothing. Idempotent: a row the store already holds as the
 * file says is left as it is, so the same file loaded again writes nothing. A region already there
 * with another name, code, level or parent is refused, not changed: records refer to it, and what a
 * region-scoped operator may write depends on where it lies.
 */

/** A region as the store holds it. */
export interface RegionEntry {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
}

/** One row of the file, as written, with its line number. */
interface FileRow {
  line: number;
  id: string;
  code: string;
  name: string;
  level: string;
  parent: string;
  jurisdiction: string;
}

/** What a load did, or why it wrote nothing. */
export type RegionLoad =
  | { outcome: 'loaded'; loaded: number; unchanged: number; total: number }
  | { outcome: 'refused'; problems: string[] };

/** The headers of the regions export (ledger/src/export/exportColumns.ts, from the contract's descriptions), by field. */
export const REGION_FILE_HEADERS = { id: '全局 ID', code: '区划代码', name: '名称', level: '层级', parent: '上级区划', jurisdiction: '所属辖区' } as const;
const REQUIRED: readonly (keyof typeof REGION_FILE_HEADERS)[] = ['code', 'name', 'level', 'parent'];

/** Levels from the top: a region's parent is of a level before its own (a district's a city or the province). */
const RANK: Readonly<Record<string, number>> = { province: 0, city: 1, district: 2, county: 2, town: 3, village: 4 };

/** GB/T 2260's six digits, a town's nine, a village's twelve. */
const CODE = /^\d{6}(\d{3}){0,2}$/;

/** At most this many refused rows are listed; the rest are counted. */
const MOST_PROBLEMS = 50;

/**
 * The rows of a region file: UTF-8 (a byte order mark allowed), commas, the header row first (blank
 * lines before it skipped).
 * @throws {Error} saying why the file is not one (no header row, a header missing, an open quote)
 */
export function readRegionFile(text: string): FileRow[] {
  const rows = csvRows(text.replace(/^\uFEFF/, ''), ',', 'the file is not a CSV: a quoted field is not closed').map((cells) => cells.map((cell) => csvCellText(cell.trim())));
  const headerAt = rows.findIndex((cells) => cells.some((cell) => cell !== ''));
  const header = rows[headerAt] ?? [];
  const missing = REQUIRED.filter((field) => !header.includes(REGION_FILE_HEADERS[field]));
  if (headerAt < 0 || missing.length) {
    throw new Error(
      `the file's first row must name the columns ${Object.values(REGION_FILE_HEADERS).join(', ')} (全局 ID and 所属辖区 may be left out), as the regions export writes them (npm run export -- --list regions --side <jurisdiction> --format csv): ${headerAt < 0 ? 'the file is empty' : `no ${missing.map((field) => REGION_FILE_HEADERS[field]).join(', ')}`}`,
    );
  }
  const column = (field: keyof typeof REGION_FILE_HEADERS) => header.indexOf(REGION_FILE_HEADERS[field]);
  const cell = (cells: string[], field: keyof typeof REGION_FILE_HEADERS) => (column(field) < 0 ? '' : (cells[column(field)] ?? ''));
  return rows.slice(headerAt + 1).flatMap((cells, i) =>
    cells.every((value) => value === '')
      ? []
      : [{ line: headerAt + i + 2, id: cell(cells, 'id'), code: cell(cells, 'code'), name: cell(cells, 'name'), level: cell(cells, 'level'), parent: cell(cells, 'parent'), jurisdiction: cell(cells, 'jurisdiction') }],
  );
}

/**
 * Checks a file's rows against each other and the store's regions: the regions to insert, or every
 * problem found, each naming its line.
 */
export function planRegionLoad(jurisdiction: string, rows: readonly FileRow[], stored: readonly RegionEntry[]): { insert: RegionEntry[]; unchanged: number } | { problems: string[] } {
  const side = jurisdictionByKey(jurisdiction);
  if (!side) throw new Error(`${jurisdiction} is not a jurisdiction`);
  const prefix = `${jurisdiction}:Region:`;
  const problems: string[] = [];
  const refuse = (row: FileRow, why: string) => problems.push(`line ${row.line}${row.code ? ` (区划代码 ${row.code})` : ''}: ${why}`);
  const storedById = new Map(stored.map((region) => [region.id, region]));
  const storedByCode = new Map(stored.map((region) => [region.code, region]));

  // Each row by itself, and its ID; the parents are read once every row's ID is known.
  const entries: { row: FileRow; region: RegionEntry }[] = [];
  const fileById = new Map<string, FileRow>();
  const fileByCode = new Map<string, FileRow>();
  for (const row of rows) {
    const level = regionLevelCode(row.level);
    const id = row.id || `${prefix}${row.code}`;
    const before = problems.length;
    if (!CODE.test(row.code)) refuse(row, `区划代码 ${JSON.stringify(row.code)} is not a division code (6 digits, or 9 for a town, 12 for a village)`);
    if (!row.name) refuse(row, '名称 is blank');
    if (!level) refuse(row, `层级 ${JSON.stringify(row.level)} is none of ${Object.values(REGION_LEVELS).join(', ')} (or ${Object.keys(REGION_LEVELS).join(', ')})`);
    if (!id.startsWith(prefix) || id.length === prefix.length) refuse(row, `全局 ID ${JSON.stringify(row.id)} is not one of ${jurisdiction}'s regions (${prefix}…)`);
    if (row.jurisdiction && row.jurisdiction !== side.name && row.jurisdiction !== jurisdiction) refuse(row, `所属辖区 is ${row.jurisdiction}, not ${side.name}: the file is another jurisdiction's`);
    const twin = fileById.get(id) ?? fileByCode.get(row.code);
    if (twin) refuse(row, `the same region as line ${twin.line} (${fileById.has(id) ? `全局 ID ${id}` : `区划代码 ${row.code}`})`);
    if (problems.length > before) continue;
    fileById.set(id, row);
    fileByCode.set(row.code, row);
    entries.push({ row, region: { id, code: row.code, name: row.name, level: level!, parentId: null } });
  }

  const all = [...stored.filter((region) => !fileById.has(region.id)), ...entries.map((entry) => entry.region)];
  const byId = new Map(all.map((region) => [region.id, region]));
  const byCode = new Map(all.map((region) => [region.code, region]));
  const byName = new Map<string, RegionEntry[]>();
  for (const region of all) byName.set(region.name, [...(byName.get(region.name) ?? []), region]);
  const insert: RegionEntry[] = [];
  let unchanged = 0;
  for (const { row, region } of entries) {
    const rank = RANK[region.level]!;
    if (row.parent) {
      const named = (byName.get(row.parent) ?? []).filter((candidate) => RANK[candidate.level]! < rank);
      const parent = byId.get(row.parent) ?? byCode.get(row.parent) ?? (named.length === 1 ? named[0] : undefined);
      if (!parent) {
        refuse(
          row,
          named.length > 1
            ? `上级区划 ${row.parent} is the name of ${named.length} regions (${named.map((candidate) => candidate.code).join(', ')}): write the parent's 区划代码 instead`
            : `上级区划 ${row.parent} is no region of the file nor of the store (a global ID, a 区划代码, or the name of a region of a higher level)`,
        );
        continue;
      }
      if (RANK[parent.level]! >= rank) {
        refuse(row, `上级区划 ${parent.name} (${parent.code}) is a ${REGION_LEVELS[parent.level as keyof typeof REGION_LEVELS]}, not of a level above ${row.level}`);
        continue;
      }
      region.parentId = parent.id;
    } else if (region.level !== 'province') {
      refuse(row, `上级区划 is blank: only the province-level region (${side.name}) has none`);
      continue;
    }
    const there = storedById.get(region.id);
    const sameCode = storedByCode.get(region.code);
    if (sameCode && sameCode.id !== region.id) refuse(row, `the store holds 区划代码 ${region.code} as ${sameCode.id} (${sameCode.name}), not ${region.id}`);
    else if (there) {
      const differs = (['code', 'name', 'level', 'parentId'] as const).filter((field) => there[field] !== region[field]);
      if (differs.length) {
        refuse(row, `the store holds ${region.id} with another ${differs.join(', ')} (${differs.map((field) => `${there[field] ?? 'none'} → ${region[field] ?? 'none'}`).join('; ')}): a region loaded is never changed by a load`);
      } else unchanged++;
    } else insert.push(region);
  }
  if (problems.length) return { problems: problems.length > MOST_PROBLEMS ? [...problems.slice(0, MOST_PROBLEMS), `… and ${problems.length - MOST_PROBLEMS} more`] : problems };
  return { insert, unchanged };
}

/**
 * Loads a region file into a jurisdiction's store in one transaction, the table locked against a
 * concurrent load (a role that may only read `region`, the runtime's, is refused by the lock already).
 */
export async function loadRegions(pool: pg.Pool, jurisdiction: string, text: string): Promise<RegionLoad> {
  let rows: FileRow[];
  try {
    rows = readRegionFile(text);
  } catch (error) {
    return { outcome: 'refused', problems: [(error as Error).message] };
  }
  if (!rows.length) return { outcome: 'refused', problems: ['the file has a header row and no region'] };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE region IN SHARE ROW EXCLUSIVE MODE');
    const stored = (await client.query<RegionEntry>('SELECT id, code, name, level, parent_id AS "parentId" FROM region')).rows;
    const plan = planRegionLoad(jurisdiction, rows, stored);
    if ('problems' in plan) {
      await client.query('ROLLBACK');
      return { outcome: 'refused', problems: plan.problems };
    }
    // One statement: its foreign keys are checked at its end, so the order of the rows does not matter to it.
    const column = (field: keyof RegionEntry) => plan.insert.map((region) => region[field]);
    await client.query('INSERT INTO region (id, code, name, level, parent_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])', [
      column('id'), column('code'), column('name'), column('level'), column('parentId'),
    ]);
    await client.query('COMMIT');
    return { outcome: 'loaded', loaded: plan.insert.length, unchanged: plan.unchanged, total: stored.length + plan.insert.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
