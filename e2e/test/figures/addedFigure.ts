import { BRIEFING_SECTIONS, defineFigure, FIGURE_NAMES, FIGURES, type BriefingSectionDefinition, type FigureName } from '@linju/contract/figures';

/**
 * One more entry in the figure catalogue, as a maintainer would add it to figureCatalogue.ts: a count
 * of joint patrol records, and its name in the briefing's part that says it (BRIEFING_SECTIONS, in the
 * same folder: 基层服务共抓, beside 日常巡逻). Imported before anything else of the test, so every module
 * that derives from the catalogue (SDL, SQL, joint total, the dashboard's groups) sees it when it loads.
 */
export const ADDED = 'jointPatrolRecords' as FigureName;

(FIGURES as Record<string, unknown>)[ADDED] = defineFigure({
  label: '联合巡逻记录', labelEn: 'Joint patrol records', unit: '条', unitEn: 'records',
  category: '治理共抓', source: 'teamAction', filter: { kind: '日常巡逻' }, measure: 'count',
});
FIGURE_NAMES.push(ADDED);
const parts = (BRIEFING_SECTIONS as readonly BriefingSectionDefinition[]).flatMap((section) => section.parts);
(parts.find((part) => part.heading === '基层服务共抓')!.figures as FigureName[]).push(ADDED);
