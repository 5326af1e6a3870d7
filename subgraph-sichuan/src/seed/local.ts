import { grids as buildGrids, pairings as buildPairings } from '@linju/border-seed';
import type { GridRow } from '@linju/border-seed';

/** A few illustrative pairings (包联) of units with villages, and the first secretaries they sent. */
export const pairing = buildPairings('sichuan', [
  { unit: '安居区农业农村局', org: 'moxi-shuanghe', startedOn: '2021-03-01', wishesFulfilled: 36, firstSecretary: true },
  { unit: '安居区人民医院', org: 'fenshui-qinggang', startedOn: '2020-06-15', wishesFulfilled: 24, firstSecretary: true },
  { unit: '安居区供电公司', org: 'baima-changling', startedOn: '2021-04-20', wishesFulfilled: 18, firstSecretary: false },
  { unit: '安居区教育局', org: 'yufeng-hongguang', startedOn: '2021-05-10', wishesFulfilled: 15, firstSecretary: true },
]);

/** A few illustrative grids (网格) with their responsible committee member. */
export const grids: GridRow[] = buildGrids('sichuan', [
  { org: 'moxi-shiqiao', name: '石桥村第一网格', households: 126, responsible: 2 },
  { org: 'moxi-shiqiao', name: '石桥村第二网格', households: 98, responsible: 3 },
  { org: 'moxi-community', name: '磨溪社区第一网格', households: 214, responsible: 2 },
  { org: 'fenshui-xinlong', name: '新龙村第一网格', households: 135, responsible: 2 },
  { org: 'lanjiang-huilong', name: '回龙村第一网格', households: 112, responsible: 4 },
  { org: 'tongtan-community', name: '通滩社区第一网格', households: 186, responsible: 2 },
]);
