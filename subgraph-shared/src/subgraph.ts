import { readFileSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { accessControlPlugin } from '@linju/access';
import { AUDIT_SDL, FEDERATION_LINK, VALUE_TYPES_SDL, withAuditMigrations } from '@linju/contract';
import { auditPlugin, RequestAudit, unstorableTextPlugin, type SubgraphDefinition } from '@linju/subgraph-runtime';
import { addFieldLabels } from '@linju/contract/fieldLabels';
import { parse } from 'graphql';
import { PrismaClient } from './generated/prisma/client.ts';
import { JointLoaders } from './loaders/JointLoaders.ts';
import { jurisdictionsSdl } from './overviewSdl.ts';
import { referencesSdl } from './referencesSdl.ts';
import { resolvers } from './resolvers/index.ts';
import type { JointContext } from './resolvers/JointContext.ts';
import { loadSeed } from './seed/loadSeed.ts';

const SCHEMA = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
// A refusal names the joint office's own arguments in Chinese too (joinedOn → 加入日期).
addFieldLabels(SCHEMA);

/** The joint office's subgraph over its own store, which holds references to the sides' records only. */
export const definition: SubgraphDefinition<PrismaClient, JointContext> = {
  name: 'joint',
  typeDefs: parse([FEDERATION_LINK, VALUE_TYPES_SDL, AUDIT_SDL, SCHEMA, jurisdictionsSdl(), referencesSdl()].join('\n\n')),
  resolvers,
  // Rows of these tables resolve their fields by default from the columns of the same name (start-up checks the rest).
  storedTypes: { Alliance: 'alliance', AllianceMember: 'alliance_member', Agreement: 'agreement', CooperationItem: 'cooperation_item', FigureTarget: 'figure_target' },
  // Its own tables' migrations, and the audit log's from the contract, as every store has them.
  migrations: withAuditMigrations(new URL('../prisma/migrations/', import.meta.url)),
  createPrisma: (pool) => new PrismaClient({ adapter: new PrismaPg(pool) }),
  context: (prisma, caller, request) => {
    const audit = new RequestAudit(caller, request);
    return { caller, prisma, audit, loaders: new JointLoaders(prisma, audit) };
  },
  // The joint total adds up the sides' figures the query plan sends (`@requires`): it reads nothing here.
  derivedFields: ['JointOverview.total'],
  // Access rules first: a refused request still reaches the audit log, with its outcome.
  plugins: (prisma) => [accessControlPlugin('joint'), unstorableTextPlugin(), auditPlugin(prisma, 'joint')],
  seed: { name: 'seed-000-001', load: loadSeed },
};
