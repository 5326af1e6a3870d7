import { VOCABULARY } from '@linju/contract';
import { ALLIANCE_COLUMN, amountColumn, dateColumn, kindColumn, regionColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 交通联通台账: one row per road or line across the border, written by `<side>RecordTransportLink`. */
export const TRANSPORT_LINKS: LedgerKind = {
  kind: 'transport-links',
  label: '交通联通',
  sheet: '交通联通台账',
  write: 'RecordTransportLink',
  list: 'transportLinks',
  dateField: 'openedOn',
  regionField: 'fromRegionId',
  columns: [
    { ...kindColumn('类别', VOCABULARY.transportLinkKind), aliases: ['类型', '联通类别', '联通类型', '项目类别'] },
    { ...textColumn('名称', 'name', '道路或线路名称，如“磨溪—宝龙断头路”'), aliases: ['道路名称', '线路名称', '项目名称'] },
    { ...regionColumn('起点区划', 'fromRegionId', '起点'), aliases: ['起点', '起点所在地'] },
    {
      header: '终点区划ID', field: 'toRegionId', type: 'id', required: true, width: 36, aliases: ['终点区划全局ID', '终点ID'],
      note: '终点行政区划的全局 ID（可为对方的区划，如 chongqing:Region:…）',
    },
    { ...amountColumn('里程（公里）', 'lengthKm', '以公里计'), aliases: ['里程（km）', '长度（公里）', '长度（km）', '全长（公里）', '线路长度（公里）'] },
    { ...dateColumn('开通日期', 'openedOn'), aliases: ['开通时间', '通车日期', '通车时间'] },
    ALLIANCE_COLUMN,
  ],
  // A link has two ends: a bare 区划 or 所在地 (or both in one column) could be either.
  ambiguousHeaders: Object.fromEntries(['区划', '所在区划', '所在地', '起止地点', '起讫点'].map((h) => [h, ['起点区划', '终点区划ID']])),
};
