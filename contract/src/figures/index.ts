// The figure catalogue and what follows from it. Browser-safe: the dashboard imports this entry.
export { defineFigure, FIGURE_CATEGORIES, FIGURE_CATEGORIES_EN, FIGURE_NAMES, FIGURES, type FigureCategory, type FigureDefinition, type FigureName, type FigureParts, type FigureValues, type WeightedSumName } from './figureCatalogue.ts';
export { BRIEFING_SECTIONS, briefingFigureNames, checkBriefingSections, type BriefingPartDefinition, type BriefingSectionDefinition } from './briefingSections.ts';
export { FIGURE_SOURCES, type FigureSource, type SourceName } from './figureSources.ts';
export { columnOf, combineFigures, definitionText, figureOf, figurePartNames, figureValueList, graphqlTypeOf, isAdditive, isStanding, isWhole, figureRowLabel, jointRowLabel, jointValueName, kindsSumming, newlySetUp, ratioOf, TALENT_ACTIVITY_KINDS, TALENT_ACTIVITY_KINDS_QUOTED, talentActivityKinds, weightedSumOf, weightOf, type FigureCatalogue } from './figureRules.ts';
export { figuresSdl } from './figureSdl.ts';
export { figureFromRecords, figurePartsFromRecords, property as recordProperty, weightedSumFromRecords } from './figureRecords.ts';
export { AGREEMENT_FIGURES, ALLIANCE_KIND_FIGURES, type AgreementFigure, type AllianceKindFigure } from './jointFigures.ts';
export { FIGURE_ALLIANCE_DAY_TABLE, FIGURE_DAY_TABLE, FIGURE_MONTH_TABLE, FIGURE_ROLLUPS_REBUILD, figureCondition, figureRecordsSql, ROLLUP_BREAKDOWNS } from './figureRollupSql.ts';
export { figureList, figuresOfType, SOURCE_LISTS } from './figureLists.ts';
export { SERVICE_CHART_FIGURES } from './serviceChartFigures.ts';
