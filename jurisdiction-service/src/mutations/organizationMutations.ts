import { fieldMessage } from '@linju/contract/fieldLabels';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { CHILD_ORGANIZATION_KINDS, leadingRule, parentKindReason, VOCABULARY, type OrganizationKind } from '@linju/contract';
import type { Db, Row } from '@linju/subgraph-runtime';
import { userInputError } from '@linju/contract';
import { lockRow, lockVersioned, updateVersioned } from '@linju/subgraph-runtime';
import { foundingDate, globalId, oneOf, optionalGlobalId, pastDate, nothingGiven, text, unchanged } from '@linju/subgraph-runtime';
import { defineMutation, inputOf } from './defineMutation.ts';
import { endActivePosts } from './endActivePosts.ts';
import { refuseLaterRecords } from './refuseLaterRecords.ts';
import { own } from './fields.ts';
import { LENGTH } from './limits.ts';
import { duringLifeOf, isoDate, ownRecord } from './ownRecords.ts';
import { recordMutation } from './recordMutation.ts';
import { refuseNamesake, refuseNamesakes, type NameScope } from './organizationNamesake.ts';

/** Writes of organizations: create, update, merge into a successor, dissolve. */

export const createOrganization = recordMutation({
  type: 'Organization',
  clean: (input, side) => ({
    name: text(input.name, 'name', LENGTH.name),
    kind: oneOf(input.kind, 'kind', VOCABULARY.organizationKind),
    level: oneOf(input.level, 'level', VOCABULARY.organizationLevel),
    parentId: optionalGlobalId(input.parentId, 'parentId', own(side), 'Organization'),
    regionId: globalId(input.regionId, 'regionId', own(side), 'Region'),
    foundedOn: foundingDate(input.foundedOn, 'foundedOn'),
  }),
  refers: { parentId: { type: 'Organization' }, regionId: { type: 'Region' } },
  within: ['regionId'],
  // Its parent may be above the operator's region (a village branch under the town committee, a
  // town's under the district's), never in a sibling's.
  withinOrAbove: ['parentId'],
  // An organization cannot be founded before the one it belongs to, nor under a dissolved one.
  during: { of: 'parentId', date: 'foundedOn', what: 'the parent', alive: true },
  // A 党支部 leads no organization, a 党总支 only 党支部 (CHILD_ORGANIZATION_KINDS).
  fits: (values, found) => refuseParentKind(found.get('parentId'), values.kind as string),
  check: (tx, values) => refuseNamesake(tx, values as unknown as NameScope),
  // An import's rows of one name in one place: the second refused as the single write would refuse it after the first.
  checkAll: (tx, rows) => refuseNamesakes(tx, rows as readonly (NameScope | null)[]),
});

