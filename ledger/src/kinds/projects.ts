import { VOCABULARY } from '@linju/contract';
import { ALLIANCE_COLUMN, amountColumn, countColumn, dateColumn, kindColumn, organizationColumn, regionColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 项目台账: one row per project (产业联合社、重大项目…), written by `<side>RecordProject`. */
export const PROJECTS: LedgerKind = {
  kind: 'projects',
  label: '项目',
  sheet: '项目台账',
  write: 'RecordProject',
  list: 'projects',
  dateField: 'startedOn',
  regionField: 'regionId',
  columns: [
    kindColumn('类别', VOCABULARY.projectKind),
    textColumn('名称', 'name', '项目名称'),
    regionColumn('所在区划', 'regionId', '项目所在地'),
    organizationColumn('牵头组织', 'organizationId', '牵头党组织', false),
    dateColumn('启动日期', 'startedOn'),
    amountColumn('土地（亩）', 'landMu', '以亩计'),
    amountColumn('补助（万元）', 'subsidyWan', '以万元计'),
    amountColumn('预计集体收入（万元）', 'expectedIncomeWan', '以万元计'),
    countColumn('受益农户（户）', 'householdsBenefiting', '受益农户户数'),
    amountColumn('户均增收（元）', 'incomePerHouseholdYuan', '以元计'),
    amountColumn('投资（万元）', 'investmentWan', '以万元计'),
    textColumn('品牌', 'brand', '品牌名称，可空', false, 16),
    ALLIANCE_COLUMN,
  ],
};
