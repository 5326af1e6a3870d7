import { grids as buildGrids, pairings as buildPairings } from '@linju/border-seed';
import type { GridRow } from '@linju/border-seed';

/** A few illustrative pairings (包联) of units with villages, and the first secretaries they sent. */
export const pairing = buildPairings('chongqing', [
  { unit: '潼南区农业农村委员会', org: 'shuangjiang-xinglong', startedOn: '2021-02-20', wishesFulfilled: 30, firstSecretary: true },
  { unit: '潼南区人民医院', org: 'chongkan-youfang', startedOn: '2020-09-01', wishesFulfilled: 21, firstSecretary: true },
  { unit: '潼南区交通局', org: 'guxi-xinhua', startedOn: '2021-04-08', wishesFulfilled: 12, firstSecretary: false },
  { unit: '潼南区供销合作社', org: 'taian-baimiao', startedOn: '2021-05-18', wishesFulfilled: 17, firstSecretary: true },
]);

/** A few illustrative grids (网格) with their responsible committee member. */
export const grids: GridRow[] = buildGrids('chongqing', [
  { org: 'shuangjiang-heping', name: '和平村第一网格', households: 142, responsible: 2 },
  { org: 'shuangjiang-heping', name: '和平村第二网格', households: 117, responsible: 3 },
  { org: 'shuangjiang-community', name: '双江社区第一网格', households: 236, responsible: 2 },
  { org: 'chongkan-linjiang', name: '临江村第一网格', households: 128, responsible: 2 },
  { org: 'yuxi-baiguo', name: '白果村第一网格', households: 104, responsible: 4 },
]);
