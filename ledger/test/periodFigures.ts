import { FIGURE_NAMES, type FigureName, type FigureValues } from '@linju/contract';
import type { PeriodFigures } from '../src/report/readBriefingFigures.ts';
import type { BriefingSection } from '../src/report/briefingText.ts';

/**
 * A period of 2021年上半年 as the store would answer it, without a federation: each side's figures
 * all `value` but those it names, the joint total that of the first side.
 */
export function periodOf(value: number | null, sides: { key: string; code: string; name: string; figures?: Partial<Record<FigureName, number>>; serviceCasesByKind?: { kind: string; cases: number }[] }[] = [{ key: 'sichuan', code: '510000', name: '四川省' }]): PeriodFigures {
  const all = (given: Partial<Record<FigureName, number>> = {}) => Object.fromEntries(FIGURE_NAMES.map((name) => [name, given[name] ?? value])) as FigureValues;
  return {
    period: { from: '2021-01-01', to: '2021-06-30' },
    alliances: { byKind: [] } as unknown as PeriodFigures['alliances'],
    agreements: {} as PeriodFigures['agreements'],
    total: all(sides[0]?.figures),
    sides: sides.map((side) => ({ key: side.key, code: side.code, name: side.name, figures: all(side.figures), activitiesByMonth: [], serviceCasesByKind: side.serviceCasesByKind ?? [] })),
    readAt: new Date('2021-07-08T00:00:00Z'),
  };
}

/** Every sentence of a briefing's sections, part by part, in order. */
export const sentencesOf = (sections: readonly BriefingSection[]) => sections.flatMap((section) => section.parts.flatMap((part) => part.sentences));