export const updateOrganization = defineMutation({
  clean(args, side) {
    const id = globalId(args.id, 'id', own(side), 'Organization');
    const input = inputOf(args);
    // Only the fields given change. A required field sent as null is taken as "unchanged" (forms
    // send every field); parentId sent as null means "no parent", left out means unchanged.
    const changes: Record<string, unknown> = {};
    if (input.name != null) changes.name = text(input.name, 'name', LENGTH.name);
    if (input.kind != null) changes.kind = oneOf(input.kind, 'kind', VOCABULARY.organizationKind);
    if (input.level != null) changes.level = oneOf(input.level, 'level', VOCABULARY.organizationLevel);
    if (input.regionId != null) changes.regionId = globalId(input.regionId, 'regionId', own(side), 'Region');
    if ('parentId' in input) {
      changes.parentId = optionalGlobalId(input.parentId, 'parentId', own(side), 'Organization');
      if (changes.parentId === id) throw userInputError(fieldMessage('parentId', `：上级组织不能是该组织自身`, `${id} is the organization itself`), 'parentId', 'self-reference');
    }
    if (Object.keys(changes).length === 0) throw nothingGiven();
    return { id, version: args.version as number, changes };
  },
  async write(tx, { id, version, changes }, _side, withinRegion) {
    const organization = await lockVersioned(tx, 'organization', id, version, async () => {
      if (changes.regionId) await ownRecord(tx, 'Region', changes.regionId as string, 'regionId');
      // Both where it is and where it moves to: a move across districts is the city's to make.
      await withinRegion([
        { type: 'Organization', id },
        ...(changes.regionId ? [{ type: 'Region', id: changes.regionId as string, what: '迁入的区划' }] : []),
        ...(changes.parentId ? [{ type: 'Organization', id: changes.parentId as string, orAbove: true as const, what: '上级党组织' }] : []),
      ]);
    });
    // A form saved without an edit moves no version (as UpdatePerson).
    if (Object.entries(changes).every(([field, value]) => (organization[field] ?? null) === value)) throw unchanged({ zh: '党组织', en: 'organization' });
    // The tree's kinds (CHILD_ORGANIZATION_KINDS), checked only for what this write changes: a stored
    // organization that broke the rule before it (`npm run tree:check` lists them) may still be renamed.
    const kind = (changes.kind ?? organization.kind) as string;
    const kindChanged = 'kind' in changes && changes.kind !== organization.kind;
    const parentChanged = 'parentId' in changes && changes.parentId !== (organization.parentId ?? null);
    if (changes.parentId) {
      const parent = await ownRecord(tx, 'Organization', changes.parentId as string, 'parentId');
      // A live organization is not put under a dissolved one; a dissolved one's history may still be corrected.
      if (!isoDate(organization.dissolvedOn)) duringLifeOf(parent, 'parentId', null, '', 'the parent');
      await refuseCycle(tx, id, parent.id);
      // Refused on what changed: the parent when it is new, the kind when a form sent the same parent back.
      if (parentChanged || kindChanged) refuseParentKind(parent, kind, parentChanged ? 'parentId' : 'kind');
    } else if (kindChanged && organization.parentId && !('parentId' in changes)) {
      // (parentId sent as null: it leaves its parent, which then leads it no more.)
      // Its parent kept, locked as a new parent is: its own kind cannot change meanwhile.
      refuseParentKind(await ownRecord(tx, 'Organization', organization.parentId as string, 'parentId'), kind, 'kind');
    }
    if (kindChanged) await refuseChildKinds(tx, organization, kind, 'kind');
    // A live organization renamed or moved keeps a name of its own in its new place.
    if (!isoDate(organization.dissolvedOn) && ('name' in changes || 'parentId' in changes || 'regionId' in changes)) {
      const after: Record<string, unknown> = { ...organization, ...changes };
      await refuseNamesake(tx, { name: after.name as string, parentId: (after.parentId as string | null) ?? null, regionId: after.regionId as string }, id);
    }
    return updateVersioned(tx, 'organization', id, version, changes);
  },
});

/**
 * `parent-kind`: an organization of kind `kind` cannot be under `parent` (CHILD_ORGANIZATION_KINDS):
 * 党支部下不能设立下级党组织；“白马村党支部”（党支部）不能作为党委的上级. On `field`: the parent named, or the kind changed.
 */
export function refuseParentKind(parent: Row | undefined, kind: string, field: 'parentId' | 'kind' = 'parentId'): void {
  const reason = parent && parentKindReason({ name: String(parent.name), kind: String(parent.kind) }, kind);
  if (reason) throw userInputError(fieldMessage(field, `：${reason}`, `${parent.id} is a ${parent.kind}, which ${leads(String(parent.kind))}: a ${kind} cannot be placed under it`), field, 'parent-kind');
}

/** What a kind leads, in the English half. */
const leads = (kind: string) => {
  const kinds = CHILD_ORGANIZATION_KINDS[kind as OrganizationKind] ?? [];
  return kinds.length ? `leads ${kinds.join(', ')} only` : 'leads no organization';
};

/**
 * `parent-kind`: an organization of kind `kind` would lead a live organization it cannot (a 党委 with a
 * 党总支 under it made a 党支部; a 党委 with 党委 under it merged into a 党总支). `organization`: whose
 * children are read, `kind` the kind they must fit, named by `holder` in the message (the organization
 * itself, or a merger's successor, which is not its own child here).
 */
async function refuseChildKinds(tx: Db, organization: Row, kind: string, field: 'kind' | 'successorId', holder?: Row): Promise<void> {
  const allowed = [...(CHILD_ORGANIZATION_KINDS[kind as OrganizationKind] ?? [])];
  const [child] = await tx.$queryRaw<{ id: string; name: string; kind: string }[]>(sql`
    SELECT id, name, kind FROM organization
    WHERE parent_id = ${organization.id} AND dissolved_on IS NULL AND NOT (kind = ANY(${allowed}::text[])) AND id IS DISTINCT FROM ${holder?.id ?? null}
    ORDER BY founded_on, id LIMIT 1`);
  if (!child) return;
  const rule = leadingRule(kind);
  const zh = holder
    ? `该组织下有${child.kind}“${child.name}”，承继组织“${String(holder.name)}”是${kind}，${rule}；请先将其下级党组织调整到能领导它们的组织下`
    : `该组织下有${child.kind}“${child.name}”，${rule}；请先将其下级党组织调整到能领导它们的组织下，再修改组织类别`;
  const en = holder
    ? `${organization.id} leads ${child.id} (a ${child.kind}); successor ${String(holder.id)} is a ${kind}, which ${leads(kind)}`
    : `${organization.id} leads ${child.id} (a ${child.kind}); a ${kind} ${leads(kind)}`;
  throw userInputError(fieldMessage(field, `：${zh}`, en), field, 'parent-kind');
}

