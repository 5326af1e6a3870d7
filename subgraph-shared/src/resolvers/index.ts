import { DateScalar, jurisdictionByCode, typenameOf, type ResolverMap } from '@linju/subgraph-kit';
import { Agreement } from './Agreement.ts';
import { Alliance } from './Alliance.ts';
import { AllianceMember } from './AllianceMember.ts';
import { JointOverview } from './JointOverview.ts';
import { Query } from './Query.ts';

export const resolvers: ResolverMap = {
  Date: DateScalar,
  Query,
  Alliance,
  AllianceMember,
  Agreement,
  JointOverview,
  Organization: { __resolveType: (ref: { id: string }) => typenameOf(ref.id) ?? null },
  Jurisdiction: { __resolveType: (ref: { code: string }) => `${jurisdictionByCode(ref.code)!.typePrefix}Jurisdiction` },
};
