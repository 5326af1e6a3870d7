import { sqltag as sql } from '@prisma/client/runtime/client';
import { JOINT_HOME } from '@linju/contract';
import { LENGTH } from '@linju/contract/writeLimits';
import { globalId, notWithdrawable, noteWritten, text, withdrawnByOf, withdrawnRecordOf, type Row } from '@linju/subgraph-runtime';
import type { JointContext } from './JointContext.ts';
import { write, type Key } from './write.ts';

/**
 * 撤销登记 of the joint office: an agreement registered in error leaves its tables with its
 * signatories and items, kept whole in `withdrawn_record` with the reason and who withdrew it
 * (the store's function `linju_withdraw_agreement`, migration 0018), so it leaves the lists and the
 * joint figures. An alliance is closed instead (`closeAlliance`): the sides' records name it.
 */
export function withdrawAgreement(_: unknown, args: { id: unknown; reason: unknown } & Key, ctx: JointContext): Promise<Row> {
  const input = { id: globalId(args.id, 'id', JOINT_HOME.key, 'Agreement'), reason: text(args.reason, 'reason', LENGTH.reason) };
  return write(
    ctx,
    'withdrawAgreement',
    args.idempotencyKey,
    input,
    async (tx) => {
      const [moved] = await tx.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM linju_withdraw_agreement(${input.id}, ${input.reason}, ${withdrawnByOf(ctx.caller)})`);
      if (!moved) throw await notWithdrawable(tx, input.id, '框架协议');
      noteWritten(tx, [input.id]);
      return withdrawnRecordOf(moved);
    },
    input.id,
  );
}
