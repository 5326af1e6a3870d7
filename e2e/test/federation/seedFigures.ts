import { SEED_000_ALLIANCES, SEED_000_FIGURES } from '@linju/border-seed';

/** Seed 000's period (Suining–Tongnan, first half of 2021), as the API takes it. */
export const H1_2021 = { from: '2021-01-01', to: '2021-06-30' };

/** The report's figures the seed dataset must reproduce through the gateway (border-seed holds them once). */
export const SEED_000_TOTALS: Record<string, number> = SEED_000_FIGURES as Record<string, number>;

export { SEED_000_ALLIANCES };
