import { fieldMessage } from '@linju/contract/fieldLabels';
import { FIGURE_NAMES, FIGURES, isWhole, JOINT_HOME, JURISDICTIONS, notFoundError, quotedEn, quotedZh, todayInChina, userInputError, type FigureName } from '@linju/contract';
import { newId, validate } from '@linju/subgraph-runtime';
import type { FigureTarget } from '../generated/prisma/client.ts';
import { storedDate } from './allianceRules.ts';
import type { JointContext } from './JointContext.ts';
import { write, type Key } from './write.ts';

interface FigureTargetInput {
  figure: string;
  jurisdiction?: string | null;
  from: string;
  to: string;
  value: number;
  note?: string | null;
}

/** No figure of the catalogue comes near this (the largest are areas in m² and sums in 万元). */
const MAX_TARGET = 1_000_000_000;

/** A figure of the catalogue, by its name; anything else is refused, naming the figures there are. */
function figureName(value: unknown): FigureName {
  const name = typeof value === 'string' ? value.trim() : '';
  if ((FIGURE_NAMES as string[]).includes(name)) return name as FigureName;
  const known = FIGURE_NAMES.map((figure) => `${figure}（${FIGURES[figure].label}）`).join('、');
  throw userInputError(fieldMessage('figure', `${quotedZh(name)}不是指标目录中的指标，可选：${known}`, `${quotedEn(name)} is not a figure of the catalogue`), 'figure', 'unknown-kind');
}

/**
 * A jurisdiction's key, or null for the joint total. Only null (or leaving it out) means the joint
 * total: blank text is refused, so a form that sends "" for "not chosen" cannot overwrite it.
 */
function jurisdictionKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const key = typeof value === 'string' ? value.trim() : '';
  if (!key) throw userInputError(fieldMessage('jurisdiction', `不能为空；双方合计请不填此项（null）`, `must not be blank: leave it out (null) for the joint total`), 'jurisdiction', 'required');
  if (JURISDICTIONS.some((j) => j.key === key)) return key;
  const known = JURISDICTIONS.map((j) => `${j.key}（${j.name}）`).join('、');
  throw userInputError(fieldMessage('jurisdiction', `${quotedZh(key)}不是辖区，可选：${known}；双方合计不填此项（null）`, `${quotedEn(key)} is not a jurisdiction; leave it out (null) for the joint total`), 'jurisdiction', 'unknown-kind');
}

/** A target in the figure's unit: a whole number where the figure counts (sessions, people, cases …). */
function targetValue(value: unknown, figure: FigureName): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw userInputError(fieldMessage('value', `须为数字`, `must be a number`), 'value', 'malformed');
  if (value < 0) throw validate.negative('value', value);
  if (value > MAX_TARGET) throw validate.tooLarge('value', value, MAX_TARGET);
  if (isWhole(figure) && !Number.isInteger(value)) {
    const { label, labelEn, unit, unitEn } = FIGURES[figure];
    throw userInputError(fieldMessage('value', `须为整数：${label}以“${unit}”计（收到 ${value}）`, `must be a whole number (${value} given): ${labelEn} is counted in whole ${unitEn}`), 'value', 'malformed');
  }
  return Math.round(value * 100) / 100;
}

/**
 * Sets the target of a figure for one side (or the joint total) over a period: a new target, or a
 * new value and note for the current target of the same figure, side and period (its version moves on).
 */
export function setFigureTarget(_: unknown, args: { input: FigureTargetInput } & Key, ctx: JointContext): Promise<FigureTarget> {
  const figure = figureName(args.input.figure);
  const input = {
    figure,
    jurisdiction: jurisdictionKey(args.input.jurisdiction),
    from: args.input.from,
    to: args.input.to,
    value: targetValue(args.input.value, figure),
    note: validate.optionalText(args.input.note, 'note', 500),
  };
  if (input.from > input.to) throw userInputError(fieldMessage('to', `${input.to} 早于起始日期 ${input.from}`, `(${input.to}) is before from (${input.from}): the last day may not precede the first`), 'to', 'period');
  return write(ctx, 'setFigureTarget', args.idempotencyKey, input, async (tx) => {
    const where = { figure: input.figure, jurisdiction: input.jurisdiction, periodFrom: storedDate(input.from), periodTo: storedDate(input.to), removedAt: null };
    // Two settings of one target at once take turns (a lock until the transaction ends): the second finds the first's row.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${JSON.stringify([input.figure, input.jurisdiction, input.from, input.to])}, 0))::text`;
    const current = await tx.figureTarget.findFirst({ where });
    if (current) {
      return tx.figureTarget.update({
        where: { id: current.id },
        data: { value: input.value, note: input.note, version: { increment: 1 }, updatedAt: new Date() },
      });
    }
    return tx.figureTarget.create({ data: { id: newId(JOINT_HOME.key, 'FigureTarget'), ...where, value: input.value, note: input.note } });
  });
}

/** Takes a current target back: its row stays, with the time it was taken back. */
export function removeFigureTarget(_: unknown, args: { id: string } & Key, ctx: JointContext): Promise<FigureTarget> {
  const input = { id: validate.globalId(args.id, 'id', JOINT_HOME.key, 'FigureTarget') };
  return write(ctx, 'removeFigureTarget', args.idempotencyKey, input, async (tx) => {
    const target = await tx.figureTarget.findUnique({ where: { id: input.id } });
    if (!target) throw notFoundError(`id：没有指标目标 / no such figure target: ${input.id}`, 'id');
    if (target.removedAt) {
      throw userInputError(`id：该指标目标已于 ${todayInChina(target.removedAt)} 撤销 / ${input.id} was already taken back at ${target.removedAt.toISOString()}`, 'id', 'ended');
    }
    return tx.figureTarget.update({ where: { id: target.id }, data: { removedAt: new Date(), version: { increment: 1 }, updatedAt: new Date() } });
  }, input.id);
}
