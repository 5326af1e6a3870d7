import type { Prisma } from '../generated/prisma/client.ts';
import { seed } from './dataset.ts';
import { figureTargets } from './figureTargets.ts';

/** Inserts the joint office's seed dataset (called once, inside the start-up's transaction). */
export async function loadSeed(tx: Prisma.TransactionClient): Promise<void> {
  await tx.alliance.createMany({ data: seed.alliances });
  await tx.allianceMember.createMany({ data: seed.allianceMembers });
  await tx.agreement.createMany({ data: seed.agreements });
  await tx.agreementSignatory.createMany({ data: seed.agreementSignatories });
  await tx.cooperationItem.createMany({ data: seed.cooperationItems });
  await tx.figureTarget.createMany({ data: figureTargets });
}
