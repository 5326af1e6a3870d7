import { BORDER_ALLIANCES, allianceId } from './border.ts';
import { day, inPeriod, laterOf, type Period } from './dates.ts';
import { gid, keyOf, memberKey, otherSide, serial, type Side } from './ids.ts';
import { personName } from './names.ts';
import { seededRandom } from './random.ts';
import type { OrganizationRow, PersonRow, PostRow } from './rows.ts';

/** Title of a committee post held across the border (交叉任职, 双委员制). */
export const CROSS_POST_TITLE = '村党组织委员';

/** Committee size (书记 included) by organization level: who a side seeds for each organization. */
export function committeeSize(org: OrganizationRow): number {
  switch (org.level) {
    case '乡镇':
      return 5;
    case '村':
    case '社区':
      return 6;
    default:
      return 3;
  }
}

/** When the sitting committee took office: the 2016–2017 elections, or the founding if later. */
function termStart(org: OrganizationRow): Date {
  return laterOf(day(org.level === '乡镇' ? '2016-11-15' : '2017-01-10'), org.foundedOn);
}

export interface Committee {
  people: PersonRow[];
  posts: PostRow[];
}

/**
 * The committee of each organization: members `<orgKey>-01…` (illustrative names unless given in
 * `knownNames`), the first holding the 书记 post, the others 委员. Posts of a dissolved
 * organization end on its dissolution.
 */
export function committees(side: Side, orgs: readonly OrganizationRow[], knownNames: Record<string, string> = {}): Committee {
  const people: PersonRow[] = [];
  const posts: PostRow[] = [];
  for (const org of orgs) {
    const orgKey = keyOf(org.id);
    const rng = seededRandom(`${side}:${orgKey}:committee`);
    for (let n = 1; n <= committeeSize(org); n++) {
      const key = memberKey(orgKey, n);
      const drawn = personName(rng);
      const known = knownNames[key];
      people.push({
        id: gid(side, 'Person', key),
        name: known ?? drawn.name,
        gender: known ? null : drawn.gender,
        organizationId: org.id,
        illustrative: known === undefined,
      });
      posts.push({
        id: gid(side, 'Post', key),
        title: n === 1 ? '书记' : '委员',
        organizationId: org.id,
        holderId: gid(side, 'Person', key),
        startedOn: termStart(org),
        endedOn: org.dissolvedOn,
        allianceId: null,
      });
    }
  }
  return { people, posts };
}

/**
 * The cross-appointments into `side`'s villages: in each joint village party organization, the
 * other side's village sends its 委员 (members 02, 03, …) to sit on this side's village committee.
 */
export function crossAppointments(side: Side, period?: Period): PostRow[] {
  const other = otherSide(side);
  const posts: PostRow[] = [];
  for (const alliance of BORDER_ALLIANCES) {
    const plan = alliance.appointments;
    if (!plan || (period && !inPeriod(day(plan.startedOn), period))) continue;
    const here = alliance.members.find((mb) => mb.side === side);
    const there = alliance.members.find((mb) => mb.side === other);
    if (!here || !there) throw new Error(`alliance ${alliance.key} lacks a member of both sides`);
    const count = side === 'sichuan' ? plan.intoSichuan : plan.intoChongqing;
    for (let j = 1; j <= count; j++) {
      posts.push({
        id: gid(side, 'Post', `${here.org}-cross-${serial(j, 2)}`),
        title: CROSS_POST_TITLE,
        organizationId: gid(side, 'Organization', here.org),
        holderId: gid(other, 'Person', memberKey(there.org, j + 1)),
        startedOn: day(plan.startedOn),
        endedOn: null,
        allianceId: allianceId(alliance.key),
      });
    }
  }
  return posts;
}
