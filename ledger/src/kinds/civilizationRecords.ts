import { DEFAULT } from '@linju/contract/writeLimits';
import { VOCABULARY } from '@linju/contract';
import { ALLIANCE_COLUMN, countColumn, dateColumn, kindColumn, regionColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 文明创建台账: one row per record (一约四会、文明实践活动…), written by `<side>RecordCivilizationRecord`. */
export const CIVILIZATION_RECORDS: LedgerKind = {
  kind: 'civilization-records',
  label: '文明创建',
  sheet: '文明创建台账',
  write: 'RecordCivilizationRecord',
  list: 'civilizationRecords',
  dateField: 'recordedOn',
  regionField: 'regionId',
  columns: [
    kindColumn('类别', VOCABULARY.civilizationKind),
    textColumn('名称', 'title', '名称，如“村规民约修订”'),
    regionColumn('所在区划', 'regionId', '所在地'),
    dateColumn('日期', 'recordedOn'),
    countColumn('次数', 'occurrences', '次数', { fallback: DEFAULT.occurrences }),
    ALLIANCE_COLUMN,
  ],
};
