import { ANJU_LATER, spreadDates } from '@linju/border-seed';
import { gid, serial } from '@linju/border-seed';
import { projects as buildProjects } from '@linju/border-seed';
import { townRegionId } from '@linju/border-seed';
import { seededRandom } from '@linju/border-seed';
import type { ProjectRow } from '@linju/border-seed';
import { splitVaried } from '@linju/border-seed';
import { SICHUAN } from './regions.ts';

/**
 * Seed 001: 30 major projects of 安居区 in reserve, 1200 亿元 (12 000 000 万元) in all; the
 * 遂潼天然气综合利用产业园 alone 535 亿元. The other 29 names and amounts are illustrative.
 */
const GAS_PARK_WAN = 5_350_000;
const MAJOR_TOTAL_WAN = 12_000_000;
const OTHER_MAJOR = [
  '安居区锂电池正极材料项目', '安居区锂电池负极材料项目', '安居区电解液及添加剂项目', '安居区锂电池隔膜项目',
  '安居区动力电池回收利用项目', '安居区新能源汽车零部件产业园项目', '安居区汽车铝合金轮毂项目',
  '安居区汽车线束及电子元件项目', '安居区汽车内饰件生产项目', '安居区农机装备制造项目',
  '安居区天然气分布式能源站项目', '安居区LNG储配站项目', '安居区天然气化工新材料项目', '安居区氢能制储项目',
  '安居区光伏发电项目', '遂潼红薯精深加工项目', '安居区粮油精深加工项目', '安居区冷链物流园项目',
  '安居区现代粮食产业园提升项目', '安居区食品饮料产业园项目', '遂潼毗邻地区高标准农田建设项目',
  '安居区智能制造产业园标准厂房项目', '安居区电子信息元器件项目', '安居区新型建材项目', '安居区医药健康产业项目',
  '琼江流域遂潼文旅融合发展项目', '安居区城乡供水一体化项目', '安居区物流配送中心项目', '安居区再生资源综合利用项目',
];
// The others in whole thousands of 万元.
const otherAmounts = splitVaried((MAJOR_TOTAL_WAN - GAS_PARK_WAN) / 1000, OTHER_MAJOR.length, seededRandom('sichuan:major-projects'), {
  min: 30,
  spread: 0.9,
}).map((k) => k * 1000);
const majorDates = spreadDates(ANJU_LATER, OTHER_MAJOR.length + 1, 0.3);
const MAJOR: { name: string; investmentWan: number; region: string }[] = [
  { name: '遂潼天然气综合利用产业园', investmentWan: GAS_PARK_WAN, region: townRegionId('sichuan', 'moxi') },
  ...OTHER_MAJOR.map((name, i) => ({ name, investmentWan: otherAmounts[i]!, region: gid('sichuan', 'Region', 'anju-district') })),
];
const majorProjects: ProjectRow[] = MAJOR.map((p, i) => ({
  id: gid('sichuan', 'Project', `major-${serial(i + 1, 2)}`),
  kind: '重大项目',
  name: p.name,
  regionId: p.region,
  organizationId: null,
  startedOn: majorDates[i]!,
  landMu: 0,
  subsidyWan: 0,
  expectedIncomeWan: 0,
  householdsBenefiting: 0,
  incomePerHouseholdYuan: 0,
  investmentWan: p.investmentWan,
  brand: null,
  allianceId: null,
}));

export const projects: ProjectRow[] = [
  // Seed 000, first half of 2021: Sichuan's share of 2 unions / 600 亩 / 5 bases / 100 and 178 万元.
  ...buildProjects(SICHUAN, {
    brand: '遂宁鲜',
    industryUnions: ['遂潼毗邻镇村集体经济产业联合社（安居）'],
    landRevival: { rows: 4, mu: 320 },
    processingBases: { count: 3, products: ['蔬菜', '红薯', '粮油'] },
    collective: { rows: 5, subsidyWan: 52, expectedIncomeWan: 93, incomePerHouseholdYuan: 1500 },
  }),
  ...majorProjects,
];
