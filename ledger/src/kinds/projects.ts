import { VOCABULARY, RECORD_IDENTITIES } from '@linju/contract';
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
  // A record as the clerk knows it (类别、名称、所在区划): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.Project,
  columns: [
    { ...kindColumn('类别', VOCABULARY.projectKind), aliases: ['项目类别', '项目类型'] },
    { ...textColumn('名称', 'name', '项目名称'), aliases: ['项目名称'] },
    { ...regionColumn('所在区划', 'regionId', '项目所在地'), aliases: ['项目所在地', '所在地', '所属区划', '实施地点'] },
    { ...organizationColumn('牵头组织', 'organizationId', '牵头党组织', false), aliases: ['牵头单位', '牵头党组织', '责任单位'] },
    { ...dateColumn('启动日期', 'startedOn'), aliases: ['启动时间', '开工日期', '开工时间', '实施时间'] },
    { ...amountColumn('土地（亩）', 'landMu', '以亩计'), aliases: ['土地面积（亩）', '用地面积（亩）', '流转土地（亩）'] },
    { ...amountColumn('补助（万元）', 'subsidyWan', '以万元计'), aliases: ['补助资金（万元）', '财政补助（万元）', '补助金额（万元）'] },
    { ...amountColumn('预计集体收入（万元）', 'expectedIncomeWan', '以万元计'), aliases: ['预计村集体收入（万元）', '预计集体经济收入（万元）', '预计村集体经济收入（万元）'] },
    { ...countColumn('受益农户（户）', 'householdsBenefiting', '受益农户户数'), aliases: ['受益农户数', '受益户数', '带动农户数', '带动农户（户）'] },
    { ...amountColumn('户均增收（元）', 'incomePerHouseholdYuan', '以元计'), aliases: ['户均增收金额（元）', '户均增收额（元）'] },
    { ...amountColumn('投资（万元）', 'investmentWan', '以万元计'), aliases: ['总投资（万元）', '投资金额（万元）', '项目投资（万元）', '计划投资（万元）'] },
    { ...textColumn('品牌', 'brand', '品牌名称，可空', false, 16), aliases: ['品牌名称'] },
    ALLIANCE_COLUMN,
  ],
  // Three columns are sums in 万元: a bare 金额 or 资金 could be any of them.
  ambiguousHeaders: { '金额（万元）': ['补助（万元）', '预计集体收入（万元）', '投资（万元）'], '资金（万元）': ['补助（万元）', '投资（万元）'] },
};
