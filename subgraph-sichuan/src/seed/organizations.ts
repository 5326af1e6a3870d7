import { day } from '@linju/border-seed';
import { gid } from '@linju/border-seed';
import { foundingDate, townOrganizations, townOrgId, townRegionId, villageOrgId, villageRegionId } from '@linju/border-seed';
import type { OrganizationRow } from '@linju/border-seed';
import { BORDER_TOWNS, TONGTAN } from './regions.ts';

const org = (key: string) => gid('sichuan', 'Organization', key);

/**
 * 通滩镇 (seed 002): in 2017 the town committee dissolved 陵园村党支部 and 大竹山党支部 and merged
 * them into the new 中兴场党总支. The merger date within 2017 is illustrative.
 */
const MERGED_ON = day('2017-07-01');
const tongtan: OrganizationRow[] = [
  ...townOrganizations('sichuan', [{ ...TONGTAN, villages: [] }]),
  {
    id: org('tongtan-zhongxingchang'), name: '中兴场党总支', kind: '党总支', level: '村',
    // It spans two villages, so it sits at the town.
    parentId: townOrgId('sichuan', 'tongtan'), regionId: townRegionId('sichuan', 'tongtan'),
    foundedOn: MERGED_ON, dissolvedOn: null, mergedIntoId: null, illustrative: false,
  },
  {
    id: villageOrgId('sichuan', 'tongtan', 'lingyuan'), name: '陵园村党支部', kind: '党支部', level: '村',
    parentId: townOrgId('sichuan', 'tongtan'), regionId: villageRegionId('sichuan', 'tongtan', 'lingyuan'),
    foundedOn: foundingDate('sichuan:tongtan:lingyuan', 1996, 12), dissolvedOn: MERGED_ON,
    mergedIntoId: org('tongtan-zhongxingchang'), illustrative: false,
  },
  {
    id: villageOrgId('sichuan', 'tongtan', 'dazhushan'), name: '大竹山党支部', kind: '党支部', level: '村',
    parentId: townOrgId('sichuan', 'tongtan'), regionId: villageRegionId('sichuan', 'tongtan', 'dazhushan'),
    foundedOn: foundingDate('sichuan:tongtan:dazhushan', 1996, 12), dissolvedOn: MERGED_ON,
    mergedIntoId: org('tongtan-zhongxingchang'), illustrative: false,
  },
  {
    id: villageOrgId('sichuan', 'tongtan', 'community'), name: '通滩社区党支部', kind: '党支部', level: '社区',
    parentId: townOrgId('sichuan', 'tongtan'), regionId: villageRegionId('sichuan', 'tongtan', 'community'),
    foundedOn: foundingDate('sichuan:tongtan:community', 2000, 10), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
];

/** Enterprise and unit branches that industry-chain and talent alliances join (illustrative). */
const enterprisesAndUnits: OrganizationRow[] = [
  {
    id: org('moxi-vegetable-coop'), name: '磨溪镇蔬菜专业合作社联合社党支部', kind: '党支部', level: '企业',
    parentId: townOrgId('sichuan', 'moxi'), regionId: townRegionId('sichuan', 'moxi'),
    foundedOn: day('2019-05-16'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
  {
    id: org('baima-grain-coop'), name: '白马镇粮油种植专业合作社党支部', kind: '党支部', level: '企业',
    parentId: townOrgId('sichuan', 'baima'), regionId: townRegionId('sichuan', 'baima'),
    foundedOn: day('2018-09-07'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
  {
    id: org('anju-sweet-potato-association'), name: '安居区红薯产业协会党支部', kind: '党支部', level: '企业',
    parentId: townOrgId('sichuan', 'yufeng'), regionId: townRegionId('sichuan', 'yufeng'),
    foundedOn: day('2022-04-12'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
  {
    id: org('anju-talent-service'), name: '安居区人才发展服务中心党支部', kind: '党支部', level: '机关单位',
    parentId: null, regionId: gid('sichuan', 'Region', 'anju-district'),
    foundedOn: day('2018-03-20'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
];

// Parents first: town committees (with their village branches), then 通滩镇's, then the rest.
export const organizations: OrganizationRow[] = [...townOrganizations('sichuan', BORDER_TOWNS), ...tongtan, ...enterprisesAndUnits];
