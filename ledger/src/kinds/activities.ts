import { TALENT_ACTIVITY_KINDS, TALENT_ACTIVITY_KINDS_QUOTED, VOCABULARY, RECORD_IDENTITIES } from '@linju/contract';
import { DEFAULT, MIN } from '@linju/contract/writeLimits';
import { ALLIANCE_COLUMN, countColumn, dateColumn, organizationColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 活动台账: one row per activity, written by `<side>RecordActivity`. */
export const ACTIVITIES: LedgerKind = {
  kind: 'activities',
  label: '活动',
  sheet: '活动台账',
  write: 'RecordActivity',
  list: 'activities',
  dateField: 'heldOn',
  regionField: 'organizerId',
  // A record as the clerk knows it (类别、名称、举办日期、主办组织): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.Activity,
  columns: [
    { header: '类别', field: 'kind', type: 'text', required: true, vocabulary: VOCABULARY.activityKind, note: '从下拉列表中选择', width: 14, aliases: ['活动类别', '活动类型'] },
    { header: '名称', field: 'title', type: 'text', required: true, note: '活动名称，如“川渝联席座谈会”', width: 30, aliases: ['活动名称', '活动主题'] },
    { ...dateColumn('举办日期', 'heldOn'), aliases: ['活动日期', '活动时间', '举办时间'] },
    { ...organizationColumn('主办组织', 'organizerId', '主办党组织'), aliases: ['主办单位', '主办党组织'] },
    { ...countColumn('场次', 'sessions', '场次', { min: MIN.sessions, fallback: DEFAULT.sessions, width: 8 }), aliases: ['活动场次'] },
    { ...countColumn('人次', 'personTimes', '人次', { width: 8 }), aliases: ['参与人次', '参加人次'] },
    { ...countColumn('引进人才', 'talentsRecruited', `引进人才人数，仅${TALENT_ACTIVITY_KINDS_QUOTED}填写（其他类别不计入，填了会被拒绝）`), appliesOnlyTo: { field: 'kind', values: TALENT_ACTIVITY_KINDS } },
    ALLIANCE_COLUMN,
  ],
};
