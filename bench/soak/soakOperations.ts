import { JURISDICTIONS } from '@linju/contract';

/** The jurisdictions' keys, from `federation.json`: each is read and written on its own. */
export const SIDES: readonly string[] = JURISDICTIONS.map((j) => j.key);

/** What a request of the load does: one of the reads, or a write on one side. */
export type Kind = 'overview' | 'alliances' | `list:${string}` | `write:${string}`;

export const READ_KINDS: readonly Kind[] = ['overview', 'alliances', ...SIDES.map((side) => `list:${side}` as const)];
export const WRITE_KINDS: readonly Kind[] = SIDES.map((side) => `write:${side}` as const);

const FIGURES = '{ crossAppointments jointSeminarSessions }';
const OVERVIEW = `query SoakOverview { overview(period: { from: "2021-01-01", to: "2021-06-30" }) {
  alliances { townshipAlliances jointVillageOrganizations }
  ${SIDES.map((side) => `${side} ${FIGURES}`).join(' ')} total ${FIGURES} } }`;
const ALLIANCES = `query SoakAlliances { alliances(first: 3) { totalCount edges { node { id name kind
  members { jurisdiction { key } organization { __typename id name } } } } } }`;
const LIST = (side: string) => `query SoakList { ${side} { organizations(first: 20) { totalCount edges { node { id name kind level } } } } }`;

/** The query a read sends. */
export function readQuery(kind: Kind): string {
  return kind === 'overview' ? OVERVIEW : kind === 'alliances' ? ALLIANCES : LIST(kind.slice('list:'.length));
}

/** A write: an activity recorded on one side, with its idempotency key. */
export const RECORD = (side: string) =>
  `mutation SoakRecord($input: ActivityInput!, $key: String) { ${side}RecordActivity(input: $input, idempotencyKey: $key) { id title } }`;

/** The variables of a write: its key, and an activity of `title` held on `heldOn`, organized by `organizerId`. */
export const recordVariables = ({ key, title, heldOn, organizerId }: { key: string; title: string; heldOn: string; organizerId: string }) => ({ key, input: { kind: '座谈交流', title, heldOn, organizerId, sessions: 1 } });

/** A page of one side's activities whose title contains `search`: how the writes are found again. */
export const WRITTEN = (side: string) => `query SoakWritten($search: String!, $after: String) {
  ${side} { activities(filter: { search: $search }, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id title } } } } }`;

/** The organizations of every side, for live town committees to organize the writes. */
export const ORGANIZATIONS = `{ ${SIDES.map((side) => `${side} { organizations(first: 100) { edges { node { id level kind foundedOn dissolvedOn } } } }`).join('\n  ')} }`;
