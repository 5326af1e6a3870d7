import { countsForAlliance } from '@linju/contract/allianceMembership';
import type { Choice, Found } from './searchableChoice.ts';
import type { AllianceChoice, Organizer } from './recordOperations.ts';

/** Names in the order a Chinese reader looks them up (pinyin). */
const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, 'zh-CN');

/** How many are listed, and whether the person must narrow the search to see the rest. */
function countNote(shown: number, fetched: number, total: number, search: string, what: string, where: string): string {
  if (total > fetched) return `共 ${total} 个，仅列出前 ${fetched} 个中的 ${shown} 个${what}，请输入名称缩小范围。`;
  if (shown === 0) return search ? `没有名称含“${search}”的${what}。` : `${where}没有${what}。`;
  return `${search ? `名称含“${search}”的` : `${where}共 `}${shown} 个${what}`;
}

/**
 * The organizers the form offers: the live organizations of a page of `organizations` (a dissolved
 * one may organize nothing more), each with its region's name, so one outside the operator's
 * region shows where it is.
 *
 * @param where what the list covers, for the note: the operator's region (磨溪镇) or the side (四川省)
 */
export function organizerChoices(page: { readonly totalCount: number; readonly edges: readonly { readonly node: Organizer }[] }, search: string, where: string): Found {
  const choices = page.edges
    .map((edge) => edge.node)
    .filter((organization) => !organization.dissolvedOn)
    .map((organization) => ({ value: organization.id, label: `${organization.name}（${organization.region.name}）` }))
    .sort(byLabel);
  return { choices, note: countNote(choices.length, page.edges.length, page.totalCount, search, '现有组织', where) };
}

/**
 * The alliances an activity may be recorded under: those not closed and, once the organizer is
 * chosen, those it counts for on the activity's date (`countsForAlliance`: a member then, or on a
 * member's line, above or below it). The store cannot check the joint office's members (another
 * store), so the form offers only the alliances that fit.
 */
export function allianceChoices(
  page: { readonly totalCount: number; readonly edges: readonly { readonly node: AllianceChoice }[] },
  search: string,
  organizer?: { readonly node: Organizer; readonly on?: string },
): Found {
  const open = page.edges.map((edge) => edge.node).filter((alliance) => !alliance.closedOn);
  const choices = open
    .filter((alliance) => !organizer || countsForAlliance(organizer.node, alliance.members, organizer.on || undefined))
    .map((alliance) => ({ value: alliance.id, label: alliance.name }))
    .sort(byLabel);
  const note = countNote(choices.length, page.edges.length, page.totalCount, search, '现有联盟', '联合办公室');
  if (!organizer) return { choices, note };
  // Of none on this page: said as such only when the page is the whole list.
  if (choices.length === 0 && page.totalCount <= page.edges.length) return { choices, note: `${organizer.node.name}不属于${search ? `名称含“${search}”的` : '任何'}现有联盟。` };
  return { choices, note: `${note}（${organizer.node.name}所属的联盟）` };
}
