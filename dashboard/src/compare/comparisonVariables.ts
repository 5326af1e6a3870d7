import { comparisonPeriods } from '../period/comparisonPeriods.ts';
import type { Period } from '../period/periodChoices.ts';
import { standingAlliancesPeriod } from '../period/standingAlliances.ts';

/**
 * `DashboardComparison`'s variables for a period and a side (null: all, with the joint total): a
 * comparison period that cannot be asked (an open end, or before the API's first date) is skipped.
 */
export function comparisonVariables(period: Period, side: string | null): Record<string, unknown> {
  const { yearBefore, before } = comparisonPeriods(period);
  return {
    yearBefore,
    before,
    // The 累计 of alliances: those standing at the period's end, as the alliance list asks them.
    upToEnd: standingAlliancesPeriod(period),
    compare: !!(yearBefore || before),
    skipYearBefore: !yearBefore,
    skipBefore: !before,
    sides: side ? [side] : null,
    allSides: !side,
  };
}
