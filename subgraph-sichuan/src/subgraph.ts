import { readFileSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { jurisdictionByKey } from '@linju/contract';
import { jurisdictionSubgraph } from '@linju/jurisdiction-service';
import { PrismaClient } from './generated/prisma/client.ts';
import { Query } from './resolvers/Query.ts';
import { loadSeed } from './seed/loadSeed.ts';

/**
 * What Sichuan adds to the contract: its own SDL, resolvers, migrations and seed. Exported so a test
 * can add a field of its own on top of whatever Sichuan has (test/ownStoredField.test.ts).
 */
export const parts: Parameters<typeof jurisdictionSubgraph<PrismaClient>>[0] = {
  side: jurisdictionByKey('sichuan')!,
  sdl: readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
  resolvers: { Query },
  migrationsDir: new URL('../prisma/migrations/', import.meta.url),
  createPrisma: (pool) => new PrismaClient({ adapter: new PrismaPg(pool) }),
  seed: { name: 'seed-000-001-002', load: loadSeed },
};

/** Sichuan's subgraph: the jurisdiction contract over Sichuan's own store, plus what Sichuan adds. */
export const definition = jurisdictionSubgraph(parts);
