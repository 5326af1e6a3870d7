import { FIGURE_SOURCES, FIGURES, SERVICE_CHART_FIGURES, VOCABULARY, type FigureSource } from '@linju/contract';
import type { LedgerColumn } from './LedgerKind.ts';

/**
 * The names the dashboard's 川渝通办 cards and chart and the briefing give a kind of service case where they are not the kind's own
 * (川渝户口迁移 for 户口迁移, 养老保险关系转移 for 养老保险转移): the labels of the contract's figure catalogue
 * (`SERVICE_CHART_FIGURES`, each named as its card is) that count one kind of their source's vocabulary. A figure of an amount
 * (公积金互认互贷金额) names no kind and is none of them.
 */
const FIGURE_NAMES_OF_KINDS: readonly { label: string; kind: string; vocabulary: readonly string[] }[] = SERVICE_CHART_FIGURES.flatMap((name) => {
  const figure = FIGURES[name];
  const kind = (figure.filter as { kind?: string }).kind;
  const vocabulary = (FIGURE_SOURCES[figure.source] as FigureSource).kind?.vocabulary;
  return kind !== undefined && vocabulary && figure.label !== kind ? [{ label: figure.label, kind, vocabulary: VOCABULARY[vocabulary] }] : [];
});

/**
 * The value a vocabulary column's cell stands for (the one the store records), or undefined for none of it: one of the column's values
 * as it is, or a name the dashboard and the briefing show for one ({@link FIGURE_NAMES_OF_KINDS}), a 服务事项台账's 类别 川渝户口迁移 read
 * as 户口迁移. A clerk who writes a case as the figures name it was refused as 不在可选范围内.
 */
export function vocabularyValue(column: Pick<LedgerColumn, 'vocabulary'>, text: string): string | undefined {
  if (!column.vocabulary) return undefined;
  if (column.vocabulary.includes(text)) return text;
  return FIGURE_NAMES_OF_KINDS.find((f) => f.label === text && f.vocabulary === column.vocabulary)?.kind;
}

