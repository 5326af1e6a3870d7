import { comparedName, JURISDICTIONS, parseGlobalId } from '@linju/contract';
import { LENGTH } from '@linju/contract/writeLimits';
import { readWholeList, sideName, type GatewayCaller } from './gatewayClient.ts';
import type { ChosenNamesake } from './chosenNamesakes.ts';
import type { LedgerKind } from './kinds/index.ts';
import { namesRead, placesRead, REGIONS_READ } from './listReads.ts';
import { operatorRegionFilter } from './operatorRegion.ts';
import type { ParsedRow, RowProblem } from './parseLedgerRows.ts';

/** A region with its name and its parent: the side's regions read whole, once, when a region is written as a path. */
interface Region {
  id: string;
  name: string;
  parent: { id: string } | null;
}

/** The side's regions, names and parents, by the two reads the import and the template already make. */
export async function readRegions(caller: GatewayCaller, side: string, reference: NonNullable<LedgerKind['columns'][number]['reference']>): Promise<Region[]> {
  const names = await readWholeList<{ id: string; name: string }>(caller, side, namesRead(reference), {}, `${sideName(side)}的行政区划`);
  const parents = new Map((await readWholeList<{ id: string; parent: { id: string } | null }>(caller, side, REGIONS_READ, {}, `${sideName(side)}的行政区划`)).map((r) => [r.id, r.parent]));
  return names.map((r) => ({ ...r, parent: parents.get(r.id) ?? null }));
}

/**
 * The region a path names: its last part a region's name, the parts before it its ancestors' names
 * in order, from any of them down (四川省遂宁市安居区 and 遂宁市安居区 are 安居区 of 遂宁市; 重庆市安居区 is
 * none). Spaces between the parts are left out. One region, or nothing (none, or several).
 */
export async function regionOfPath(typed: string, regions: Promise<Region[]>): Promise<{ id: string } | undefined> {
  const path = typed.replace(/\s+/g, '');
  const all = await regions;
  const byId = new Map(all.map((r) => [r.id, r]));
  const matches = all.filter((region) => {
    if (path === region.name || !path.endsWith(region.name)) return false;
    let prefix = path.slice(0, -region.name.length);
    for (let at = region.parent && byId.get(region.parent.id); at && prefix; at = at.parent ? byId.get(at.parent.id) : undefined) {
      if (!prefix.endsWith(at.name)) return false;
      prefix = prefix.slice(0, -at.name.length);
    }
    return prefix === '';
  });
  return matches.length === 1 ? { id: matches[0]!.id } : undefined;
}

/**
 * The one live organization the store holds to be the namesake of a name typed otherwise (brackets of
 * the other width, spaces): looked up by the longest run of Chinese characters in the name (the search
 * is literal), then compared as the store compares namesakes. Several: none chosen.
 */
async function organizationNamesake(caller: GatewayCaller, side: string, column: LedgerKind['columns'][number], name: string): Promise<{ id: string } | undefined> {
  const core = name.split(/[^\p{Script=Han}]+/u).reduce((a, b) => (b.length > a.length ? b : a), '');
  if (!core || core === name) return undefined;
  const records = await readWholeList<{ id: string; name: string; dissolvedOn?: string | null }>(caller, side, namesRead(column.reference!), { search: core }, `${column.header}“${core}”`);
  const matches = records.filter((n) => !n.dissolvedOn && comparedName(n.name) === comparedName(name));
  return matches.length === 1 ? { id: matches[0]!.id } : undefined;
}

/** The lists whose records a ledger names on its own side only (an organization, a region), and how a clerk calls one. */
const OWN_SIDE_ONLY: Readonly<Record<string, string>> = { organizations: '党组织', regions: '行政区划' };

/**
 * The other side whose live record has the name exactly (双江镇党委 in a Sichuan ledger), for a name
 * of an organization or region that names none of this side's: a ledger names only its own side's.
 * One read of each other side; one that does not answer (down, or refusing) names none.
 */
async function otherSideNaming(caller: GatewayCaller, side: string, column: LedgerKind['columns'][number], name: string): Promise<string | undefined> {
  if (!OWN_SIDE_ONLY[column.reference!.list]) return undefined;
  for (const other of JURISDICTIONS.filter((j) => j.key !== side)) {
    const records = await readWholeList<{ name: string; dissolvedOn?: string | null }>(caller, other.key, namesRead(column.reference!), { search: name }, `${other.name}的${column.header}`).catch(() => []);
    if (records.some((n) => n.name === name && !n.dissolvedOn)) return other.key;
  }
  return undefined;
}

/** How many names a reason offers for a name that matches none, and how many namesakes one names. */
const MEANT_SHOWN = 5;

/** A record of a column's list as its names read gives it. */
type Named = { id: string; name: string; dissolvedOn?: string | null };

