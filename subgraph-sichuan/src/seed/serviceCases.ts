import type { ServiceCaseRow } from '@linju/border-seed';
import { serviceCases as buildServiceCases } from '@linju/border-seed';
import { SICHUAN } from './regions.ts';

/** Seed 000, first half of 2021: Sichuan's share of 415 moves / 1120 pension transfers / 69 loans of 1546 万元. */
export const serviceCases: ServiceCaseRow[] = buildServiceCases(SICHUAN, {
  householdMoves: 210,
  pensionTransfers: { rows: 120, people: 570 },
  housingLoans: { households: 36, amountWan: 812 },
});
