import { VOCABULARY } from '@linju/contract';
import { ALLIANCE_COLUMN, amountColumn, dateColumn, kindColumn, organizationColumn, regionColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 阵地台账: one row per facility (活动室、实践基地、便民服务大厅…), written by `<side>RecordFacility`. */
export const FACILITIES: LedgerKind = {
  kind: 'facilities',
  label: '阵地',
  sheet: '阵地台账',
  write: 'RecordFacility',
  list: 'facilities',
  dateField: 'openedOn',
  regionField: 'regionId',
  columns: [
    kindColumn('类别', VOCABULARY.facilityKind),
    textColumn('名称', 'name', '阵地名称，如“磨溪镇党员活动室”'),
    regionColumn('所在区划', 'regionId', '所在地'),
    organizationColumn('管理组织', 'organizationId', '管理党组织', false),
    amountColumn('面积（平方米）', 'areaSqm', '以平方米计'),
    { header: '原闲置资产', field: 'idleAssetKind', type: 'text', required: false, vocabulary: VOCABULARY.idleAssetKind, note: '由闲置资产改建时从下拉列表中选择，否则留空', width: 14 },
    dateColumn('启用日期', 'openedOn'),
    ALLIANCE_COLUMN,
  ],
};
