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
    { header: '类别', field: 'kind', type: 'text', required: true, vocabulary: VOCABULARY.serviceCaseKind, note: '从下拉列表中选择', width: 16, aliases: ['事项类别', '事项类型', '事项名称', '服务事项', '办理事项'] },
    { ...dateColumn('办理日期', 'handledOn'), aliases: ['办理时间', '受理日期', '受理时间'] },
    { ...regionColumn('办理地', 'regionId', '办理地'), aliases: ['办理地点', '办理区划', '所属区划', '所在地'] },
    { ...countColumn('人数', 'people', '人数', { width: 8 }), aliases: ['服务人数', '办理人数', '涉及人数'] },
    { ...countColumn('户数', 'households', '户数', { width: 8 }), aliases: ['服务户数', '办理户数', '涉及户数'] },
    { ...amountColumn('金额（万元）', 'amountWan', '以万元计'), aliases: ['涉及金额（万元）', '办理金额（万元）'] },
    ALLIANCE_COLUMN,
  ],
  // Both counts are of those served: which one a bare 数量 is cannot be told.
  ambiguousHeaders: { 数量: ['人数', '户数'] },
};
