import { JOINT_HOME, parseGlobalId } from '@linju/contract';
import { countsForAlliance, type Membership } from '@linju/contract/allianceMembership';
import { isOutage, subgraphOf } from './answerParts.ts';
import { gatewayReason } from './gatewayReason.ts';
import { post, type GatewayCaller } from './gatewayClient.ts';
import type { LedgerKind } from './kinds/index.ts';
import { LedgerError } from './LedgerError.ts';
import { operationName } from './operationName.ts';
import type { ParsedRow } from './parseLedgerRows.ts';

/** How far below an alliance's member organizations a record's organization is looked for (town → village → its groups), within the gateway's cost limit. */
const LEVELS_BELOW = 2;
/** How far above them (town → district → city). */
const LEVELS_ABOVE = 3;

const below = (levels: number): string => (levels === 0 ? '' : ` children { id${below(levels - 1)} }`);
const above = (levels: number): string => (levels === 0 ? '' : ` parent { id${above(levels - 1)} }`);

/**
 * One alliance of the joint office with its founding and closing dates and its members past and
 * present, each with the organizations above and below it: what {@link checkAlliances} reads for
 * each alliance a ledger names.
 */
export const ALLIANCE_READ = `query ${operationName('alliance', 'members')}($id: ID!) { alliance(id: $id) { id name foundedOn closedOn members(includePast: true) { joinedOn leftOn organization { id${above(LEVELS_ABOVE)}${below(LEVELS_BELOW)} } } } }`;

interface Alliance {
  id: string;
  name: string;
  foundedOn: string;
  closedOn: string | null;
  members: Membership[];
}

/** Whether a cell holds an alliance's global ID (`joint:Alliance:…`). */
const isAllianceId = (value: unknown): value is string => {
  const id = parseGlobalId(value);
  return id?.home === 'joint' && id.type === 'Alliance';
};

/**
 * The alliance of that ID; null when the joint office has no such alliance. `stores` are those whose
 * answer the check needs: the joint office's, and the sides of the rows' organizations (an
 * organization counts for an alliance through members of its own side only).
 */
async function readAlliance(caller: GatewayCaller, id: string, stores: ReadonlySet<string>): Promise<Alliance | null> {
  const answer = await post(caller, ALLIANCE_READ, { id });
  const alliance = answer.data?.alliance as Alliance | null | undefined;
  const errors = answer.errors ?? [];
  // A store down that the check needs is an outage to retry (503), each store named once, whichever
  // error comes first. It is checked before the alliance is taken: with a side down the alliance
  // comes back with that side's members' organizations null, and its rows would be refused as not
  // counting for it ("correct the file"). The other side down changes nothing for these rows.
  const outages = errors.filter((error) => isOutage(error) && (!alliance || !subgraphOf(error) || stores.has(subgraphOf(error)!)));
  if (outages.length > 0) {
    const reasons = [...new Set(outages.map((error) => gatewayReason(error, '其子图暂时无法连接')))];
    throw new LedgerError(`无法核对所属联盟“${id}”，未导入任何内容：${reasons.join('；')}；请稍后重试。`, 'store-unavailable');
  }
  if (alliance) return alliance;
  // Not there (no error, or an ID of no alliance), or not readable now: the latter stops the import before anything is sent.
  const error = errors[0];
  if (!error || error.extensions?.code === 'NOT_FOUND' || error.extensions?.code === 'BAD_USER_INPUT') return null;
  throw new LedgerError(`无法核对所属联盟“${id}”，未导入任何内容：${gatewayReason(error, '网关没有返回数据')}；请稍后重试。`);
}

/**
 * Each row's 所属联盟 held against the joint office's alliances, before anything is sent: the side's
 * store cannot check another store's records, so the import does, as a client of the gateway. A
 * row is refused (on that column, in Chinese) whose alliance the joint office does not have, whose
 * date lies before the alliance was founded or after it was closed, or whose organization does not
 * count for it on that date (`countsForAlliance`: a member then, or above or below one).
 * Rows without an alliance cost nothing: each alliance a row names is read once.
 */
export async function checkAlliances(caller: GatewayCaller, kind: LedgerKind, rows: readonly ParsedRow[]): Promise<ParsedRow[]> {
  const allianceColumn = kind.columns.find((c) => c.field === 'allianceId');
  const named = new Set(rows.flatMap((row) => (isAllianceId(row.input?.allianceId) ? [row.input.allianceId] : [])));
  if (!allianceColumn || named.size === 0) return [...rows];
  const dateColumn = kind.columns.find((c) => c.type === 'date' && c.required);
  const organizationColumn = kind.columns.find((c) => c.reference?.list === 'organizations');
  const stores = new Set<string>([JOINT_HOME.key]);
  for (const row of rows) {
    const home = organizationColumn ? parseGlobalId(row.input?.[organizationColumn.field])?.home : undefined;
    if (home) stores.add(home);
  }
  const alliances = new Map<string, Alliance | null>();
  for (const id of named) alliances.set(id, await readAlliance(caller, id, stores));
  return rows.map((row) => {
    const id = row.input?.allianceId;
    // An ID of no alliance's form is the store's to refuse, with its own reason (ID 格式不正确).
    if (!row.input || !isAllianceId(id)) return row;
    const found = alliances.get(id);
    const date = dateColumn ? row.input[dateColumn.field] : undefined;
    const organization = organizationColumn ? row.input[organizationColumn.field] : undefined;
    let reason: string | null = null;
    if (!found) reason = `联合办公室没有全局 ID 为“${id}”的联盟，请核对`;
    else if (typeof date === 'string' && date < found.foundedOn) reason = `联盟“${found.name}”成立于 ${found.foundedOn}，早于此日期的${dateColumn!.header}不能归入该联盟`;
    else if (typeof date === 'string' && found.closedOn && date > found.closedOn) reason = `联盟“${found.name}”已于 ${found.closedOn} 撤销，此后的记录不能归入该联盟`;
    else if (typeof organization === 'string' && !countsForAlliance({ id: organization }, found.members, typeof date === 'string' ? date : undefined)) {
      reason = `${organizationColumn!.header}${typeof date === 'string' ? `在${date}` : ''}不属于联盟“${found.name}”（既不是其成员，也不在其成员组织的上下级中），不能归入该联盟`;
    }
    return reason ? { ...row, input: null, problems: [...row.problems, { column: allianceColumn.header, reason }] } : row;
  });
}
