import { day } from '@linju/border-seed';
import { gid } from '@linju/border-seed';
import { townOrganizations, townOrgId, townRegionId } from '@linju/border-seed';
import type { OrganizationRow } from '@linju/border-seed';
import { BORDER_TOWNS } from './regions.ts';

const org = (key: string) => gid('chongqing', 'Organization', key);

/** Enterprise and unit branches that industry-chain and talent alliances join (illustrative). */
const enterprisesAndUnits: OrganizationRow[] = [
  {
    id: org('shuangjiang-vegetable-coop'), name: '双江镇蔬菜种植专业合作社党支部', kind: '党支部', level: '企业',
    parentId: townOrgId('chongqing', 'shuangjiang'), regionId: townRegionId('chongqing', 'shuangjiang'),
    foundedOn: day('2019-08-22'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
  {
    id: org('taian-grain-coop'), name: '太安镇粮油专业合作社党支部', kind: '党支部', level: '企业',
    parentId: townOrgId('chongqing', 'taian'), regionId: townRegionId('chongqing', 'taian'),
    foundedOn: day('2018-11-03'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
  {
    id: org('chongkan-sweet-potato-coop'), name: '崇龛镇红薯种植专业合作社党支部', kind: '党支部', level: '企业',
    parentId: townOrgId('chongqing', 'chongkan'), regionId: townRegionId('chongqing', 'chongkan'),
    foundedOn: day('2022-03-28'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
  {
    id: org('tongnan-talent-service'), name: '潼南区人才服务中心党支部', kind: '党支部', level: '机关单位',
    parentId: null, regionId: gid('chongqing', 'Region', 'tongnan-district'),
    foundedOn: day('2017-06-15'), dissolvedOn: null, mergedIntoId: null, illustrative: true,
  },
];

// Parents first: town committees with their village branches, then the rest.
export const organizations: OrganizationRow[] = [...townOrganizations('chongqing', BORDER_TOWNS), ...enterprisesAndUnits];
