import { BORDER_ALLIANCES, allianceId, memberOrgId } from '@linju/border-seed';
import { day } from '@linju/border-seed';
import type { AllianceMemberRow, AllianceRow } from '@linju/border-seed';

// The alliances of the border register: 30 founded in the first half of 2021 (seed 000: 17 township,
// 11 joint village, 2 industry-chain), 3 more and the talent alliance by mid-2023 (seed 001).

export const alliances: AllianceRow[] = BORDER_ALLIANCES.map((a) => ({
  id: allianceId(a.key),
  kind: a.kind,
  name: a.name,
  foundedOn: day(a.foundedOn),
  closedOn: null,
  illustrative: a.illustrative,
}));

/** Members are references to each side's organizations (never copies), joined on the founding day. */
export const allianceMembers: AllianceMemberRow[] = BORDER_ALLIANCES.flatMap((a) =>
  a.members.map((m) => ({
    allianceId: allianceId(a.key),
    organizationId: memberOrgId(m),
    jurisdiction: m.side,
    joinedOn: day(a.foundedOn),
    leftOn: null,
  })),
);
