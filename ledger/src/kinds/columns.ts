import type { LedgerColumn } from './LedgerKind.ts';

/** Columns several kinds share, written once. */

/** 所属联盟ID: every record kind may belong to an alliance, given by its global ID. */
export const ALLIANCE_COLUMN: LedgerColumn = {
  header: '所属联盟ID', field: 'allianceId', type: 'id', required: false, note: '所属联盟的全局 ID，如 joint:Alliance:…，可空', width: 36,
};

/** An organization of this side, by its full name or its global ID, within the operator's region. */
export function organizationColumn(header: string, field: string, what: string): LedgerColumn {
  return {
    header, field, type: 'reference', reference: { list: 'organizations', live: true }, required: true, width: 30,
    note: `本方${what}的全称（如“磨溪镇党委”，须与系统中的名称一致且唯一），或其全局 ID（如 sichuan:Organization:moxi-town）；须在操作员所属区划内`,
  };
}
