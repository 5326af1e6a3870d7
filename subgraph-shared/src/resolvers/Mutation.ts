import { signAgreement } from './agreementMutations.ts';
import { removeFigureTarget, setFigureTarget } from './figureTargetMutations.ts';
import { addAllianceMember, closeAlliance, correctAllianceMemberLeaving, createAlliance, removeAllianceMember, updateAlliance } from './allianceMutations.ts';
import { withdrawAgreement } from './withdrawAgreement.ts';

/** The joint office's writes: alliances and their members (a leave corrected), agreements (and their withdrawal), figure targets. */
export const Mutation = { createAlliance, updateAlliance, addAllianceMember, removeAllianceMember, correctAllianceMemberLeaving, signAgreement, withdrawAgreement, closeAlliance, setFigureTarget, removeFigureTarget };
