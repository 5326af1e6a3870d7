import { IMPORTS, MUTATIONS } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';
import type { ImportResolver, MutationFactory, MutationResolver } from './defineMutation.ts';
import { createPerson, recordGrid, recordPairing, recordTeam, recordTeamAction } from './groupMutations.ts';
import { createOrganization, dissolveOrganization, mergeOrganization, updateOrganization } from './organizationMutations.ts';
import { updatePerson } from './personMutations.ts';
import { appointToPost, endPost } from './postMutations.ts';
import { withdrawRecord } from './withdrawRecord.ts';
import {
  recordActivity,
  recordCivilizationRecord,
  recordFacility,
  recordProject,
  recordServiceCase,
  recordTransportLink,
} from './recordMutations.ts';

/** The "record a thing" writes: what a clerk records, and may withdraw as registered in error. */
const RECORD_WRITES = {
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

/** Each write of the contract (`MUTATIONS`) by its name without the side's key. */
const WRITES: Record<string, MutationFactory> = {
  CreateOrganization: createOrganization,
  UpdateOrganization: updateOrganization,
  MergeOrganization: mergeOrganization,
  DissolveOrganization: dissolveOrganization,
  CreatePerson: createPerson,
  UpdatePerson: updatePerson,
  AppointToPost: appointToPost,
  EndPost: endPost,
  ...RECORD_WRITES,
  WithdrawRecord: withdrawRecord(Object.values(RECORD_WRITES)),
};

/**
 * The side's root mutation fields (`sichuanCreateOrganization` …), one per write of the contract,
 * and one per batch form (`sichuanImportActivities` …), made from the write's own definition.
 * Fails at start-up when the contract and the writes disagree, rather than at a clerk's first save.
 */
export function mutationResolvers(side: JurisdictionInfo): { Mutation: Record<string, MutationResolver | ImportResolver> } {
  const missing = MUTATIONS.filter((m) => !(m.name in WRITES)).map((m) => m.name);
  const unknown = Object.keys(WRITES).filter((name) => !MUTATIONS.some((m) => m.name === name));
  const noBatch = IMPORTS.filter((i) => !WRITES[i.write]?.batch).map((i) => i.write);
  if (missing.length || unknown.length || noBatch.length) {
    throw new Error(
      `Jurisdiction writes disagree with the contract: missing ${missing.join(', ') || 'none'}; not in the contract ${unknown.join(', ') || 'none'}; without a batch form ${noBatch.join(', ') || 'none'}`,
    );
  }
  const fields = MUTATIONS.map((m) => {
    const operation = `${side.key}${m.name}`;
    return [operation, WRITES[m.name]!(side, operation)] as const;
  });
  // A batch's rows are claimed under the single write's operation, so a key is one key either way.
  const imports = IMPORTS.map((i) => [`${side.key}${i.name}`, WRITES[i.write]!.batch!(side, `${side.key}${i.write}`)] as const);
  return { Mutation: Object.fromEntries([...fields, ...imports]) };
}
