import type { LedgerColumn, LedgerKind } from './LedgerKind.ts';

/**
 * Whether a clerk's ledger may leave the column out, each row then read as if its cell were blank:
 * an optional column whose blank cell means "not recorded" (a text, an ID such as 所属联盟ID, a
 * date, a record's name, one of its vocabulary). Never a required column, nor a count or an amount:
 * their blank cell is the store's default (0, or 1 for 场次), so a whole column of them missing
 * would import every row with that figure and change the totals without a word. Except a count that
 * applies to some rows only (引进人才, `appliesOnlyTo`): on every other row its default is the only
 * value it may hold, and the rows it applies to are refused on it ({@link absentFor}). Nor a column
 * that says why not (`whenAbsent`: 上级党组织, whose blank makes an organization a top-level one).
 */
export const mayBeAbsent = (column: LedgerColumn): boolean =>
  !column.required && column.whenAbsent === undefined && ((column.type !== 'count' && column.type !== 'amount') || column.appliesOnlyTo !== undefined);

/**
 * Why a row is refused on a column its file does not have, or undefined: a count that applies to the
 * row (引进人才 of a 引才活动), whose default would be written as its figure.
 */
export function absentFor(column: LedgerColumn, input: Readonly<Record<string, unknown>>): string | undefined {
  const applies = column.appliesOnlyTo;
  if (!applies || !applies.values.includes(String(input[applies.field]))) return undefined;
  return `文件中没有“${column.header}”列，而“${input[applies.field]}”须填写${column.header}；请加上这一列逐行填写后再导入`;
}

/**
 * 文件中没有“所属联盟ID”列，各行按未填写导入 (nothing when the file has every column): said once for a
 * file, never assumed in silence; and what adding the column later does. A row's key is its content, so
 * for a kind without an identity (`kind` undefined, or without `identity`) the rows come back as new
 * records; for a kind with one (an activity: 类别, 名称, 举办日期, 主办组织) a row that fills the column is
 * its record's identity with other values, refused as a correction (`refuseCorrections` in sameRecords.ts:
 * 已有同名同日的活动（…），所属联盟ID为空，本行已填写：如需更正，请先撤销原记录…), and one left blank is 已存在.
 */
export const absentColumnsSentence = (absent: readonly string[], kind?: Pick<LedgerKind, 'identity'>): string =>
  absent.length ? `文件中没有${absent.map((h) => `“${h}”`).join('、')}列，各行按未填写导入${kind?.identity ? CORRECTED_LATER : ABSENT_LATER}` : '';

const ABSENT_LATER = '（之后补上这些列再导入，已导入的行会被当作新记录重复登记）';
const CORRECTED_LATER = '（之后补上这些列再导入，填了这些列的行会被视为对已导入记录的更正而不予导入；如需补填，请先撤销本次导入，再导入完整的台账）';
