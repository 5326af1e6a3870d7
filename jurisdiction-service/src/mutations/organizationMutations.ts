import { sqltag as sql } from '@prisma/client/runtime/client';
import { VOCABULARY } from '@linju/contract';
import type { Db } from '@linju/subgraph-runtime';
import { userInputError } from '@linju/contract';
import { lockRow, lockVersioned, updateVersioned } from '@linju/subgraph-runtime';
import { foundingDate, globalId, oneOf, optionalGlobalId, pastDate, text } from '@linju/subgraph-runtime';
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
      if (changes.parentId === id) throw userInputError(`parentId 上级组织不能是该组织自身 / ${id} is the organization itself`, 'parentId', 'self-reference');
    }
    if (Object.keys(changes).length === 0) throw userInputError('input 没有要修改的内容，请至少填写一项 / changes nothing: give at least one field to change', 'input', 'required');
    return { id, version: args.version as number, changes };
  },
  async write(tx, { id, version, changes }, _side, withinRegion) {
    const organization = await lockVersioned(tx, 'organization', id, version, async () => {
      if (changes.regionId) await ownRecord(tx, 'Region', changes.regionId as string, 'regionId');
      // Both where it is and where it moves to: a move across districts is the city's to make.
      await withinRegion([
        { type: 'Organization', id },
        ...(changes.regionId ? [{ type: 'Region', id: changes.regionId as string }] : []),
        ...(changes.parentId ? [{ type: 'Organization', id: changes.parentId as string, orAbove: true as const }] : []),
      ]);
    });
    if (changes.parentId) {
      const parent = await ownRecord(tx, 'Organization', changes.parentId as string, 'parentId');
      // A live organization is not put under a dissolved one; a dissolved one's history may still be corrected.
      if (!isoDate(organization.dissolvedOn)) duringLifeOf(parent, 'parentId', null, '', 'the parent');
      await refuseCycle(tx, id, parent.id);
    }
    // A live organization renamed or moved keeps a name of its own in its new place.
    if (!isoDate(organization.dissolvedOn) && ('name' in changes || 'parentId' in changes || 'regionId' in changes)) {
      const after: Record<string, unknown> = { ...organization, ...changes };
      await refuseNamesake(tx, { name: after.name as string, parentId: (after.parentId as string | null) ?? null, regionId: after.regionId as string }, id);
    }
    return updateVersioned(tx, 'organization', id, version, changes);
  },
});

/** An organization cannot be put below itself, directly or through its own children. */
async function refuseCycle(tx: Db, id: string, parentId: string): Promise<void> {
  const [below] = await tx.$queryRaw<unknown[]>(sql`
    WITH RECURSIVE up (id, parent_id) AS (
      SELECT id, parent_id FROM organization WHERE id = ${parentId}
      UNION SELECT o.id, o.parent_id FROM organization o JOIN up ON o.id = up.parent_id
    )
    SELECT 1 FROM up WHERE id = ${id} LIMIT 1`);
  if (below) throw userInputError(`parentId 上级组织不能是该组织的下级组织 / ${parentId} is below ${id}; an organization cannot be its own ancestor`, 'parentId', 'self-reference');
}

export const mergeOrganization = defineMutation({
  clean(args, side) {
    const id = globalId(args.id, 'id', own(side), 'Organization');
    const successorId = globalId(args.successorId, 'successorId', own(side), 'Organization');
    if (successorId === id) throw userInputError(`successorId 承继组织不能是该组织自身 / ${id} is the organization itself`, 'successorId', 'self-reference');
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
      await withinRegion([{ type: 'Organization', id }, { type: 'Organization', id: successorId }]);
    });
    // Set above: lockVersioned ran its check, which locked it if it was not locked first.
    const successor = locked!;
    refuseDissolved(organization, 'id');
    refuseDissolved(successor, 'successorId');
    pastDate(mergedOn, 'mergedOn', { date: isoDate(organization.foundedOn), what: `${id} was founded`, zh: '该组织的成立日期' });
    pastDate(mergedOn, 'mergedOn', { date: isoDate(successor.foundedOn), what: `successor ${successorId} was founded`, zh: '承继组织的成立日期' });
    // History is kept: the row stays, dissolved on the merger and pointing at its successor,
    // whose `mergedFrom` lists it; its posts end that day, as in the seed's merger.
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
  if (on) throw userInputError(`${field} 该组织已于 ${on} 撤销 / ${organization.id} was already dissolved on ${on}`, field, 'dissolved');
}
