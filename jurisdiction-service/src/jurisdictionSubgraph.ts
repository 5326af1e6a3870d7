import type pg from 'pg';
import { Kind, parse } from 'graphql';
import { contractMigrations } from '@linju/contract';
import { jurisdictionTypeDefs } from '@linju/contract';
import { readMigrations } from '@linju/contract';
import { auditPlugin } from '@linju/subgraph-runtime';
import { RequestAudit } from '@linju/subgraph-runtime';
import { accessControlPlugin } from '@linju/access';
import { guardPersonalFields } from '@linju/access';
import { JURISDICTIONS, type JurisdictionInfo } from '@linju/contract';
import type { ResolverMap } from '@linju/contract';
import type { SubgraphClient, SubgraphDefinition } from '@linju/subgraph-runtime';
import { unstorableTextPlugin } from '@linju/subgraph-runtime';
import { jurisdictionResolvers } from './jurisdictionResolvers.ts';
import { coversPerson } from './regionScope.ts';
import { JurisdictionLoaders } from './JurisdictionLoaders.ts';
import { TABLES } from './tables.ts';
import { PINYIN_COLLATION } from './listRecords.ts';
import type { JurisdictionContext } from './resolvers/context.ts';

/** What a jurisdiction brings of its own: its SDL and resolvers beyond the contract, its store, its seed. */
export interface JurisdictionParts<Prisma extends SubgraphClient> {
  side: JurisdictionInfo;
  /** The side's own schema.graphql: its root fields and anything it adds to its types. */
  sdl: string;
  resolvers: ResolverMap;
  /** The side's own types stored in its own tables (`SichuanVolunteer` → `volunteer`), if it adds any. */
  storedTypes?: Readonly<Record<string, string>>;
  /** The side's own `prisma/migrations`, applied after the contract's (none yet is fine). */
  migrationsDir: URL;
  createPrisma(pool: pg.Pool): Prisma;
  seed?: SubgraphDefinition<Prisma, JurisdictionContext>['seed'];
}

/** `Type.field` of every field the side's own SDL adds to an existing type (`extend type …`). */
function fieldsAddedTo(sdl: string): string[] {
  return parse(sdl).definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ? (definition.fields ?? []).map((field) => `${definition.name.value}.${field.name.value}`) : [],
  );
}

/**
 * A jurisdiction's subgraph: the contract's types under the side's prefix with the reference
 * resolvers, merged with what the side defines itself. A side may override any contract resolver
 * in its own `resolvers` (they are applied last), or add fields to its types in its SDL.
 */
export function jurisdictionSubgraph<Prisma extends SubgraphClient>(parts: JurisdictionParts<Prisma>): SubgraphDefinition<Prisma, JurisdictionContext> {
  const others = JURISDICTIONS.filter((j) => j.key !== parts.side.key);
  const resolvers: ResolverMap = { ...jurisdictionResolvers(parts.side) };
  for (const [type, fields] of Object.entries(parts.resolvers)) resolvers[type] = { ...resolvers[type], ...fields };
  return {
    name: parts.side.key,
    typeDefs: parse(`${jurisdictionTypeDefs(parts.side, others)}\n\n${parts.sdl}`),
    // Each contract record is a row of its table; a field the side adds to one of its types
    // (`extend type SichuanOrganization { … }`) resolves from a column of its own or a resolver of its own.
    storedTypes: {
      ...Object.fromEntries(Object.values(TABLES).map((spec) => [`${parts.side.typePrefix}${spec.type}`, spec.table])),
      ...parts.storedTypes,
    },
    ownFields: fieldsAddedTo(parts.sdl),
    // Personal data is guarded last, over the side's own resolvers too.
    resolvers: guardPersonalFields(resolvers, parts.side, coversPerson),
    migrations: [...contractMigrations(parts.side), ...readMigrations(parts.migrationsDir)],
    // Its lists' NAME order sorts by pinyin: a PostgreSQL built without ICU is refused at start, not at the first such read.
    nameCollation: PINYIN_COLLATION,
    createPrisma: parts.createPrisma,
    context: (prisma, caller, request) => {
      const audit = new RequestAudit(caller, request);
      return { caller, db: prisma, prisma, side: parts.side, audit, loaders: new JurisdictionLoaders(prisma, audit) };
    },
    seed: parts.seed,
    // Access rules first: a refused request still reaches the audit log, with its outcome.
    plugins: (prisma) => [accessControlPlugin(parts.side.key), unstorableTextPlugin(), auditPlugin(prisma, parts.side.key)],
  };
}
