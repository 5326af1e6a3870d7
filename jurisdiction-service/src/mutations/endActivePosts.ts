import { fieldMessage } from '@linju/contract/fieldLabels';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { noteWritten } from '@linju/subgraph-runtime';
import type { Db } from '@linju/subgraph-runtime';
import { userInputError } from '@linju/contract';
import { isoDate } from './ownRecords.ts';

/**
 * Ends the posts still held in an organization that is dissolved or merged on `on`, as the seed
 * does for its merger: nobody holds a post in an organization that no longer exists. A post that
 * started after that day would end before it began, so such a date is refused (`before-start`).
 */
export async function endActivePosts(tx: Db, organizationId: string, on: string, field: string): Promise<void> {
  const [late] = await tx.$queryRaw<{ id: string; started_on: Date }[]>(sql`
    SELECT id, started_on FROM post
    WHERE organization_id = ${organizationId} AND ended_on IS NULL AND started_on > ${on}::date
    ORDER BY started_on DESC LIMIT 1`);
  if (late) throw userInputError(fieldMessage(field, `${on} 早于该组织一项在任职务的任职日期（${isoDate(late.started_on)}）`, `${on} is before post ${late.id} started (${isoDate(late.started_on)})`), field, 'before-start');
  const ended = await tx.$queryRaw<{ id: string }[]>(sql`
    UPDATE post SET ended_on = ${on}::date, version = version + 1
    WHERE organization_id = ${organizationId} AND ended_on IS NULL RETURNING id`);
  noteWritten(tx, ended.map((post) => post.id));
}
