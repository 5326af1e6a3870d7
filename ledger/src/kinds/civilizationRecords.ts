import { DEFAULT } from '@linju/contract/writeLimits';
import { VOCABULARY, RECORD_IDENTITIES } from '@linju/contract';
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
  // A record as the clerk knows it (类别、名称、日期、所在区划): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.CivilizationRecord,
  columns: [
    { ...kindColumn('类别', VOCABULARY.civilizationKind), aliases: ['创建类别', '创建类型', '类型'] },
    { ...textColumn('名称', 'title', '名称，如“村规民约修订”'), aliases: ['创建名称', '创建内容', '项目名称'] },
    { ...regionColumn('所在区划', 'regionId', '所在地'), aliases: ['所在地', '所属区划', '所在村（社区）'] },
    { ...dateColumn('日期', 'recordedOn'), aliases: ['时间', '开展日期', '开展时间', '创建时间'] },
    { ...countColumn('次数', 'occurrences', '次数', { fallback: DEFAULT.occurrences }), aliases: ['开展次数'] },
    ALLIANCE_COLUMN,
  ],
};
