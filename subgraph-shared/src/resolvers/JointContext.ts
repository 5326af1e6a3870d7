import type { Caller } from '@linju/access';
import type { RequestAudit } from '@linju/subgraph-runtime';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { JointLoaders } from '../loaders/JointLoaders.ts';

/** Per-request context of the joint subgraph. */
export interface JointContext {
  /** Who asks, as the gateway vouched for it. */
  caller: Caller;
  prisma: PrismaClient;
  loaders: JointLoaders;
  /** What this request reads and writes, for the joint store's audit log (fed by the loaders, lists and writes). */
  audit: RequestAudit;
}
