import { signAgreement } from './agreementMutations.ts';
import { removeFigureTarget, setFigureTarget } from './figureTargetMutations.ts';
import { addAllianceMember, closeAlliance, createAlliance, removeAllianceMember } from './allianceMutations.ts';

/** The joint office's writes: alliances and their members, agreements, figure targets. */
export const Mutation = { createAlliance, addAllianceMember, removeAllianceMember, signAgreement, closeAlliance, setFigureTarget, removeFigureTarget };
