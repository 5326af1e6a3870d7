import { personTimeActivities, seminars } from '@linju/border-seed';
import type { ActivityRow } from '@linju/border-seed';
import { CHONGQING } from './regions.ts';

export const activities: ActivityRow[] = [
  // Seed 000, first half of 2021: Chongqing's share of 41 sessions / 155 / 372 person-times.
  ...seminars(CHONGQING, { rows: 11, sessions: 20 }),
  ...personTimeActivities(CHONGQING, '互派学习', { rows: 8, personTimes: 75 }),
  ...personTimeActivities(CHONGQING, '培训', { rows: 6, personTimes: 182 }),
];
