import { checkPeriod, type PeriodInput } from '@linju/contract';
import type { FigureTarget as FigureTargetRow } from '../generated/prisma/client.ts';
import type { JointContext } from './JointContext.ts';

/** A stored time as ISO 8601; a retried write answers with its first answer as stored JSON, where times are text already. */
const iso = (value: Date | string) => new Date(value).toISOString();

/** A target as the API shows it: its period as a `Period`, its times as ISO 8601. */
export const FigureTarget = {
  period: (target: FigureTargetRow) => ({ from: iso(target.periodFrom).slice(0, 10), to: iso(target.periodTo).slice(0, 10) }),
  updatedAt: (target: FigureTargetRow) => iso(target.updatedAt),
  removedAt: (target: FigureTargetRow) => (target.removedAt ? iso(target.removedAt) : null),
};

/**
 * The current targets whose period overlaps `period` (an open end overlaps everything on its side),
 * by figure, then side (the joint total first), then period. Public like the figures: a target is
 * the office's published plan, not anybody's record.
 */
export async function figureTargets(_: unknown, args: { period?: PeriodInput | null }, { prisma, audit }: JointContext): Promise<FigureTargetRow[]> {
  const period = checkPeriod(args.period);
  const rows = await prisma.figureTarget.findMany({
    where: {
      removedAt: null,
      ...(period.to && { periodFrom: { lte: new Date(`${period.to}T00:00:00Z`) } }),
      ...(period.from && { periodTo: { gte: new Date(`${period.from}T00:00:00Z`) } }),
    },
    orderBy: [{ figure: 'asc' }, { jurisdiction: { sort: 'asc', nulls: 'first' } }, { periodFrom: 'asc' }, { periodTo: 'asc' }, { id: 'asc' }],
  });
  audit.read('FigureTarget', rows.map((row) => row.id));
  return rows;
}
