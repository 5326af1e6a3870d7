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
  columns: [
    textColumn('包联单位', 'unitName', '包联单位名称，如“县委组织部”'),
    organizationColumn('结对组织', 'organizationId', '结对的村（社区）党组织'),
    personColumn('第一书记', 'firstSecretaryId', '第一书记', false),
    dateColumn('结对日期', 'startedOn'),
    countColumn('完成微心愿（个）', 'wishesFulfilled', '已完成的微心愿个数'),
  ],
};
