import type { ResolverMap } from '@linju/contract';
import { recordInterfaceNames } from '@linju/contract';
import { typenameOf } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';
import { DateScalar } from '@linju/contract';
import { mutationResolvers } from './mutations/index.ts';
import { referenceResolvers } from './references/referenceResolvers.ts';
import { Activity } from './resolvers/Activity.ts';
import { CivilizationRecord } from './resolvers/CivilizationRecord.ts';
import type { JurisdictionContext } from './resolvers/context.ts';
import { Facility } from './resolvers/Facility.ts';
import { Grid } from './resolvers/Grid.ts';
import { jointOverview } from './resolvers/JointOverview.ts';
import { figureValueList } from '@linju/contract';
import { Jurisdiction } from './resolvers/Jurisdiction.ts';
import { Organization } from './resolvers/Organization.ts';
import { Pairing } from './resolvers/Pairing.ts';
import { Person } from './resolvers/Person.ts';
import { Post } from './resolvers/Post.ts';
import { Project } from './resolvers/Project.ts';
import { Region } from './resolvers/Region.ts';
import { ServiceCase } from './resolvers/ServiceCase.ts';
import { Team } from './resolvers/Team.ts';
import { TeamAction } from './resolvers/TeamAction.ts';
import { TransportLink } from './resolvers/TransportLink.ts';

const RECORDS = { Region, Organization, Person, Post, Activity, ServiceCase, Facility, Project, Team, TeamAction, TransportLink, CivilizationRecord, Pairing, Grid };

/**
 * The resolvers of the jurisdiction contract for one side: each contract resolver is mounted on
 * the side's own type (`Organization` → `SichuanOrganization`), and every interface resolves a
 * record's concrete type from its global ID, so a reference to the other side's record goes home.
 */
export function jurisdictionResolvers(side: JurisdictionInfo): ResolverMap {
  const missing = recordInterfaceNames().filter((name) => !(name in RECORDS));
  if (missing.length) throw new Error(`No resolvers for contract types: ${missing.join(', ')}`);
  const resolvers: ResolverMap = {
    Date: DateScalar as never,
    Jurisdiction: { __resolveType: () => `${side.typePrefix}Jurisdiction` },
    [`${side.typePrefix}Jurisdiction`]: Jurisdiction as never,
    JointOverview: jointOverview(side.key) as never,
    JurisdictionFigures: { values: figureValueList },
    ...mutationResolvers(side),
  };
  for (const [name, typeResolvers] of Object.entries(RECORDS)) {
    resolvers[name] = { __resolveType: (record: { id: string }) => typenameOf(record.id) ?? null } as never;
    resolvers[`${side.typePrefix}${name}`] = typeResolvers as never;
  }
  for (const [type, fields] of Object.entries(referenceResolvers(side))) resolvers[type] = { ...resolvers[type], ...fields };
  return resolvers;
}
