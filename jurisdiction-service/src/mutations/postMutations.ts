import { fieldMessage } from '@linju/contract/fieldLabels';
import { GraphQLError } from 'graphql';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { MULTI_SEAT_POST_TITLES, parseGlobalId } from '@linju/contract';
import { userInputError } from '@linju/contract';
import { insertRow, insertRows, isUniqueViolation, lockRow, lockVersioned, missingRecord, newId, rowsForWrite, updateVersioned, type Row } from '@linju/subgraph-runtime';
import { globalId, pastDate, text } from '@linju/subgraph-runtime';
import { defineMutation, inputOf } from './defineMutation.ts';
import { allianceIdOf, ANY_SIDE, own } from './fields.ts';
import { LENGTH } from './limits.ts';
import { duringLifeOf, isoDate, recordOfEitherSide } from './ownRecords.ts';

/** Writes of posts: appointments (cross-appointments of the other side's people included) and their end. */

const postTaken = (title: string, organizationId: string, holderId: string | undefined) =>
  userInputError(fieldMessage('title', `：该组织的“${title}”已有任职人，请先结束其任职`, `${title} of ${organizationId} is already held${holderId ? ` by ${holderId}` : ''}; end that post first`), 'title', 'post-taken');

/** Refuses an appointment to a seat already held (by the same person, or a single seat by anyone), given who holds it now. */
function refuseHeldSeat(held: readonly string[], { organizationId, title, holderId }: { organizationId: string; title: string; holderId: string }): void {
  if (held.includes(holderId)) throw userInputError(fieldMessage('holderId', `：该人员已在该组织担任“${title}”`, `${holderId} already holds ${title} in ${organizationId}`), 'holderId', 'duplicate');
  if (held.length > 0 && !MULTI_SEAT_POST_TITLES.includes(title)) throw postTaken(title, organizationId, held[0]);
}

/** The organization's life must hold the appointment: not dissolved, and founded by its start. */
function duringOrganizationsLife(organization: Row, startedOn: string): void {
  duringLifeOf(organization, 'organizationId', null, '', 'the organization');
  duringLifeOf(organization, 'organizationId', startedOn, 'startedOn', 'the organization');
}

export const appointToPost = defineMutation({
  clean(args, side) {
    const input = inputOf(args);
    return {
      organizationId: globalId(input.organizationId, 'organizationId', own(side), 'Organization'),
      title: text(input.title, 'title', LENGTH.postTitle),
      holderId: globalId(input.holderId, 'holderId', ANY_SIDE, 'Person'),
      startedOn: pastDate(input.startedOn, 'startedOn'),
      allianceId: allianceIdOf(input),
    };
  },
  async write(tx, values, side, withinRegion) {
    const { organizationId, title, holderId, startedOn } = values;
    // The organization's row lock makes appointments to it take turns, so a seat seen free here
    // stays free until this appointment commits.
    const organization = await lockRow(tx, 'organization', organizationId, 'organizationId');
    // The post is the organization's; its holder may be anyone, of either side.
    await withinRegion([{ type: 'Organization', id: organizationId, what: '任职组织' }]);
    duringOrganizationsLife(organization, startedOn);
    // The other side's person cannot be checked here: the post keeps the ID as a cross-border
    // reference, which the reconciliation asks the holder's home about.
    await recordOfEitherSide(tx, side, 'Person', holderId, 'holderId');
    const held = await tx.$queryRaw<{ holder_id: string }[]>(
      sql`SELECT holder_id FROM post WHERE organization_id = ${organizationId} AND title = ${title} AND ended_on IS NULL`,
    );
    refuseHeldSeat(held.map((p) => p.holder_id), values);
    try {
      return await insertRow(tx, 'post', { id: newId(side.key, 'Post'), ...values });
    } catch (error) {
      // A writer that did not take the organization's lock could still have filled the seat.
      if (isUniqueViolation(error, 'post_single_seat_idx')) throw postTaken(title, organizationId, undefined);
      throw error;
    }
  },
  batch: {
    async check(tx, inputs, side, outsideRegion) {
      const refusals = new Map<number, GraphQLError>();
      const refuse = (index: number, error: unknown) => {
        if (!(error instanceof GraphQLError)) throw error;
        refusals.set(index, error);
      };
      // The organizations' row locks, taken together, make other appointments to them wait for this batch.
      const organizations = await rowsForWrite(tx, 'organization', inputs.map((p) => p.organizationId), 'UPDATE');
      inputs.forEach((p, index) => organizations.has(p.organizationId) || refusals.set(index, missingRecord('organizationId', p.organizationId)));
      const placed = inputs.map((p, index) => (refusals.has(index) ? [] : [{ type: 'Organization', id: p.organizationId, what: '任职组织' }]));
      for (const [index, refusal] of await outsideRegion(placed)) refusals.set(index, refusal);
      const ownHolders = inputs.filter((p) => parseGlobalId(p.holderId)?.home === side.key).map((p) => p.holderId);
      const people = await rowsForWrite(tx, 'person', ownHolders, 'SHARE');
      const seats = await tx.$queryRaw<{ organization_id: string; title: string; holder_id: string }[]>(
        sql`SELECT organization_id, title, holder_id FROM post WHERE organization_id = ANY(${[...organizations.keys()]}::text[]) AND ended_on IS NULL`,
      );
      const held = new Map<string, string[]>();
      const seat = (organizationId: string, title: string) => `${organizationId} ${title}`;
      for (const p of seats) {
        const key = seat(p.organization_id, p.title);
        held.set(key, [...(held.get(key) ?? []), p.holder_id]);
      }
      inputs.forEach((p, index) => {
        if (refusals.has(index)) return;
        try {
          duringOrganizationsLife(organizations.get(p.organizationId)!, p.startedOn);
          if (parseGlobalId(p.holderId)?.home === side.key && !people.has(p.holderId)) throw missingRecord('holderId', p.holderId);
          const holders = held.get(seat(p.organizationId, p.title)) ?? [];
          refuseHeldSeat(holders, p);
          // Rows are appointed in order: a later row finds this one's seat taken.
          held.set(seat(p.organizationId, p.title), [...holders, p.holderId]);
        } catch (error) {
          refuse(index, error);
        }
      });
      return refusals;
    },
    insert: (tx, inputs, side) => insertRows(tx, 'post', inputs.map((values) => ({ id: newId(side.key, 'Post'), ...values }))),
  },
});

export const endPost = defineMutation({
  clean(args, side) {
    const id = globalId(args.id, 'id', own(side), 'Post');
    return { id, version: args.version as number, endedOn: pastDate(args.endedOn, 'endedOn') };
  },
  async write(tx, { id, version, endedOn }, _side, withinRegion) {
    const post = await lockVersioned(tx, 'post', id, version, () => withinRegion([{ type: 'Post', id }]));
    const ended = isoDate(post.endedOn);
    if (ended) throw userInputError(`id 该任职已于 ${ended} 结束 / ${id} already ended on ${ended}`, 'id', 'ended');
    pastDate(endedOn, 'endedOn', { date: isoDate(post.startedOn), what: `post ${id} started`, zh: '任职日期', rule: 'before-start' });
    return updateVersioned(tx, 'post', id, version, { endedOn });
  },
});
