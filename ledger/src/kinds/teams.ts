import { TEAM_KINDS_BY_CATEGORY, VOCABULARY, RECORD_IDENTITIES } from '@linju/contract';
import { ALLIANCE_COLUMN, dateColumn, organizationColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

const kindsByCategory = Object.entries(TEAM_KINDS_BY_CATEGORY).map(([category, kinds]) => `${category}：${kinds.join('、')}`).join('；');

/** 队伍台账: one row per team (volunteer or governance), written by `<side>RecordTeam`. */
export const TEAMS: LedgerKind = {
  kind: 'teams',
  label: '队伍',
  sheet: '队伍台账',
  write: 'RecordTeam',
  list: 'teams',
  dateField: 'foundedOn',
  regionField: 'organizationId',
  // A record as the clerk knows it (类别、名称、所属组织): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.Team,
  columns: [
    { header: '类型', field: 'category', type: 'text', required: true, vocabulary: VOCABULARY.teamCategory, note: '从下拉列表中选择', width: 16, aliases: ['队伍性质', '队伍大类'] },
    { header: '类别', field: 'kind', type: 'text', required: true, vocabulary: VOCABULARY.teamKind, note: `从下拉列表中选择，须属于所选类型（${kindsByCategory}）`, width: 18, aliases: ['队伍小类'] },
    { header: '名称', field: 'name', type: 'text', required: true, note: '队伍名称，如“磨溪镇边界巡逻队”', width: 30, aliases: ['队伍名称'] },
    { ...organizationColumn('所属组织', 'organizationId', '所属党组织'), aliases: ['所属党组织', '所属单位', '组建单位', '依托单位'] },
    { ...dateColumn('组建日期', 'foundedOn', '不得晚于今天，不早于所属组织成立'), aliases: ['组建时间', '成立日期', '成立时间'] },
    ALLIANCE_COLUMN,
  ],
  // 类型 is the team's category (志愿服务队), 类别 its kind (巡逻队): a clerk's 队伍类型 or 队伍类别 may mean either.
  ambiguousHeaders: { 队伍类型: ['类型', '类别'], 队伍类别: ['类型', '类别'], 队伍种类: ['类型', '类别'] },
};
