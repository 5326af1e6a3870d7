import type { PrismaClient } from '../generated/prisma/client.ts';
import type { JointLoaders } from '../loaders/JointLoaders.ts';

/** Per-request context of the joint subgraph. */
export interface JointContext {
  prisma: PrismaClient;
  loaders: JointLoaders;
}
