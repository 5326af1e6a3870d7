import { projects as buildProjects } from '@linju/border-seed';
import type { ProjectRow } from '@linju/border-seed';
import { CHONGQING } from './regions.ts';

/** Seed 000, first half of 2021: Chongqing's share of 2 unions / 600 亩 / 5 bases / 100 and 178 万元. */
export const projects: ProjectRow[] = buildProjects(CHONGQING, {
  brand: '潼南绿',
  industryUnions: ['潼遂毗邻村集体经济股份合作联合社（潼南）'],
  landRevival: { rows: 4, mu: 280 },
  processingBases: { count: 2, products: ['蔬菜', '柠檬'] },
  collective: { rows: 5, subsidyWan: 48, expectedIncomeWan: 85, incomePerHouseholdYuan: 1500 },
});
