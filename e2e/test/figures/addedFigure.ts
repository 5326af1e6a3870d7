import { defineFigure, FIGURE_NAMES, FIGURES, type FigureName } from '@linju/contract/figures';

/**
 * One more entry in the figure catalogue, as a maintainer would add it to figureCatalogue.ts: a count
 * of joint patrol records. Imported before anything else of the test, so every module that derives
 * from the catalogue (SDL, SQL, joint total, the dashboard's groups) sees it when it loads.
 */
export const ADDED = 'jointPatrolRecords' as FigureName;

(FIGURES as Record<string, unknown>)[ADDED] = defineFigure({
  label: '联合巡逻记录', labelEn: 'Joint patrol records', unit: '条', unitEn: 'records',
  category: '治理共抓', source: 'teamAction', filter: { kind: '日常巡逻' }, measure: 'count',
});
FIGURE_NAMES.push(ADDED);
