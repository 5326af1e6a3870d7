import { linesText } from './monthDayDates.ts';

/**
 * A name of a column whose write takes a record outside the operator's region (`beyondRegion`: 任职人, 第一书记, 网格员, 上级党组织) taken
 * where the clerk may mean another (`resolveReferences`): one record of the region that others of the side share the name with (a district
 * cadre holding a post in the town), or, the region having none, the one record of the side elsewhere (a name mistyped that another
 * town's person has). `taken` says which was taken and what else there is: 按本区划内的同名任职人导入，四川省另有 1 个同名的任职人（…）.
 */
export interface ChosenNamesake {
  readonly column: string;
  readonly name: string;
  readonly taken: string;
}

/**
 * 第3、5行的“任职人”“王建华”按本区划内的同名任职人导入，四川省另有 1 个同名的任职人（…）；如指的不是这一个，请… ('' when none): said in the
 * command's line, the report's 汇总 and the documents server's answer, as the month-and-day dates are, whatever the rows' outcomes.
 */
export function chosenNamesakesSentence(rows: readonly { line: number; chosen?: readonly ChosenNamesake[] }[]): string {
  const byName = new Map<string, { chosen: ChosenNamesake; lines: number[] }>();
  for (const row of rows) {
    for (const chosen of row.chosen ?? []) {
      const key = `${chosen.column}\u0000${chosen.name}`;
      const entry = byName.get(key) ?? { chosen, lines: [] };
      entry.lines.push(row.line);
      byName.set(key, entry);
    }
  }
  return [...byName.values()]
    .map(({ chosen, lines }) => `第${linesText(lines)}行的“${chosen.column}”“${chosen.name}”${chosen.taken}；如指的不是这一个，请撤销这些行（撤销本次导入或撤销登记）后改填所指的人或组织的全局 ID（导出的名单中有）再导入`)
    .join('；');
}
