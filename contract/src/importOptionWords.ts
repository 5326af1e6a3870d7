/**
 * The words the dashboard's 台账导入 panel shows for the import's options, by which the ledger's
 * messages tell a clerk on the page what to choose (ledger/src/importOptions.ts, `optionFor`): a
 * message names each control as the page labels it. Browser-safe.
 */
export const IMPORT_OPTION_WORDS = {
  /** The field that chooses the kind of ledger (`--kind`). */
  kind: '台账类型',
  /** 导入方式 row by row (`--mode row-by-row`). */
  rowByRow: '逐行导入',
  /** 导入方式 in one transaction (`--mode all-or-nothing`). */
  allOrNothing: '全部或不导入',
  /** The people ledger's correction of registered persons (`--update-registered`). */
  updateRegistered: '按台账更正已登记的人员',
} as const;
