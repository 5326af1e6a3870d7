import type { ServiceCaseRow } from '@linju/border-seed';
import { serviceCases as buildServiceCases } from '@linju/border-seed';
import { CHONGQING } from './regions.ts';

/** Seed 000, first half of 2021: Chongqing's share of 415 moves / 1120 pension transfers / 69 loans of 1546 万元. */
export const serviceCases: ServiceCaseRow[] = buildServiceCases(CHONGQING, {
  householdMoves: 205,
  pensionTransfers: { rows: 115, people: 550 },
  housingLoans: { households: 33, amountWan: 734 },
});
