import { signAgreement } from './agreementMutations.ts';
import { addAllianceMember, closeAlliance, createAlliance, removeAllianceMember } from './allianceMutations.ts';

/** The joint office's writes: alliances and their members, agreements. */
export const Mutation = { createAlliance, addAllianceMember, removeAllianceMember, signAgreement, closeAlliance };
