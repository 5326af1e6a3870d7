import type { Agreement as AgreementRow } from '../generated/prisma/client.ts';
import type { JointContext } from './JointContext.ts';
import { resolveJoint } from './references.ts';

export const Agreement = {
  __resolveReference: resolveJoint((id, { loaders }) => loaders.agreement.load(id)),
  alliance: (agreement: AgreementRow, _: unknown, { loaders }: JointContext) => (agreement.allianceId ? loaders.alliance.load(agreement.allianceId) : null),
  signatories: async (agreement: AgreementRow, _: unknown, { loaders }: JointContext) =>
    (await loaders.signatories.load(agreement.id)).map((s) => ({ id: s.organizationId })),
  items: (agreement: AgreementRow, _: unknown, { loaders }: JointContext) => loaders.items.load(agreement.id),
};
