import { VOCABULARY } from '@linju/contract';
import type { LedgerKind } from './LedgerKind.ts';

/** 活动台账: one row per activity, written by `<side>RecordActivity`. */
export const ACTIVITIES: LedgerKind = {
  kind: 'activities',
  label: '活动',
  sheet: '活动台账',
  write: 'RecordActivity',
  inputType: 'ActivityInput',
  list: 'activities',
  dateField: 'heldOn',
  regionField: 'organizerId',
  columns: [
    { header: '类别', field: 'kind', type: 'text', required: true, vocabulary: VOCABULARY.activityKind, note: '从下拉列表中选择', width: 14 },
    { header: '名称', field: 'title', type: 'text', required: true, note: '活动名称，如“川渝联席座谈会”', width: 30 },
    { header: '举办日期', field: 'heldOn', type: 'date', required: true, note: '日期格式，如 2024-04-01 或 2024/4/1；不得晚于今天', width: 14 },
    { header: '主办组织', field: 'organizerId', type: 'reference', reference: { list: 'organizations' }, required: true, note: '本方主办党组织的全称（如“磨溪镇党委”，须与系统中的名称一致且唯一），或其全局 ID（如 sichuan:Organization:moxi-town）；须在操作员所属区划内', width: 30 },
    { header: '场次', field: 'sessions', type: 'count', required: false, note: '非负整数，可空（默认 0）', width: 8 },
    { header: '人次', field: 'personTimes', type: 'count', required: false, note: '非负整数，可空（默认 0）', width: 8 },
    { header: '引进人才', field: 'talentsRecruited', type: 'count', required: false, note: '引进人才人数，非负整数，可空（默认 0）', width: 10 },
    { header: '所属联盟ID', field: 'allianceId', type: 'id', required: false, note: '所属联盟的全局 ID，如 joint:Alliance:…，可空', width: 36 },
  ],
};
