import { loadJurisdictionSeed } from '@linju/border-seed';
import type { JurisdictionSeed } from '@linju/border-seed';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * {{Prefix}}'s first records, loaded once on the first start: the province itself. Put this
 * side's seed dataset here (regions, organizations, people, posts …); every ID must start with
 * `{{key}}:`, and the store's CHECK constraints refuse any other.
 */
const seed: JurisdictionSeed = {
  regions: [{ id: '{{key}}:Region:province', code: '{{code}}', name: '{{name}}', level: 'province', parentId: null }],
  organizations: [],
  people: [],
  posts: [],
  activities: [],
  serviceCases: [],
  facilities: [],
  projects: [],
  teams: [],
  teamActions: [],
  transportLinks: [],
  civilizationRecords: [],
  pairings: [],
  grids: [],
};

/** Inserts {{Prefix}}'s seed (called once, inside the start-up's transaction). */
export async function loadSeed(tx: Prisma.TransactionClient): Promise<void> {
  await loadJurisdictionSeed(tx, seed);
}
