import { danglingReferenceError, JOINT_HOME, parseGlobalId } from '@linju/contract';
import { recordReferenceTypename } from '@linju/jurisdiction-service';
import type { JointContext } from './JointContext.ts';

/** A reference the joint store holds: the alliance or agreement holding it, and the other side's ID. */
interface HeldReference {
  sourceId: string;
  field: string;
  target: { id: string };
}

/**
 * The sides' organizations the joint store refers to (members of alliances, past members included,
 * once however many membership periods they had, and agreement signatories), in one statement: their
 * homes say whether they still exist.
 */
export async function crossBorderReferences(_: unknown, _args: unknown, { prisma, audit }: JointContext): Promise<HeldReference[]> {
  const rows = await prisma.$queryRaw<{ source_id: string; field: string; target_id: string }[]>`
    SELECT DISTINCT alliance_id AS source_id, 'members' AS field, organization_id AS target_id FROM alliance_member
    UNION ALL
    SELECT agreement_id, 'signatories', organization_id FROM agreement_signatory
    ORDER BY source_id, target_id`;
  audit.readIds(rows.map((r) => r.source_id));
  return rows.map((r) => ({ sourceId: r.source_id, field: r.field, target: { id: r.target_id } }));
}

/** Whether the joint office still has an alliance or agreement: batched through the request's loaders. */
async function exists(id: string, { loaders }: JointContext): Promise<boolean> {
  const parsed = parseGlobalId(id);
  if (parsed?.home !== JOINT_HOME.key) return false;
  if (parsed.type === 'Alliance') return (await loaders.alliance.load(id)) !== null;
  if (parsed.type === 'Agreement') return (await loaders.agreement.load(id)) !== null;
  return false;
}

export const JointRecordReference = {
  exists: (ref: { id: string }, _args: unknown, ctx: JointContext) => exists(ref.id, ctx),
};

/**
 * Every reference goes to its home by `__typename`, read from the ID. An ID of no known home
 * (only a write around the API could store one) is answered here, as not existing: listed as
 * dangling rather than failing the whole reconciliation.
 */
export const RecordReference = {
  __resolveType: (ref: { id: string }) => recordReferenceTypename(ref.id) ?? `${JOINT_HOME.typePrefix}RecordReference`,
};

/**
 * `__resolveReference` of a joint record: a missing one is reported as dangling, never as a silent
 * null. A representation whose `id` is no joint global ID (only a caller writing its own
 * representations could send one) names nothing here: null, before any SQL.
 */
export const resolveJoint =
  <T>(load: (id: string, ctx: JointContext) => Promise<T | null>) =>
  async (ref: { id: unknown }, ctx: JointContext): Promise<T | null> => {
    if (parseGlobalId(ref.id)?.home !== JOINT_HOME.key) return null;
    const record = await load(ref.id as string, ctx);
    if (!record) throw danglingReferenceError(ref.id as string, JOINT_HOME.key);
    return record;
  };
