import { raw, sqltag as sql } from '@prisma/client/runtime/client';
import { parseGlobalId, recordTypeLabel, tableOfType, userInputError, WITHDRAW_RECORD_FUNCTION, WITHDRAWABLE_TYPES } from '@linju/contract';
import type { JurisdictionInfo } from '@linju/contract';
import { archiveShows, globalId, isForeignKeyViolation, notWithdrawable, noteWritten, text, toRow, withdrawnByOf, withdrawnRecordOf } from '@linju/subgraph-runtime';
import { defineMutation, type MutationFactory } from './defineMutation.ts';
import { own } from './fields.ts';
import { LENGTH } from './limits.ts';
import { WITHDRAWN_RECORD_REGION } from '../regionScope.ts';
import type { RecordMutationFactory } from './recordMutation.ts';

/** What a clerk uses instead, for the records that are not withdrawn but ended. */
const ENDED_INSTEAD: Readonly<Record<string, { zh: string; en: string }>> = {
  Organization: { zh: '党组织请用“撤销党组织”或“撤并”（保留历史）', en: 'dissolve or merge an organization instead' },
  Post: { zh: '职务请用“离任”', en: 'end a post instead' },
  Person: { zh: '人员不能撤销', en: 'a person is not withdrawn' },
};

const WITHDRAWABLE_LABELS = () => WITHDRAWABLE_TYPES.map(recordTypeLabel).join('、');

/** The record a withdrawal names: of this side, of a type a `Record…` write records. */
function withdrawableId(value: unknown, side: JurisdictionInfo): { id: string; type: string } {
  const type = typeof value === 'string' ? parseGlobalId(value.trim())?.type : undefined;
  const id = globalId(value, 'id', own(side), type ?? WITHDRAWABLE_TYPES[0]!);
  if (!WITHDRAWABLE_TYPES.includes(type!)) {
    const instead = ENDED_INSTEAD[type!];
    throw userInputError(
      `id 所指的是${recordTypeLabel(type!)}，只能撤销登记的${WITHDRAWABLE_LABELS()}记录${instead ? `；${instead.zh}` : ''} / ${id} is of type ${type}: only records of ${WITHDRAWABLE_TYPES.join(', ')} are withdrawn${instead ? `; ${instead.en}` : ''}`,
      'id',
      'not-withdrawable',
    );
  }
  return { id, type: type! };
}

/**
 * `<side>WithdrawRecord(id, reason)`: a record registered in error leaves its table, its lists and
 * (through its table's triggers) the figures, in one transaction with the audit entry; the owner's
 * function keeps it whole in `withdrawn_record` with the reason and who withdrew it. The operator's
 * region must cover the record, placed as its `Record…` write places it (`records`, by type).
 */
export function withdrawRecord(records: readonly RecordMutationFactory[]): MutationFactory {
  const placement = new Map(records.map((write) => [write.recorded.type, write.recorded]));
  const unplaced = WITHDRAWABLE_TYPES.filter((type) => !placement.has(type));
  if (unplaced.length) throw new Error(`WithdrawRecord: no Record… write places ${unplaced.join(', ')}`);
  return defineMutation({
    answersWithdrawn: true,
    clean: (args, side) => ({ ...withdrawableId(args.id, side), reason: text(args.reason, 'reason', LENGTH.reason) }),
    async write(tx, { id, type, reason }, side, withinRegion, caller) {
      const label = recordTypeLabel(type);
      const [found] = await tx.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM ${raw(tableOfType(type))} WHERE id = ${id} FOR UPDATE`);
      // Withdrawn before: when and why are told to an operator whose archive shows the withdrawal (it reads
      // them there), or whose region covers the record as the write placed it; the rest are refused outside-region.
      const mayKnow = async (kept: Record<string, unknown>) => {
        if (!(await archiveShows(tx, caller, side.key, id, WITHDRAWN_RECORD_REGION))) await withinRegion(placement.get(type)!.anchorsOf(toRow(kept)));
      };
      if (!found) throw await notWithdrawable(tx, id, label, mayKnow);
      await withinRegion(placement.get(type)!.anchorsOf(toRow(found)));
      let moved: Record<string, unknown>[];
      try {
        moved = await tx.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM ${raw(WITHDRAW_RECORD_FUNCTION)}(${type}, ${id}, ${reason}, ${withdrawnByOf(caller)})`);
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        throw userInputError(`id 所指的${label}记录仍被其他记录引用（如队伍的行动记录），请先撤销引用它的记录 / ${id} is still referred to by other records (a team's actions, say): withdraw those first`, 'id', 'in-use');
      }
      noteWritten(tx, [id]);
      return withdrawnRecordOf(moved[0]!);
    },
  });
}
