import { VOCABULARY, RECORD_IDENTITIES } from '@linju/contract';
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
  // A record as the clerk knows it (类别、名称、所在区划): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.Facility,
  columns: [
    { ...kindColumn('类别', VOCABULARY.facilityKind), aliases: ['阵地类别', '阵地类型', '类型'] },
    { ...textColumn('名称', 'name', '阵地名称，如“磨溪镇党员活动室”'), aliases: ['阵地名称', '场所名称'] },
    { ...regionColumn('所在区划', 'regionId', '所在地'), aliases: ['所在地', '所属区划', '所在乡镇', '所在镇（街道）'] },
    { ...organizationColumn('管理组织', 'organizationId', '管理党组织', false), aliases: ['管理单位', '管理党组织', '所属党组织', '责任单位'] },
    { ...amountColumn('面积（平方米）', 'areaSqm', '以平方米计'), aliases: ['面积（㎡）', '面积（m²）', '面积（m2）', '建筑面积（平方米）', '建筑面积（㎡）', '使用面积（平方米）', '使用面积（㎡）'] },
    { header: '原闲置资产', field: 'idleAssetKind', type: 'text', required: false, vocabulary: VOCABULARY.idleAssetKind, note: '由闲置资产改建时从下拉列表中选择，否则留空', width: 14, aliases: ['闲置资产类型', '原闲置资产类型', '利用闲置资产'] },
    { ...dateColumn('启用日期', 'openedOn'), aliases: ['启用时间', '投用日期', '投用时间', '投入使用时间', '建成时间', '建成日期'] },
    ALLIANCE_COLUMN,
  ],
};
