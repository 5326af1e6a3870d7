import { jurisdictionByKey } from '@linju/contract';
import type { AllianceMember as MemberRow } from '../generated/prisma/client.ts';

export const AllianceMember = {
  // Only the reference is stored here; its __typename sends the gateway to the member's home.
  organization: (member: MemberRow) => ({ id: member.organizationId }),
  // The same ID as a reference whose home answers `exists`: a dashboard marks a member that is gone.
  reference: (member: MemberRow) => ({ id: member.organizationId }),
  jurisdiction: (member: MemberRow) => ({ code: jurisdictionByKey(member.jurisdiction)!.code }),
};
