import { areaRegions, townRegions, type AreaSpec, type TownSpec } from '@linju/border-seed';
import type { RegionRow } from '@linju/border-seed';
import type { SideContext } from '@linju/border-seed';

// Chongqing's regions: GB/T 2260 codes for the municipality and 潼南区; towns (real names) carry
// illustrative 9-digit codes, villages (illustrative names) illustrative 12-digit codes.

export const AREAS: AreaSpec[] = [
  { key: 'chongqing-municipality', name: '重庆市', code: '500000', level: 'province', parent: null },
  { key: 'tongnan-district', name: '潼南区', code: '500152', level: 'district', parent: 'chongqing-municipality' },
];

/** A 潼南区 town: its n-th illustrative code, villages as [key, name], and its seat community if seeded. */
const town = (key: string, name: string, n: number, villages: [string, string][], community?: string): TownSpec => ({
  key,
  name,
  code: `500152${100 + n}`,
  area: 'tongnan-district',
  villages: [
    ...villages.map(([k, v]) => ({ key: k, name: v })),
    ...(community ? [{ key: 'community', name: community, community: true }] : []),
  ],
});

/** The Tongnan towns on the Suining border (seed 000), each with a few villages. */
export const BORDER_TOWNS: TownSpec[] = [
  town('shuangjiang', '双江镇', 1, [['heping', '和平村'], ['xinglong', '兴隆村'], ['changtan', '长滩村']], '双江社区'),
  town('chongkan', '崇龛镇', 2, [['linjiang', '临江村'], ['qingshi', '青石村'], ['youfang', '油房村']]),
  town('yuxi', '玉溪镇', 3, [['baiguo', '白果村'], ['shangyou', '上游村'], ['longtan', '龙滩村']]),
  town('guxi', '古溪镇', 4, [['taiping', '太平村'], ['xinhua', '新华村'], ['shinian', '石碾村']]),
  town('mixin', '米心镇', 5, [['wanfo', '万佛村'], ['zijing', '紫荆村'], ['yangliu', '杨柳村']]),
  town('baolong', '宝龙镇', 6, [['miaoba', '庙坝村'], ['longmen', '龙门村'], ['tuanjie', '团结村']]),
  town('shanghe', '上和镇', 7, [['hetao', '核桃村'], ['gaoshi', '高石村'], ['xinmin', '新民村']]),
  town('taian', '太安镇', 8, [['guanba', '罐坝村'], ['baimiao', '白庙村'], ['jine', '金鹅村']]),
  town('wugui', '五桂镇', 9, [['wuli', '五里村'], ['guilin', '桂林村'], ['fushou', '福寿村']]),
  town('wofo', '卧佛镇', 10, [['shifo', '石佛村'], ['donglin', '东林村'], ['heba', '河坝村']]),
  town('baizi', '柏梓镇', 11, [['zhongshi', '中石村'], ['zitong', '梓潼村'], ['xindian', '新店村']]),
  town('biekou', '别口镇', 12, [['dafo', '大佛村'], ['renhe', '仁和村'], ['qiaoting', '桥亭村']]),
];

/** What the record builders need: Chongqing and its border towns. */
export const CHONGQING: SideContext = { side: 'chongqing', towns: BORDER_TOWNS };

export const regions: RegionRow[] = [...areaRegions('chongqing', AREAS), ...townRegions('chongqing', BORDER_TOWNS)];
