/**
 * The headers of the remarks column almost every clerk's ledger has (备注, 备注说明, 说明; compared as headers are, a note in
 * brackets after it too): no kind's column, so read as nothing and said once, never the file refused for it as an unknown column.
 * Its own module so the template's 说明 names them and the reader, which measures that 说明, reads them, neither importing the other.
 */
export const REMARK_HEADERS = ['备注', '备注说明', '说明'] as const;
