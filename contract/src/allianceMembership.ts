/**
 * Whether a record's organization may count for an alliance: the clients' check (a side's store
 * cannot read the joint office's members). The organization must be on the same line as a member
 * that belonged to the alliance on the record's date: the member itself, an organization below it
 * (a village's activity for the alliance its town joined), or one above it (a town's activity for
 * the joint village organization of its villages, as the seed's records are).
 */

/** An organization as a client read it, with those above it (`parent`) and below it (`children`) as far as it asked. */
export interface OrganizationLine {
  readonly id: string;
  readonly parent?: OrganizationLine | null;
  readonly children?: readonly OrganizationLine[] | null;
}

/** A membership as the joint office gives it. */
export interface Membership {
  readonly organization: OrganizationLine | null;
  readonly joinedOn: string;
  readonly leftOn: string | null;
}

/** The organizations on an organization's line: itself, those above it and those below it, as far as read. */
export function organizationsOnLine(organization: OrganizationLine): Set<string> {
  const ids = new Set<string>([organization.id]);
  for (let above = organization.parent; above; above = above.parent) ids.add(above.id);
  const below = (node: OrganizationLine) => {
    for (const child of node.children ?? []) {
      ids.add(child.id);
      below(child);
    }
  };
  below(organization);
  return ids;
}

/**
 * Whether `organization` (with its own line, as far as the client read it) counts for an alliance
 * of these members on `date` (ISO; omitted: any membership, past or present).
 */
export function countsForAlliance(organization: OrganizationLine, members: readonly Membership[], date?: string): boolean {
  const own = organizationsOnLine(organization);
  return members.some(
    (member) =>
      member.organization &&
      (date === undefined || (member.joinedOn <= date && (member.leftOn === null || date <= member.leftOn))) &&
      (own.has(member.organization.id) || organizationsOnLine(member.organization).has(organization.id)),
  );
}
