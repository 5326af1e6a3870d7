import type { JurisdictionSeed } from '@linju/border-seed';
import { activities } from './activities.ts';
import { civilizationRecords } from './civilization.ts';
import { facilities } from './facilities.ts';
import { grids, pairing } from './local.ts';
import { organizations } from './organizations.ts';
import { people, posts } from './people.ts';
import { projects } from './projects.ts';
import { regions } from './regions.ts';
import { serviceCases } from './serviceCases.ts';
import { teamActions, teams } from './teams.ts';
import { transportLinks } from './transport.ts';

/** Chongqing's whole seed dataset, as plain rows. */
export const seed: JurisdictionSeed = {
  regions,
  organizations,
  people: [...people, ...pairing.people],
  posts,
  activities,
  serviceCases,
  facilities,
  projects,
  teams,
  teamActions,
  transportLinks,
  civilizationRecords,
  pairings: pairing.pairings,
  grids,
};
