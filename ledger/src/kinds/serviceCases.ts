import { VOCABULARY } from '@linju/contract';
import { ALLIANCE_COLUMN, amountColumn, countColumn, dateColumn, regionColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 服务事项台账 (川渝通办): one row per service case, written by `<side>RecordServiceCase`. */
export const SERVICE_CASES: LedgerKind = {
  kind: 'service-cases',
  label: '服务事项',
  sheet: '服务事项台账',
  write: 'RecordServiceCase',
  list: 'serviceCases',
  dateField: 'handledOn',
  regionField: 'regionId',
  columns: [
    { header: '类别', field: 'kind', type: 'text', required: true, vocabulary: VOCABULARY.serviceCaseKind, note: '从下拉列表中选择', width: 16 },
    dateColumn('办理日期', 'handledOn'),
    regionColumn('办理地', 'regionId', '办理地'),
    countColumn('人数', 'people', '人数', { width: 8 }),
    countColumn('户数', 'households', '户数', { width: 8 }),
    amountColumn('金额（万元）', 'amountWan', '以万元计'),
    ALLIANCE_COLUMN,
  ],
};