/** The records of a column's list the filter keeps whose name contains the name (`search`), and the live ones named exactly so. */
async function namesakes(caller: GatewayCaller, side: string, column: LedgerKind['columns'][number], name: string, filter: Record<string, unknown>) {
  const records = await readWholeList<Named>(caller, side, namesRead(column.reference!), { ...filter, search: name }, `${column.header}“${name}”`);
  return { records, matches: records.filter((n) => n.name === name && !n.dissolvedOn) };
}

/** Where a record lies, as its places read gives it (`placesRead`). */
type Place = { id: string; region?: { name: string }; parent?: { name: string } | null; organization?: { name: string; region: { name: string } } };

/** A record's place in words: 磨溪镇，上级为磨溪镇党委 (an organization), 石桥村党支部，磨溪镇 (a person, a team), 上级为磨溪镇 (a region). */
const placeText = (place: Place): string =>
  place.organization
    ? `${place.organization.name}，${place.organization.region.name}`
    : [place.region?.name, place.parent ? `上级为${place.parent.name}` : ''].filter(Boolean).join('，');

/**
 * Why a name several records share names none: how many, where each lies (so that the clerk can tell
 * which one they mean and find its ID in the exported list), and that the ID is to be written instead.
 * `where` says among which records (本区划内: the operator's region, the records a clerk may write with).
 */
async function sharedName(caller: GatewayCaller, side: string, column: LedgerKind['columns'][number], name: string, matches: readonly Named[], where: string): Promise<string> {
  return `${where}有 ${matches.length} 个名为“${name}”的${column.header}（${await placesText(caller, side, column, name, matches)}），无法确定是哪一个；请改填其全局 ID（导出的名单中有）`;
}

/** Where records lie, in words (at most {@link MEANT_SHOWN}, then 等): 磨溪镇党委，磨溪镇；石桥村党支部，磨溪镇. */
async function placesText(caller: GatewayCaller, side: string, column: LedgerKind['columns'][number], name: string, matches: readonly Named[]): Promise<string> {
  const shown = matches.slice(0, MEANT_SHOWN);
  const places = await readWholeList<Place>(caller, side, placesRead(column.reference!), { ids: shown.map((m) => m.id) }, `${column.header}“${name}”所在的组织`);
  const texts = places.map(placeText).sort((a, b) => a.localeCompare(b, 'zh'));
  return `${texts.join('；')}${matches.length > shown.length ? ` 等` : ''}`;
}

/**
 * Names in reference columns made IDs: each distinct name looked up in the side's list (`search`,
 * which is "contains", then the exact name among live records), first among the records of the
 * operator's region (the token's region claim; the whole side for the province's operator), the
 * records the template's drop-down offers (`operatorRecords`), so that a namesake elsewhere (龙泉村党支部
 * of 分水镇 for 磨溪镇's clerk) neither refuses the row nor is told of. Naming none there, the name is
 * looked up in the whole side: one record is taken (the store judges it: a 主办组织 outside the region
 * is refused outside-region, a 任职人 of another town is taken); several are asked about only where the
 * write takes a record outside the region (`beyondRegion`), else said to be none of the region's.
 * A name that matches none, or several, makes its row an error on that column, several named by where
 * each lies (`sharedName`); an ID is sent as it is (the store checks it).
 * A name that matches none offers the live names that contain it (or it without its spaces), at most
 * five: 找不到名为“磨溪”的主办组织（…）；是否为：“磨溪镇党委”、“磨溪社区党支部”.
 */
