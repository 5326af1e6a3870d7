import { civilizationRecords as buildRecords } from '@linju/border-seed';
import type { CivilizationRecordRow } from '@linju/border-seed';
import { SICHUAN } from './regions.ts';

/** Seed 000, first half of 2021: Sichuan's share of 28 一约四会 / 56 conventions / 570 / 32 / 5. */
export const civilizationRecords: CivilizationRecordRow[] = buildRecords(SICHUAN, {
  villageCompacts: 15,
  conventions: 29,
  practiceActivities: { rows: 30, occurrences: 300 },
  festivalEvents: { rows: 10, occurrences: 17 },
  illegalReligionActions: { rows: 2, occurrences: 3 },
});
