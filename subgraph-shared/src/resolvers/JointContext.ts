import type { Caller } from '@linju/subgraph-kit';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { JointLoaders } from '../loaders/JointLoaders.ts';

/** Per-request context of the joint subgraph. */
export interface JointContext {
  /** Who asks, as the gateway vouched for it. */
  caller: Caller;
  prisma: PrismaClient;
  loaders: JointLoaders;
}
