import { RECORD_IDENTITIES } from '@linju/contract';
import { countColumn, dateColumn, organizationColumn, personColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 包联台账: one row per unit paired with a village (社区) organization, written by `<side>RecordPairing`. */
export const PAIRINGS: LedgerKind = {
  kind: 'pairings',
  label: '包联',
  sheet: '包联台账',
  write: 'RecordPairing',
  list: 'pairings',
  dateField: 'startedOn',
  regionField: 'organizationId',
  // A record as the clerk knows it (包联单位、结对组织): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.Pairing,
  columns: [
    { ...textColumn('包联单位', 'unitName', '包联单位名称，如“县委组织部”'), aliases: ['包联部门', '帮扶单位', '派出单位'] },
    { ...organizationColumn('结对组织', 'organizationId', '结对的村（社区）党组织'), aliases: ['结对党组织', '结对村（社区）', '包联村（社区）', '帮扶村（社区）'] },
    { ...personColumn('第一书记', 'firstSecretaryId', '第一书记', false), aliases: ['驻村第一书记', '第一书记姓名'] },
    { ...dateColumn('结对日期', 'startedOn'), aliases: ['结对时间', '包联日期', '包联时间'] },
    { ...countColumn('完成微心愿（个）', 'wishesFulfilled', '已完成的微心愿个数'), aliases: ['完成微心愿', '完成微心愿数', '实现微心愿（个）'] },
  ],
  // 包联单位 is the unit that pairs (县委组织部), 结对组织 the village's organization: a 结对单位 or 包联对象 may be either.
  ambiguousHeaders: { 结对单位: ['包联单位', '结对组织'], 单位: ['包联单位', '结对组织'], 包联对象: ['包联单位', '结对组织'] },
};
