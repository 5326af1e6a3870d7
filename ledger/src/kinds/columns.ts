import type { LedgerColumn } from './LedgerKind.ts';

/** Columns several kinds share, written once. */

/** 所属联盟ID: every record kind may belong to an alliance, given by its global ID. */
export const ALLIANCE_COLUMN: LedgerColumn = {
  header: '所属联盟ID', field: 'allianceId', type: 'id', required: false, note: '所属联盟的全局 ID，如 joint:Alliance:…，可空', width: 36,
};

/** An organization of this side, by its full name or its global ID, within the operator's region. */
export function organizationColumn(header: string, field: string, what: string, required = true): LedgerColumn {
  return {
    header, field, type: 'reference', reference: { list: 'organizations', live: true }, required, width: 30,
    note: `本方${what}的全称（如“磨溪镇党委”，须与系统中的名称一致且唯一），或其全局 ID（如 sichuan:Organization:moxi-town）；须在操作员所属区划内${required ? '' : '；可空'}`,
  };
}

/** A region of this side, by its name or its global ID, within the operator's region. */
export function regionColumn(header: string, field: string, what: string): LedgerColumn {
  return {
    header, field, type: 'reference', reference: { list: 'regions' }, required: true, width: 24,
    note: `本方${what}（行政区划）的名称，如“磨溪镇”（须与系统中的名称一致且唯一），或其全局 ID；须在操作员所属区划内`,
  };
}

/** A person of this side, by name or global ID. */
export function personColumn(header: string, field: string, what: string, required: boolean): LedgerColumn {
  return {
    header, field, type: 'reference', reference: { list: 'people' }, required, width: 24,
    note: `本方${what}的姓名（须与系统中一致且唯一），或其全局 ID${required ? '' : '；可空'}`,
  };
}

/** A date column: how a clerk may type it, and what it may not be. */
export function dateColumn(header: string, field: string, rule = '不得晚于今天'): LedgerColumn {
  return { header, field, type: 'date', required: true, note: `日期格式，如 2024-04-01 或 2024/4/1；${rule}`, width: 14 };
}

/** A kind from the contract's vocabulary, as a drop-down. */
export function kindColumn(header: string, vocabulary: readonly string[], width = 16): LedgerColumn {
  return { header, field: 'kind', type: 'text', required: true, vocabulary, note: '从下拉列表中选择', width };
}

/** A non-negative whole number. */
export function countColumn(header: string, field: string, what: string, required = false): LedgerColumn {
  return { header, field, type: 'count', required, note: `${what}，非负整数${required ? '' : '，可空'}`, width: 10 };
}

/** A non-negative amount with at most two decimals, in the unit its header names. */
export function amountColumn(header: string, field: string, what: string): LedgerColumn {
  return { header, field, type: 'amount', required: false, note: `${what}，非负数，最多两位小数，可空`, width: 12 };
}

/** A name or title the clerk types. */
export function textColumn(header: string, field: string, note: string, required = true, width = 30): LedgerColumn {
  return { header, field, type: 'text', required, note, width };
}
