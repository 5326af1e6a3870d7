import type { JointSeed } from '@linju/border-seed';
import { agreementSignatories, agreements, cooperationItems } from './agreements.ts';
import { allianceMembers, alliances } from './alliances.ts';

/** The joint office's whole seed dataset, as plain rows. */
export const seed: JointSeed = { alliances, allianceMembers, agreements, agreementSignatories, cooperationItems };
