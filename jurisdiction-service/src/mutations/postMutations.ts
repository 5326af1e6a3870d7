import { sqltag as sql } from '@prisma/client/runtime/client';
import { MULTI_SEAT_POST_TITLES } from '@linju/contract';
import { userInputError } from '@linju/contract';
import { insertRow, isUniqueViolation, lockRow, lockVersioned, newId, updateVersioned } from '@linju/subgraph-runtime';
import { globalId, pastDate, text } from '@linju/subgraph-runtime';
import { defineMutation, inputOf } from './defineMutation.ts';
import { allianceIdOf, ANY_SIDE, own } from './fields.ts';
import { LENGTH } from './limits.ts';
import { duringLifeOf, isoDate, recordOfEitherSide } from './ownRecords.ts';

/** Writes of posts: appointments (cross-appointments of the other side's people included) and their end. */

const postTaken = (title: string, organizationId: string, holderId: string | undefined) =>
  userInputError(`title ${title} of ${organizationId} is already held${holderId ? ` by ${holderId}` : ''}; end that post first`, 'title', 'post-taken');

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
    await withinRegion([{ type: 'Organization', id: organizationId }]);
    duringLifeOf(organization, 'organizationId', null, '', 'the organization');
    duringLifeOf(organization, 'organizationId', startedOn, 'startedOn', 'the organization');
    // The other side's person cannot be checked here: the post keeps the ID as a cross-border
    // reference, which the reconciliation asks the holder's home about.
    await recordOfEitherSide(tx, side, 'Person', holderId, 'holderId');
    const held = await tx.$queryRaw<{ holder_id: string }[]>(
      sql`SELECT holder_id FROM post WHERE organization_id = ${organizationId} AND title = ${title} AND ended_on IS NULL`,
    );
    if (held.some((p) => p.holder_id === holderId)) {
      throw userInputError(`holderId ${holderId} already holds ${title} in ${organizationId}`, 'holderId', 'duplicate');
    }
    if (held.length > 0 && !MULTI_SEAT_POST_TITLES.includes(title)) throw postTaken(title, organizationId, held[0]!.holder_id);
    try {
      return await insertRow(tx, 'post', { id: newId(side.key, 'Post'), ...values });
    } catch (error) {
      // A writer that did not take the organization's lock could still have filled the seat.
      if (isUniqueViolation(error, 'post_single_seat_idx')) throw postTaken(title, organizationId, undefined);
      throw error;
    }
  },
});

export const endPost = defineMutation({
  clean(args, side) {
    const id = globalId(args.id, 'id', own(side), 'Post');
    return { id, version: args.version as number, endedOn: pastDate(args.endedOn, 'endedOn') };
  },
  async write(tx, { id, version, endedOn }, _side, withinRegion) {
    const post = await lockVersioned(tx, 'post', id, version);
    await withinRegion([{ type: 'Post', id }]);
    const ended = isoDate(post.endedOn);
    if (ended) throw userInputError(`id ${id} already ended on ${ended}`, 'id', 'ended');
    pastDate(endedOn, 'endedOn', { date: isoDate(post.startedOn), what: `post ${id} started`, rule: 'before-start' });
    return updateVersioned(tx, 'post', id, version, { endedOn });
  },
});
