/**
 * An import report's own columns, after the ledger's (`importReport.ts` writes them, the withdrawal of an import reads them:
 * `withdrawImport.ts`); a file headed so is a report, never a ledger (`readLedgerFile.ts` says so). Apart so that the reading
 * of a ledger, which the report's writing uses, need not import the report's writing.
 */
export const REPORT_COLUMNS = ['行号', '状态', '出错列', '原因', '记录ID'] as const;
