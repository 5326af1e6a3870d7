import { areaRegions, townRegions, type AreaSpec, type TownSpec } from '@linju/border-seed';
import type { RegionRow } from '@linju/border-seed';
import type { SideContext } from '@linju/border-seed';

// Sichuan's regions: GB/T 2260 codes down to districts and counties; towns (real names) carry
// illustrative 9-digit codes, villages (illustrative names) illustrative 12-digit codes.

export const AREAS: AreaSpec[] = [
  { key: 'sichuan-province', name: '四川省', code: '510000', level: 'province', parent: null },
  { key: 'suining-city', name: '遂宁市', code: '510900', level: 'city', parent: 'sichuan-province' },
  { key: 'chuanshan-district', name: '船山区', code: '510903', level: 'district', parent: 'suining-city' },
  { key: 'anju-district', name: '安居区', code: '510904', level: 'district', parent: 'suining-city' },
  { key: 'pengxi-county', name: '蓬溪县', code: '510921', level: 'county', parent: 'suining-city' },
  { key: 'luzhou-city', name: '泸州市', code: '510500', level: 'city', parent: 'sichuan-province' },
  { key: 'jiangyang-district', name: '江阳区', code: '510502', level: 'district', parent: 'luzhou-city' },
];

/** The Suining towns on the Tongnan border (seed 000), each with a few villages. */
export const BORDER_TOWNS: TownSpec[] = [
  {
    key: 'moxi', name: '磨溪镇', code: '510904101', area: 'anju-district',
    villages: [
      { key: 'shiqiao', name: '石桥村' }, { key: 'longquan', name: '龙泉村' }, { key: 'shuanghe', name: '双河村' },
      { key: 'community', name: '磨溪社区', community: true },
    ],
  },
  {
    key: 'fenshui', name: '分水镇', code: '510904102', area: 'anju-district',
    villages: [{ key: 'xinlong', name: '新龙村' }, { key: 'gaofeng', name: '高峰村' }, { key: 'qinggang', name: '青岗村' }],
  },
  {
    key: 'baima', name: '白马镇', code: '510904103', area: 'anju-district',
    villages: [{ key: 'jinqiao', name: '金桥村' }, { key: 'bailin', name: '柏林村' }, { key: 'changling', name: '长岭村' }],
  },
  {
    key: 'yufeng', name: '玉丰镇', code: '510904104', area: 'anju-district',
    villages: [{ key: 'huayuan', name: '花园村' }, { key: 'sanhe', name: '三合村' }, { key: 'hongguang', name: '红光村' }],
  },
  {
    key: 'ximei', name: '西眉镇', code: '510904105', area: 'anju-district',
    villages: [{ key: 'guanyin', name: '观音村' }, { key: 'yonghe', name: '永和村' }, { key: 'guihua', name: '桂花村' }],
  },
  {
    key: 'lanjiang', name: '拦江镇', code: '510904106', area: 'anju-district',
    villages: [{ key: 'huilong', name: '回龙村' }, { key: 'fenghuang', name: '凤凰村' }, { key: 'tianchi', name: '天池村' }],
  },
  {
    key: 'changle', name: '常乐镇', code: '510921101', area: 'pengxi-county',
    villages: [{ key: 'jinlong', name: '金龙村' }, { key: 'gujing', name: '古井村' }, { key: 'dashi', name: '大石村' }],
  },
  {
    key: 'yongxing', name: '永兴镇', code: '510903101', area: 'chuanshan-district',
    villages: [{ key: 'huangjue', name: '黄桷村' }, { key: 'gaomiao', name: '高庙村' }, { key: 'xinqiao', name: '新桥村' }],
  },
  {
    key: 'hesha', name: '河沙镇', code: '510903102', area: 'chuanshan-district',
    villages: [{ key: 'yuhe', name: '玉河村' }, { key: 'baihe', name: '白鹤村' }, { key: 'qingshui', name: '清水村' }],
  },
];

/** 泸州市江阳区通滩镇 (seed 002): the villages named in the source and its seat community. */
export const TONGTAN: TownSpec = {
  key: 'tongtan', name: '通滩镇', code: '510502101', area: 'jiangyang-district',
  villages: [
    { key: 'lingyuan', name: '陵园村' }, { key: 'dazhushan', name: '大竹山村' },
    { key: 'community', name: '通滩社区', community: true },
  ],
};

/** What the record builders need: Sichuan and its border towns. */
export const SICHUAN: SideContext = { side: 'sichuan', towns: BORDER_TOWNS };
/** The border towns of 安居区 only (seed 001). */
export const ANJU: SideContext = { side: 'sichuan', towns: BORDER_TOWNS.filter((t) => t.area === 'anju-district') };

export const regions: RegionRow[] = [
  ...areaRegions('sichuan', AREAS),
  ...townRegions('sichuan', BORDER_TOWNS),
  ...townRegions('sichuan', [TONGTAN]),
];
