import { civilizationRecords as buildRecords } from '@linju/border-seed';
import type { CivilizationRecordRow } from '@linju/border-seed';
import { CHONGQING } from './regions.ts';

/** Seed 000, first half of 2021: Chongqing's share of 28 一约四会 / 56 conventions / 570 / 32 / 5. */
export const civilizationRecords: CivilizationRecordRow[] = buildRecords(CHONGQING, {
  villageCompacts: 13,
  conventions: 27,
  practiceActivities: { rows: 28, occurrences: 270 },
  festivalEvents: { rows: 9, occurrences: 15 },
  illegalReligionActions: { rows: 2, occurrences: 2 },
});
