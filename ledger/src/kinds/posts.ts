import { MULTI_SEAT_POST_TITLES } from '@linju/contract';
import { ALLIANCE_COLUMN, dateColumn, organizationColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 任职台账 (交叉任职 included): one row per appointment, written by `<side>AppointToPost`. */
export const POSTS: LedgerKind = {
  kind: 'posts',
  label: '任职',
  sheet: '任职台账',
  write: 'AppointToPost',
  list: 'posts',
  dateField: 'startedOn',
  regionField: 'organizationId',
  columns: [
    { ...organizationColumn('任职组织', 'organizationId', '任职党组织'), aliases: ['任职党组织', '任职单位', '所在党组织', '党组织名称', '组织名称'] },
    {
      header: '职务名称', field: 'title', type: 'text', required: true, width: 16, aliases: ['职务', '担任职务', '现任职务', '党内职务', '任职职务'],
      note: `如“党委副书记”；除 ${MULTI_SEAT_POST_TITLES.join('、')} 外，同一组织的同一职务同时只有一人`,
    },
    {
      header: '任职人', field: 'holderId', type: 'reference', reference: { list: 'people', beyondRegion: true }, required: true, width: 30, aliases: ['姓名', '任职人员', '人员姓名'],
      note: '本方人员的姓名（须与系统中一致且唯一），或任一方人员的全局 ID（交叉任职填对方人员的 ID，如 chongqing:Person:…）',
    },
    { ...dateColumn('任职日期', 'startedOn', '不得晚于今天，不早于组织成立'), aliases: ['任职时间', '任职起始日期', '任职起始时间', '任现职时间'] },
    ALLIANCE_COLUMN,
  ],
  // One column holding both (张三 | 磨溪镇党委书记): it cannot be split by guessing.
  ambiguousHeaders: Object.fromEntries(['单位及职务', '工作单位及职务', '任职单位及职务', '单位职务'].map((h) => [h, ['任职组织', '职务名称']])),
};