export async function resolveReferences(caller: GatewayCaller, kind: LedgerKind, side: string, rows: readonly ParsedRow[]): Promise<ParsedRow[]> {
  const columns = kind.columns.filter((c) => c.reference);
  const found = new Map<string, { id: string; chosen?: ChosenNamesake } | { problem: string }>();
  let regionsRead: Promise<Region[]> | undefined;
  let regionScope: Promise<{ regionId?: string }> | undefined;
  const keyOf = (field: string, name: unknown) => `${field}\u0000${String(name)}`;
  for (const column of columns) {
    // An optional reference left empty is not in the input: nothing to look up.
    const named = (value: unknown) => value !== undefined && value !== null && value !== '' && !parseGlobalId(value);
    const names = new Set(rows.flatMap((r) => (r.input && named(r.input[column.field]) ? [String(r.input[column.field])] : [])));
    for (const name of names) {
      // No record's name is longer than a write takes (LENGTH.name): such a cell (a note pasted into
      // it) names nothing, and is not asked about, since a search that long is refused for the whole import.
      if ([...name].length > LENGTH.name) {
        found.set(keyOf(column.field, name), { problem: `“${[...name].slice(0, 20).join('')}…”有 ${[...name].length} 个字，长于任何${column.header}的名称（至多 ${LENGTH.name} 字）；请填写系统中的全称，或其全局 ID` });
        continue;
      }
      const { live, beyondRegion } = column.reference!;
      const scope = await (regionScope ??= operatorRegionFilter(caller, side));
      const own = await namesakes(caller, side, column, name, scope);
      const inRegion = scope.regionId ? '本区划内' : '';
      if (own.matches.length === 1 && beyondRegion && scope.regionId) {
        // The region's one is taken, as the template offers it; where the write takes anyone of the side, namesakes elsewhere are said.
        const elsewhere = (await namesakes(caller, side, column, name, {})).matches.filter((m) => m.id !== own.matches[0]!.id);
        const chosen = elsewhere.length
          ? { column: column.header, name, taken: `按本区划内的同名${column.header}导入，${sideName(side)}另有 ${elsewhere.length} 个同名的${column.header}（${await placesText(caller, side, column, name, elsewhere)}）` }
          : undefined;
        found.set(keyOf(column.field, name), { id: own.matches[0]!.id, ...(chosen ? { chosen } : {}) });
        continue;
      }
      if (own.matches.length) {
        found.set(keyOf(column.field, name), own.matches.length === 1 ? { id: own.matches[0]!.id } : { problem: await sharedName(caller, side, column, name, own.matches, inRegion) });
        continue;
      }
      const wide = scope.regionId ? await namesakes(caller, side, column, name, {}) : own;
      if (wide.matches.length === 1) {
        // Taken from elsewhere where the write takes anyone of the side (a holder of another town), and said: the name may be mistyped.
        const taken = beyondRegion && scope.regionId ? `本区划内没有，按${sideName(side)}的同名${column.header}（${await placesText(caller, side, column, name, wide.matches)}）导入` : undefined;
        found.set(keyOf(column.field, name), { id: wide.matches[0]!.id, ...(taken ? { chosen: { column: column.header, name, taken } } : {}) });
        continue;
      }
      if (wide.matches.length) {
        found.set(keyOf(column.field, name), {
          problem: beyondRegion ? await sharedName(caller, side, column, name, wide.matches, `本区划内没有，${sideName(side)}`) : `本区划内没有名为“${name}”的${column.header}（${column.header}须在本区划内）`,
        });
        continue;
      }
      // What the clerk may have meant, among the records the write takes.
      const records = beyondRegion ? wide.records : own.records;
      // A 上级党组织 typed with half-width brackets or spaces where the store holds full-width ones (磨溪镇党委(机关) for 磨溪镇党委（机关）): the one
      // the store holds to be its namesake, as a row of the file is named (`sameFileReferences`). Other columns offer it (是否为), choosing nothing.
      if (column.reference!.sameFile) {
        const namesake = await organizationNamesake(caller, side, column, name);
        if (namesake) {
          found.set(keyOf(column.field, name), namesake);
          continue;
        }
      }
      // A region written as clerks write it, its path from the province or the city down (四川省遂宁市安居区, 遂宁市安居区): the region whose ancestors' names the path begins with.
      if (column.reference!.list === 'regions') {
        const byPath = await regionOfPath(name, (regionsRead ??= readRegions(caller, side, column.reference!)));
        if (byPath) {
          found.set(keyOf(column.field, name), byPath);
          continue;
        }
      }
      // The other side's (双江镇党委 in a Sichuan ledger): said so, rather than that there is none.
      const other = await otherSideNaming(caller, side, column, name);
      if (other) {
        found.set(keyOf(column.field, name), { problem: `“${name}”是${sideName(other)}的${OWN_SIDE_ONLY[column.reference!.list]}，${sideName(side)}的台账只能填写${sideName(side)}的${column.header}` });
        continue;
      }
      // None: the names the clerk may have meant, a part of a name (磨溪) or one pasted with spaces (磨溪镇 党委), are offered.
      const compact = name.replace(/\s+/g, '');
      const near = compact && compact !== name ? await readWholeList<{ name: string; dissolvedOn?: string | null }>(caller, side, namesRead(column.reference!), { ...(beyondRegion ? {} : scope), search: compact }, `${column.header}“${compact}”`) : records;
      const offered = [...new Set(near.filter((n) => !n.dissolvedOn).map((n) => `“${n.name}”`))];
      const hint = offered.length ? `；是否为：${offered.slice(0, MEANT_SHOWN).join('、')}${offered.length > MEANT_SHOWN ? ` 等 ${offered.length} 个` : ''}` : '';
      found.set(keyOf(column.field, name), { problem: `找不到名为“${name}”的${column.header}（须与系统中的全称一致${live ? '，且未撤销' : ''}）${hint}` });
    }
  }
  return rows.map((row) => {
    if (!row.input) return row;
    const input = { ...row.input };
    const problems: RowProblem[] = [];
    const chosen: ChosenNamesake[] = [];
    for (const column of columns) {
      const resolved = found.get(keyOf(column.field, input[column.field]));
      if (!resolved) continue;
      if ('id' in resolved) {
        input[column.field] = resolved.id;
        if (resolved.chosen) chosen.push(resolved.chosen);
      } else problems.push({ column: column.header, reason: resolved.problem });
    }
    return problems.length ? { ...row, input: null, problems } : { ...row, input, ...(chosen.length ? { chosen } : {}) };
  });
}
