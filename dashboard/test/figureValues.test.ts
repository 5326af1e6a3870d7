import { describe, expect, test } from 'vitest';
import { FIGURE_NAMES } from '@linju/contract/figures';
import { figuresByName } from '../src/graphql/figureValues.ts';

describe('figures read by name from the list the operations ask for', () => {
  test('every list of figure values in an answer becomes figures by name, wherever it is', () => {
    const answer = {
      overview: { total: { values: [{ figure: 'crossAppointments', value: 56 }, { figure: 'incomePerHouseholdYuan', value: null }] } },
      jurisdictions: [{ key: 'sichuan', figures: { values: [{ figure: 'crossAppointments', value: 29 }] } }, null],
    };
    const read = figuresByName(answer) as unknown as { overview: { total: Record<string, number | null> }; jurisdictions: ({ key: string; figures: Record<string, number | null> } | null)[] };
    expect(read.overview.total.crossAppointments).toBe(56);
    expect(Object.keys(read.overview.total)).toEqual(FIGURE_NAMES);
    expect(read.jurisdictions[0]!.key).toBe('sichuan');
    expect(read.jurisdictions[0]!.figures.crossAppointments).toBe(29);
    expect(read.jurisdictions[1]).toBeNull();
  });

  test('a figure the gateway did not send reads as not reported (null), not as zero', () => {
    const read = figuresByName({ values: [] }) as unknown as Record<string, number | null>;
    expect(read.jointSeminarSessions).toBeNull();
  });
});
