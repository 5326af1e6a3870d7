import { fieldMessage } from '@linju/contract/fieldLabels';
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Db } from '@linju/subgraph-runtime';
import { userInputError } from '@linju/contract';
import { isoDate } from './ownRecords.ts';

/**
 * An organization cannot be dissolved or merged on a day before its own recorded life ended:
 * an activity it organized, a team, facility, project or pairing it started later would then
 * belong to an organization that no longer existed. One statement over the dated records.
 */
export async function refuseLaterRecords(tx: Db, organizationId: string, on: string, field: string): Promise<void> {
  const [later] = await tx.$queryRaw<{ id: string; dated: Date }[]>(sql`
    SELECT id, dated FROM (
      SELECT id, held_on AS dated FROM activity WHERE organizer_id = ${organizationId}
      UNION ALL SELECT id, founded_on FROM team WHERE organization_id = ${organizationId}
      UNION ALL SELECT id, opened_on FROM facility WHERE organization_id = ${organizationId}
      UNION ALL SELECT id, started_on FROM project WHERE organization_id = ${organizationId}
      UNION ALL SELECT id, started_on FROM pairing WHERE organization_id = ${organizationId}
      UNION ALL SELECT id, founded_on FROM organization WHERE parent_id = ${organizationId} AND dissolved_on IS NULL
    ) dated WHERE dated > ${on}::date ORDER BY dated DESC LIMIT 1`);
  if (later) throw userInputError(fieldMessage(field, `${on} 早于该组织 ${isoDate(later.dated)} 的记录，撤销或合并日期不能早于它`, `${on} is before ${later.id} (dated ${isoDate(later.dated)}) of this organization`), field, 'before-start');
}
