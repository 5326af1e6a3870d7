import { MUTATIONS } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';
import type { MutationFactory, MutationResolver } from './defineMutation.ts';
import { createPerson, recordGrid, recordPairing, recordTeam, recordTeamAction } from './groupMutations.ts';
import { createOrganization, dissolveOrganization, mergeOrganization, updateOrganization } from './organizationMutations.ts';
import { appointToPost, endPost } from './postMutations.ts';
import {
  recordActivity,
  recordCivilizationRecord,
  recordFacility,
  recordProject,
  recordServiceCase,
  recordTransportLink,
} from './recordMutations.ts';

/** Each write of the contract (`MUTATIONS`) by its name without the side's key. */
const WRITES: Record<string, MutationFactory> = {
  CreateOrganization: createOrganization,
  UpdateOrganization: updateOrganization,
  MergeOrganization: mergeOrganization,
  DissolveOrganization: dissolveOrganization,
  CreatePerson: createPerson,
  AppointToPost: appointToPost,
  EndPost: endPost,
  RecordActivity: recordActivity,
  RecordServiceCase: recordServiceCase,
  RecordFacility: recordFacility,
  RecordProject: recordProject,
  RecordTeam: recordTeam,
  RecordTeamAction: recordTeamAction,
  RecordTransportLink: recordTransportLink,
  RecordCivilizationRecord: recordCivilizationRecord,
  RecordPairing: recordPairing,
  RecordGrid: recordGrid,
};

/**
 * The side's root mutation fields (`sichuanCreateOrganization` …), one per write of the contract.
 * Fails at start-up when the contract and the writes disagree, rather than at a clerk's first save.
 */
export function mutationResolvers(side: JurisdictionInfo): { Mutation: Record<string, MutationResolver> } {
  const missing = MUTATIONS.filter((m) => !(m.name in WRITES)).map((m) => m.name);
  const unknown = Object.keys(WRITES).filter((name) => !MUTATIONS.some((m) => m.name === name));
  if (missing.length || unknown.length) {
    throw new Error(`Jurisdiction writes disagree with the contract: missing ${missing.join(', ') || 'none'}; not in the contract ${unknown.join(', ') || 'none'}`);
  }
  const fields = MUTATIONS.map((m) => {
    const operation = `${side.key}${m.name}`;
    return [operation, WRITES[m.name]!(side, operation)] as const;
  });
  return { Mutation: Object.fromEntries(fields) };
}