/** An organization cannot be put below itself, directly or through its own children. */
async function refuseCycle(tx: Db, id: string, parentId: string): Promise<void> {
  const [below] = await tx.$queryRaw<unknown[]>(sql`
    WITH RECURSIVE up (id, parent_id) AS (
      SELECT id, parent_id FROM organization WHERE id = ${parentId}
      UNION SELECT o.id, o.parent_id FROM organization o JOIN up ON o.id = up.parent_id
    )
    SELECT 1 FROM up WHERE id = ${id} LIMIT 1`);
  if (below) throw userInputError(fieldMessage('parentId', `：上级组织不能是该组织的下级组织`, `${parentId} is below ${id}; an organization cannot be its own ancestor`), 'parentId', 'self-reference');
}

export const mergeOrganization = defineMutation({
  clean(args, side) {
    const id = globalId(args.id, 'id', own(side), 'Organization');
    const successorId = globalId(args.successorId, 'successorId', own(side), 'Organization');
    if (successorId === id) throw userInputError(fieldMessage('successorId', '：不能是该组织自身', `${id} is the organization itself`), 'successorId', 'self-reference');
    return { id, version: args.version as number, successorId, mergedOn: pastDate(args.mergedOn, 'mergedOn') };
  },
  async write(tx, { id, version, successorId, mergedOn }, _side, withinRegion) {
    // Both rows are locked in ID order, so two mergers of the same pair in opposite directions
    // queue instead of deadlocking.
    const lockSuccessor = () => lockRow(tx, 'organization', successorId, 'successorId');
    let locked = successorId < id ? await lockSuccessor() : undefined;
    // A merger across two districts changes both: only an operator over both (their city) makes it,
    // checked once both rows are locked (neither region can change meanwhile).
    const organization = await lockVersioned(tx, 'organization', id, version, async () => {
      locked ??= await lockSuccessor();
      await withinRegion([{ type: 'Organization', id }, { type: 'Organization', id: successorId, what: '合并入的党组织' }]);
    });
    // Set above: lockVersioned ran its check, which locked it if it was not locked first.
    const successor = locked!;
    refuseDissolved(organization, 'id');
    refuseDissolved(successor, 'successorId');
    pastDate(mergedOn, 'mergedOn', { date: isoDate(organization.foundedOn), what: `${id} was founded`, zh: '该组织的成立日期' });
    pastDate(mergedOn, 'mergedOn', { date: isoDate(successor.foundedOn), what: `successor ${successorId} was founded`, zh: '承继组织的成立日期' });
    // History is kept: the row stays, dissolved on the merger and pointing at its successor,
    // whose `mergedFrom` lists it; its posts end that day, as in the seed's merger.
    // Its live organizations stay under it (a merger moves none: each is moved with updateOrganization),
    // so the successor taking its place must be able to lead them: not a 党支部 taking over a 党总支's branches.
    await refuseChildKinds(tx, organization, String(successor.kind), 'successorId', successor);
    await refuseLaterRecords(tx, id, mergedOn, 'mergedOn');
    await endActivePosts(tx, id, mergedOn, 'mergedOn');
    return updateVersioned(tx, 'organization', id, version, { dissolvedOn: mergedOn, mergedIntoId: successorId });
  },
});

export const dissolveOrganization = defineMutation({
  clean(args, side) {
    const id = globalId(args.id, 'id', own(side), 'Organization');
    return { id, version: args.version as number, dissolvedOn: pastDate(args.dissolvedOn, 'dissolvedOn') };
  },
  async write(tx, { id, version, dissolvedOn }, _side, withinRegion) {
    const organization = await lockVersioned(tx, 'organization', id, version, () => withinRegion([{ type: 'Organization', id }]));
    refuseDissolved(organization, 'id');
    pastDate(dissolvedOn, 'dissolvedOn', { date: isoDate(organization.foundedOn), what: `${id} was founded`, zh: '该组织的成立日期' });
    await refuseLaterRecords(tx, id, dissolvedOn, 'dissolvedOn');
    await endActivePosts(tx, id, dissolvedOn, 'dissolvedOn');
    return updateVersioned(tx, 'organization', id, version, { dissolvedOn });
  },
});

function refuseDissolved(organization: { id: string; dissolvedOn?: unknown }, field: string): void {
  const on = isoDate(organization.dissolvedOn);
  if (on) throw userInputError(fieldMessage(field, `：该组织已于 ${on} 撤销`, `${organization.id} was already dissolved on ${on}`), field, 'dissolved');
}
