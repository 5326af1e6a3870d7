import { parseGlobalId } from '@linju/contract';
import { gatewayReason } from './gatewayReason.ts';
import { post, type GatewayCaller } from './gatewayClient.ts';
import type { LedgerKind } from './kinds/index.ts';
import { LedgerError } from './LedgerError.ts';
import { operationName } from './operationName.ts';
import type { ParsedRow } from './parseLedgerRows.ts';

/**
 * How far below an alliance's member organizations a record's organization may be (town → village
 * → its groups): two levels keep the read within the gateway's cost limit.
 */
const LEVELS_BELOW = 2;

const below = (levels: number): string => (levels === 0 ? '' : ` children { id${below(levels - 1)} }`);

/**
 * One alliance of the joint office with its founding and closing dates and its member
 * organizations, each with the organizations below it: what {@link checkAlliances} reads for each
 * alliance a ledger names.
 */
export const ALLIANCE_READ = `query ${operationName('alliance', 'members')}($id: ID!) { alliance(id: $id) { id name foundedOn closedOn members { organization { id${below(LEVELS_BELOW)} } } } }`;

interface OrganizationTree {
  id: string;
  children?: OrganizationTree[];
}
interface Alliance {
  id: string;
  name: string;
  foundedOn: string;
  closedOn: string | null;
  members: { organization: OrganizationTree | null }[];
}

/** Whether a cell holds an alliance's global ID (`joint:Alliance:…`). */
const isAllianceId = (value: unknown): value is string => {
  const id = parseGlobalId(value);
  return id?.home === 'joint' && id.type === 'Alliance';
};

/** Every organization of a tree: the member and those below it. */
function everyOrganization(tree: OrganizationTree, into: Set<string>): Set<string> {
  into.add(tree.id);
  for (const child of tree.children ?? []) everyOrganization(child, into);
  return into;
}

/** The alliance of that ID with every organization in it or below a member of it; null when the joint office has no such alliance. */
async function readAlliance(caller: GatewayCaller, id: string): Promise<{ alliance: Alliance; organizations: Set<string> } | null> {
  const answer = await post(caller, ALLIANCE_READ, { id });
  const alliance = answer.data?.alliance as Alliance | null | undefined;
  if (!alliance) {
    // Not there (no error, or an ID of no alliance), or not readable now: the latter stops the import before anything is sent.
    const error = answer.errors?.[0];
    if (!error || error.extensions?.code === 'NOT_FOUND' || error.extensions?.code === 'BAD_USER_INPUT') return null;
    throw new LedgerError(`无法核对所属联盟“${id}”，未导入任何内容：${gatewayReason(error, '网关没有返回数据')}；请稍后重试。`);
  }
  const organizations = new Set<string>();
  // A member the other side does not let this caller see below is still a member itself.
  for (const member of alliance.members) if (member.organization) everyOrganization(member.organization, organizations);
  return { alliance, organizations };
}

/**
 * Each row's 所属联盟 held against the joint office's alliances, before anything is sent: the side's
 * store cannot check another store's records, so the import does, as a client of the gateway. A
 * row is refused (on that column, in Chinese) whose alliance the joint office does not have, whose
 * date lies before the alliance was founded or after it was closed, or whose organization is not a
 * member, itself or below a member (a village's activity counts for the alliance its town joined).
 * Rows without an alliance cost nothing: each alliance a row names is read once.
 */
export async function checkAlliances(caller: GatewayCaller, kind: LedgerKind, rows: readonly ParsedRow[]): Promise<ParsedRow[]> {
  const allianceColumn = kind.columns.find((c) => c.field === 'allianceId');
  if (!allianceColumn || !rows.some((row) => isAllianceId(row.input?.allianceId))) return [...rows];
  const named = new Set(rows.flatMap((row) => (isAllianceId(row.input?.allianceId) ? [row.input.allianceId] : [])));
  const alliances = new Map<string, Awaited<ReturnType<typeof readAlliance>>>();
  for (const id of named) alliances.set(id, await readAlliance(caller, id));
  const dateColumn = kind.columns.find((c) => c.type === 'date' && c.required);
  const organizationColumn = kind.columns.find((c) => c.reference?.list === 'organizations');
  return rows.map((row) => {
    const id = row.input?.allianceId;
    // An ID of no alliance's form is the store's to refuse, with its own reason (ID 格式不正确).
    if (!row.input || !isAllianceId(id)) return row;
    const found = alliances.get(id);
    const date = dateColumn ? row.input[dateColumn.field] : undefined;
    const organization = organizationColumn ? row.input[organizationColumn.field] : undefined;
    let reason: string | null = null;
    if (!found) reason = `联合办公室没有全局 ID 为“${id}”的联盟，请核对`;
    else if (typeof date === 'string' && date < found.alliance.foundedOn) reason = `联盟“${found.alliance.name}”成立于 ${found.alliance.foundedOn}，早于此日期的${dateColumn!.header}不能归入该联盟`;
    else if (typeof date === 'string' && found.alliance.closedOn && date > found.alliance.closedOn) reason = `联盟“${found.alliance.name}”已于 ${found.alliance.closedOn} 撤销，此后的记录不能归入该联盟`;
    else if (typeof organization === 'string' && !found.organizations.has(organization)) {
      reason = `${organizationColumn!.header}不是联盟“${found.alliance.name}”的成员，也不在其成员组织之下，不能归入该联盟`;
    }
    return reason ? { ...row, input: null, problems: [...row.problems, { column: allianceColumn.header, reason }] } : row;
  });
}
