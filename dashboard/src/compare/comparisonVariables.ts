import { comparisonPeriods, upToEndOf } from '../period/comparisonPeriods.ts';
import type { Period } from '../period/periodChoices.ts';

/**
 * `DashboardComparison`'s variables for a period and a side (null: all, with the joint total): a
 * comparison period that cannot be asked (an open end, or before the API's first date) is skipped.
 */
export function comparisonVariables(period: Period, side: string | null): Record<string, unknown> {
  const { yearBefore, before } = comparisonPeriods(period);
  return {
    yearBefore,
    before,
    upToEnd: upToEndOf(period),
    compare: !!(yearBefore || before),
    skipYearBefore: !yearBefore,
    skipBefore: !before,
    sides: side ? [side] : null,
    allSides: !side,
  };
}
