import type pg from 'pg';
import { jurisdictionByKey, recordFieldLabel, REGION_LEVEL_DIGITS, regionLevelCode, REGION_LEVELS, type RegionLevelCode } from '@linju/contract';
import { csvCellText, csvFileText, csvRows } from '@linju/contract/csvText';

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
 * the store), blank for the province itself. Saved by Excel as “CSV UTF-8” or, on a Chinese Windows,
 * as its default “CSV (逗号分隔)” (GBK); nothing else.
 *
 * Every code is the side's (`JurisdictionInfo.code`, e.g. 510000): the province's is that code,
 * the store holds no other province, and every other begins with its first 2 digits. A code has
 * its level's length and zeros ({@link REGION_LEVEL_DIGITS}: 6 digits for a province, city, district
 * or county, 9 for a town, 12 for a village; a city's ends in 00), and begins with its parent's
 * (a province's first 2 digits, a city's 4, a district's or county's 6, a town's 9). A code may also
 * be written as the statistics bureau (国家统计局) writes every level's, 12 digits zero-padded
 * (统计用区划代码: 510904101000 for a town), in 区划代码 and in 上级区划: it is the code of its level's
 * length when every digit past that length is a zero (510904101), and refused when one is not.
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

/** The file's columns, by the `Region` field each is: the regions export heads them with the contract's descriptions of those fields (ledger/src/export/exportColumns.ts), and so are they read. */
const FIELDS = ['id', 'code', 'name', 'level', 'parent', 'jurisdiction'] as const;
type Field = (typeof FIELDS)[number];
export const REGION_FILE_HEADERS = Object.fromEntries(FIELDS.map((field) => [field, recordFieldLabel('Region', field)])) as Readonly<Record<Field, string>>;
const REQUIRED: readonly Field[] = ['code', 'name', 'level', 'parent'];

/** A level's place in the tree: a region's parent is of a level with a smaller one (a district's a city or the province); a level stored by hand that is none of them, below all. */
const rank = (level: string) => (REGION_LEVEL_DIGITS as Partial<Record<string, { to: number }>>)[level]?.to ?? Number.POSITIVE_INFINITY;

/** A code of some level: GB/T 2260's six digits, a town's nine, a village's twelve. */
const isCode = (code: string) => /^\d+$/.test(code) && Object.values(REGION_LEVEL_DIGITS).some((digits) => digits.length === code.length);

/** The lengths of the levels' codes, shortest first: 6, 9, 12. */
const CODE_LENGTHS = [...new Set(Object.values(REGION_LEVEL_DIGITS).map((digits) => digits.length))].sort((a, b) => a - b);

/** The length of a code as the statistics bureau writes every level's (统计用区划代码), zero-padded: a village's, 12. */
const PADDED = CODE_LENGTHS[CODE_LENGTHS.length - 1]!;

/** The levels whose codes have a length, in words: 省级, 市级, 区, 县 for 6. */
const levelsOfLength = (length: number) => (Object.keys(REGION_LEVEL_DIGITS) as RegionLevelCode[]).filter((level) => REGION_LEVEL_DIGITS[level].length === length).map((level) => REGION_LEVELS[level]).join(', ');

/** The lengths of the levels' codes in words: 6 for 省级, 市级, 区 and 县, 9 for 乡镇, 12 for 村, or 12 zero-padded. */
const LENGTHS = `${CODE_LENGTHS.map((length) => `${length} for ${levelsOfLength(length)}`).join('; ')}; or ${PADDED} for any, zero-padded as 统计用区划代码 writes them`;

/**
 * A code written as the statistics bureau writes it (统计用区划代码: every level's {@link PADDED} digits,
 * zero-padded, 510904101000 for the town 510904101) cut to the first of the lengths given past which
 * every digit is a zero: a row's to its level's length, a parent's to the shortest (510900000000 is the
 * city 510900). Any other code, and one with a digit other than zero past every length given, as written.
 */
function unpadded(code: string, lengths: readonly number[]): string {
  if (code.length !== PADDED || !/^\d+$/.test(code)) return code;
  const length = lengths.find((candidate) => /^0*$/.test(code.slice(candidate)));
  return length === undefined ? code : code.slice(0, length);
}

/**
 * Why a region's code (digits already) cannot be one of the side's regions of its level, if it
 * cannot: outside the side's province, another province, a length or zeros its level's codes do not
 * have ({@link REGION_LEVEL_DIGITS}).
 */
function codeProblem(code: string, level: RegionLevelCode | undefined, side: { name: string; code: string }): string | undefined {
  const province = side.code.slice(0, REGION_LEVEL_DIGITS.province.to);
  if (!code.startsWith(province)) return `区划代码 ${code} is not in ${side.name} (${side.code}): the code of each of its regions begins with ${province}`;
  if (!level) return undefined;
  const { length, from, to } = REGION_LEVEL_DIGITS[level];
  const name = REGION_LEVELS[level];
  if (code.length === PADDED && length < PADDED) {
    const read = unpadded(code, CODE_LENGTHS);
    return `区划代码 ${code} is no ${name} region's: a ${name} region's code has ${length} digits, or ${PADDED} ending in ${'0'.repeat(PADDED - length)} (统计用区划代码), and its digits ${length + 1} to ${PADDED} are not all zeros (it reads as a ${levelsOfLength(read.length)}'s, ${read})`;
  }
  if (level === 'province' && code !== side.code) return `a store holds one province-level region, ${side.name}, whose 区划代码 is ${side.code}`;
  if (code.length !== length) return `区划代码 ${code} has ${code.length} digits, and a ${name} region's has ${length} (digits: ${LENGTHS})`;
  if (/^0+$/.test(code.slice(from, to))) return `区划代码 ${code} is no ${name} region's: its digits ${from + 1} to ${to}, which name it, are zeros`;
  if (!/^0*$/.test(code.slice(to))) return `区划代码 ${code} is no ${name} region's: a ${name} region's code ends in ${'0'.repeat(length - to)}`;
  return undefined;
}

/** At most this many refused rows are listed; the rest are counted. */
const MOST_PROBLEMS = 50;

/** What Excel calls the encoding a region file is to be saved in, where a file is refused for how it was saved. */
const SAVE_AS_CSV = 'save it as CSV UTF-8 (Excel and WPS: 另存为 “CSV UTF-8（逗号分隔）(*.csv)”)';

/**
 * The rows of a region file: its bytes UTF-8 (a byte order mark allowed) or GBK, as Excel saves a CSV
 * on a Chinese Windows (the contract's `csvFileText`, as the ledger reads one), or its text; commas,
 * the header row first (blank lines before it skipped).
 * @throws {Error} saying why the file is not one (not text, no header row, a header missing, an open quote)
 */
export function readRegionFile(file: string | Uint8Array): FileRow[] {
  const decoded = typeof file === 'string' ? { text: file.replace(/^\uFEFF/, '') } : csvFileText(file);
  if ('refused' in decoded) {
    throw new Error(
      decoded.refused === 'encoding'
        ? `the file is neither UTF-8 nor GBK text (nor UTF-16 with its byte order mark): ${SAVE_AS_CSV}`
        : `the file holds control characters, so it is no CSV text (a workbook, or UTF-16 without its byte order mark): ${SAVE_AS_CSV}`,
    );
  }
  const rows = csvRows(decoded.text, ',', 'the file is not a CSV: a quoted field is not closed').map((cells) => cells.map((cell) => csvCellText(cell.trim())));
  const headerAt = rows.findIndex((cells) => cells.some((cell) => cell !== ''));
  const header = rows[headerAt] ?? [];
  const missing = REQUIRED.filter((field) => !header.includes(REGION_FILE_HEADERS[field]));
  if (headerAt < 0 || missing.length) {
    const unsplit = header.length === 1 && /[\t;]/.test(header[0]!) ? ` (its columns are not separated by commas: ${SAVE_AS_CSV})` : '';
    throw new Error(
      `the file's first row must name the columns ${Object.values(REGION_FILE_HEADERS).join(', ')} (${REGION_FILE_HEADERS.id} and ${REGION_FILE_HEADERS.jurisdiction} may be left out), as the regions export writes them (npm run export -- --list regions --side <jurisdiction> --format csv): ${headerAt < 0 ? 'the file is empty' : `no ${missing.map((field) => REGION_FILE_HEADERS[field]).join(', ')}${unsplit}`}`,
    );
  }
  const column = (field: Field) => header.indexOf(REGION_FILE_HEADERS[field]);
  const cell = (cells: string[], field: Field) => (column(field) < 0 ? '' : (cells[column(field)] ?? ''));
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

/** Excel's scientific notation: a long code in a 常规 (General) cell, saved in a CSV as `5.10904E+11`. */
const SCIENTIFIC = /^\d(\.\d+)?E\+\d+$/i;

/** The refusal of a 区划代码 that is no division code; one that Excel turned into `5.10904E+11` says so. */
function notACode(given: string): string {
  const why = `区划代码 ${JSON.stringify(given)} is not a division code (digits: ${LENGTHS})`;
  return SCIENTIFIC.test(given) ? `${why}: Excel saved it in scientific notation, its digits lost; set the column to 文本 (Text), paste the codes again and save the CSV again` : why;
}
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
    const level = regionLevelCode(row.level) as RegionLevelCode | undefined;
    const code = unpadded(row.code, level ? [REGION_LEVEL_DIGITS[level].length] : []);
    const id = row.id || `${prefix}${code}`;
    const before = problems.length;
    const codeRefusal = isCode(code) ? codeProblem(code, level, side) : notACode(row.code);
    if (codeRefusal) refuse(row, codeRefusal);
    if (!row.name) refuse(row, '名称 is blank');
    if (!level) refuse(row, `层级 ${JSON.stringify(row.level)} is none of ${Object.values(REGION_LEVELS).join(', ')} (or ${Object.keys(REGION_LEVELS).join(', ')})`);
    if (!id.startsWith(prefix) || id.length === prefix.length) refuse(row, `全局 ID ${JSON.stringify(row.id)} is not one of ${jurisdiction}'s regions (${prefix}…)`);
    if (row.jurisdiction && row.jurisdiction !== side.name && row.jurisdiction !== jurisdiction) refuse(row, `所属辖区 is ${row.jurisdiction}, not ${side.name}: the file is another jurisdiction's`);
    const twin = fileById.get(id) ?? fileByCode.get(code);
    if (twin) refuse(row, `the same region as line ${twin.line} (${fileById.has(id) ? `全局 ID ${id}` : `区划代码 ${code}`})`);
    if (problems.length > before) continue;
    fileById.set(id, row);
    fileByCode.set(code, row);
    entries.push({ row, region: { id, code, name: row.name, level: level!, parentId: null } });
  }

  const all = [...stored.filter((region) => !fileById.has(region.id)), ...entries.map((entry) => entry.region)];
  const byId = new Map(all.map((region) => [region.id, region]));
  const byCode = new Map(all.map((region) => [region.code, region]));
  const byName = new Map<string, RegionEntry[]>();
  for (const region of all) byName.set(region.name, [...(byName.get(region.name) ?? []), region]);
  const insert: RegionEntry[] = [];
  let unchanged = 0;
  for (const { row, region } of entries) {
    const own = rank(region.level);
    if (row.parent) {
      const named = (byName.get(row.parent) ?? []).filter((candidate) => rank(candidate.level) < own);
      const parent = byId.get(row.parent) ?? byCode.get(unpadded(row.parent, CODE_LENGTHS)) ?? (named.length === 1 ? named[0] : undefined);
      if (!parent) {
        refuse(
          row,
          named.length > 1
            ? `上级区划 ${row.parent} is the name of ${named.length} regions (${named.map((candidate) => candidate.code).join(', ')}): write the parent's 区划代码 instead`
            : `上级区划 ${row.parent} is no region of the file nor of the store (a global ID, a 区划代码, or the name of a region of a higher level)`,
        );
        continue;
      }
      if (rank(parent.level) >= own) {
        refuse(row, `上级区划 ${parent.name} (${parent.code}) is a ${REGION_LEVELS[parent.level as RegionLevelCode]}, not of a level above ${row.level}`);
        continue;
      }
      const shared = parent.code.slice(0, rank(parent.level));
      if (!region.code.startsWith(shared)) {
        refuse(row, `区划代码 ${region.code} does not begin with ${shared}, as every region below 上级区划 ${parent.name} (${parent.code}) does`);
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
export async function loadRegions(pool: pg.Pool, jurisdiction: string, file: string | Uint8Array): Promise<RegionLoad> {
  let rows: FileRow[];
  try {
    rows = readRegionFile(file);
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
