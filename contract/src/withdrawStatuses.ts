/**
 * What became of a row an import wrote when the import is withdrawn (撤销本次导入): withdrawn now,
 * withdrawn before this run (by an earlier run, or by hand), refused, or not reached (a store went
 * down partway). The ledger's withdrawal writes them (its result workbook, its summary line, the
 * documents server's answer); the dashboard reads that answer by them. Browser-safe.
 */
export const WITHDRAW_STATUSES = ['已撤销', '此前已撤销', '错误', '未撤销'] as const;
export type WithdrawStatus = (typeof WITHDRAW_STATUSES)[number];

/** The statuses that leave the record withdrawn: by this run, or by an earlier one (a retry). */
export const WITHDRAWN_STATUSES: readonly WithdrawStatus[] = ['已撤销', '此前已撤销'];
