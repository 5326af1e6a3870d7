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
    kindColumn('类别', VOCABULARY.transportLinkKind),
    textColumn('名称', 'name', '道路或线路名称，如“磨溪—宝龙断头路”'),
    regionColumn('起点区划', 'fromRegionId', '起点'),
    {
      header: '终点区划ID', field: 'toRegionId', type: 'id', required: true, width: 36,
      note: '终点行政区划的全局 ID（可为对方的区划，如 chongqing:Region:…）',
    },
    amountColumn('里程（公里）', 'lengthKm', '以公里计'),
    dateColumn('开通日期', 'openedOn'),
    ALLIANCE_COLUMN,
  ],
};
