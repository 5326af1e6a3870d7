import { loadJurisdictionSeed } from '@linju/border-seed';
import type { Prisma } from '../generated/prisma/client.ts';
import { seed } from './dataset.ts';

/** Inserts Chongqing's seed dataset (called once, inside the start-up's transaction). */
export async function loadSeed(tx: Prisma.TransactionClient): Promise<void> {
  await loadJurisdictionSeed(tx, seed);
}
