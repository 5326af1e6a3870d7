import { VOCABULARY, RECORD_IDENTITIES } from '@linju/contract';
import { countColumn, dateColumn, kindColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 队伍行动台账: one row per team and day (巡逻、宣讲…), written by `<side>RecordTeamAction`. */
export const TEAM_ACTIONS: LedgerKind = {
  kind: 'team-actions',
  label: '队伍行动',
  sheet: '队伍行动台账',
  write: 'RecordTeamAction',
  list: 'teamActions',
  dateField: 'actedOn',
  regionField: 'teamId',
  // A record as the clerk knows it (队伍、类别、日期 (one row per team and day)): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.TeamAction,
  columns: [
    {
      header: '队伍', field: 'teamId', type: 'reference', reference: { list: 'teams' }, required: true, width: 30, aliases: ['队伍名称', '行动队伍'],
      note: '本方队伍的名称（须与系统中一致且唯一，先用“队伍台账”登记），或其全局 ID；须在操作员所属区划内',
    },
    { ...kindColumn('类别', VOCABULARY.teamActionKind), aliases: ['行动类别', '行动类型'] },
    { ...dateColumn('日期', 'actedOn', '不得晚于今天，不早于队伍组建'), aliases: ['行动日期', '行动时间', '开展日期', '开展时间', '时间'] },
    { ...countColumn('次数', 'occurrences', '当日行动次数', { required: true }), aliases: ['行动次数', '开展次数'] },
  ],
};
