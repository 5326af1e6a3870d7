export { LEDGER_KINDS, ledgerKind, type LedgerColumn, type LedgerKind } from './kinds/index.ts';
export { LedgerError } from './LedgerError.ts';
export { ledgerTemplate } from './ledgerTemplate.ts';
export { readLedgerFile, decodeText, csvRows, MAX_FILE_BYTES, type LedgerTable, type LedgerRow } from './readLedgerFile.ts';
export { parseLedgerRows, rowKey, type ParsedRow, type RowProblem } from './parseLedgerRows.ts';
export { importLedger, type RowOutcome, type RowStatus, type ImportOptions } from './importLedger.ts';
export { importReport, reportPath } from './importReport.ts';
