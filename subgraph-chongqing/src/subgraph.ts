import { readFileSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { jurisdictionByKey } from '@linju/contract';
import { jurisdictionSubgraph } from '@linju/jurisdiction-service';
import { PrismaClient } from './generated/prisma/client.ts';
import { Query } from './resolvers/Query.ts';
import { loadSeed } from './seed/loadSeed.ts';

/** Chongqing's subgraph: the jurisdiction contract over Chongqing's own store, plus what Chongqing adds. */
export const definition = jurisdictionSubgraph({
  side: jurisdictionByKey('chongqing')!,
  sdl: readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
  resolvers: { Query },
  migrationsDir: new URL('../prisma/migrations/', import.meta.url),
  createPrisma: (pool) => new PrismaClient({ adapter: new PrismaPg(pool) }),
  seed: { name: 'seed-000-001-002', load: loadSeed },
});
