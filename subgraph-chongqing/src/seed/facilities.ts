import { facilities as buildFacilities } from '@linju/border-seed';
import { townKey } from '@linju/border-seed';
import type { FacilityRow } from '@linju/border-seed';
import { BORDER_TOWNS, CHONGQING } from './regions.ts';

/**
 * Hospitals newly designated in H1 2021 for direct cross-province settlement: the border towns'
 * health centres and hospitals elsewhere in 潼南区 (which ones is illustrative).
 */
const HOSPITALS: { name: string; region: string }[] = [
  ...BORDER_TOWNS.map((t) => ({ name: `${t.name}卫生院`, region: townKey(t.key) })),
  ...[
    '重庆市潼南区人民医院', '重庆市潼南区中医院', '潼南区妇幼保健院', '潼南区精神卫生中心',
    '潼南区梓潼街道社区卫生服务中心', '潼南区桂林街道社区卫生服务中心', '潼南区塘坝镇卫生院', '潼南区龙形镇卫生院',
    '潼南区小渡镇卫生院', '潼南区田家镇卫生院', '潼南区花岩镇卫生院', '潼南区群力镇卫生院',
  ].map((name) => ({ name, region: 'tongnan-district' })),
];

/** Seed 000, first half of 2021: Chongqing's share of 18 idle assets / 15 war rooms / 1650 m² / 2 bases / 50 hospitals. */
export const facilities: FacilityRow[] = buildFacilities(CHONGQING, {
  warRooms: 7,
  activityRooms: { count: 5, areaSqm: 790 },
  practiceBases: [{ name: '遂潼毗邻镇村乡村振兴实践基地（双江）', town: 'shuangjiang' }],
  idleConverted: 8,
  hospitals: HOSPITALS,
});
