export { writeBriefing, BRIEFING_DEFAULTS, type Briefing, type BriefingOptions } from './writeBriefing.ts';
export { briefingPdf, findSoffice } from './briefingPdf.ts';
export { describeBriefingPeriod, parsePeriod, previousPeriod, reportedPeriod, yearBefore, type BriefingPeriod } from './briefingPeriod.ts';
export { amount, briefingSections, type BriefingPart, type BriefingSection, type Comparison } from './briefingText.ts';
export { briefingSides, readPeriodFigures, type PeriodFigures, type SideFigures, type BriefingSource } from './readBriefingFigures.ts';
