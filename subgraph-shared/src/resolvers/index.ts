import { DateScalar, figureValueList, jurisdictionByCode, JURISDICTIONS, SHARED_JURISDICTION_FIELDS, typenameOf, type ResolverMap } from '@linju/contract';
import { Agreement } from './Agreement.ts';
import { Alliance } from './Alliance.ts';
import { AllianceMember } from './AllianceMember.ts';
import { FigureTarget, figureTargets } from './FigureTarget.ts';
import { JointOverview } from './JointOverview.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { crossBorderReferences, JointRecordReference, RecordReference } from './references.ts';

export const resolvers: ResolverMap = {
  Date: DateScalar,
  Query: { ...Query, crossBorderReferences, figureTargets },
  Mutation,
  Alliance,
  AllianceMember,
  Agreement,
  FigureTarget,
  JointOverview,
  JurisdictionFigures: { values: figureValueList },
  JointRecordReference,
  RecordReference,
  Organization: { __resolveType: (ref: { id: string }) => typenameOf(ref.id) ?? null },
  Jurisdiction: { __resolveType: (ref: { code: string }) => `${jurisdictionByCode(ref.code)!.typePrefix}Jurisdiction` },
  // Contract data, answered as each side answers it (jurisdiction-service's Jurisdiction resolvers).
  ...Object.fromEntries(JURISDICTIONS.map((j) => [`${j.typePrefix}Jurisdiction`, Object.fromEntries(SHARED_JURISDICTION_FIELDS.map((field) => [field, () => j[field]]))])),
};
