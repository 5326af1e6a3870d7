import { facilities as buildFacilities } from '@linju/border-seed';
import { townKey } from '@linju/border-seed';
import type { FacilityRow } from '@linju/border-seed';
import { BORDER_TOWNS, SICHUAN } from './regions.ts';

/**
 * Hospitals newly designated in H1 2021 for direct cross-province settlement: the border towns'
 * health centres and hospitals of the district and county seats (which ones is illustrative).
 */
const HOSPITALS: { name: string; region: string }[] = [
  ...BORDER_TOWNS.map((t) => ({ name: `${t.name}卫生院`, region: townKey(t.key) })),
  ...[
    '遂宁市安居区人民医院', '遂宁市安居区中医医院', '遂宁市安居区妇幼保健院', '安居区三家镇卫生院',
    '安居区石洞镇卫生院', '安居区横山镇卫生院', '安居区保石镇卫生院', '安居区东禅镇卫生院',
  ].map((name) => ({ name, region: 'anju-district' })),
  ...['遂宁市中心医院', '遂宁市第一人民医院', '遂宁市中医院', '遂宁市第三人民医院', '遂宁市妇幼保健院', '遂宁市船山区人民医院'].map(
    (name) => ({ name, region: 'chuanshan-district' }),
  ),
  ...['蓬溪县人民医院', '蓬溪县中医医院', '蓬溪县妇幼保健院'].map((name) => ({ name, region: 'pengxi-county' })),
];

/** Seed 000, first half of 2021: Sichuan's share of 18 idle assets / 15 war rooms / 1650 m² / 2 bases / 50 hospitals. */
export const facilities: FacilityRow[] = buildFacilities(SICHUAN, {
  warRooms: 8,
  activityRooms: { count: 6, areaSqm: 860 },
  practiceBases: [{ name: '遂潼毗邻党建实践基地（磨溪）', town: 'moxi' }],
  idleConverted: 10,
  hospitals: HOSPITALS,
});
