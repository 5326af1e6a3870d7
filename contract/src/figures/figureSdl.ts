import { FIGURE_NAMES, type FigureName } from './figureCatalogue.ts';
import { figureOf, graphqlTypeOf, weightedSumOf, weightOf } from './figureRules.ts';

const description = (text: string) => `"""${text.replace(/"""/g, '\\"""')}"""`;

/**
 * A ratio's weighted sum beside it (`weightedSumOf`): what the joint total recomputes its mean from,
 * the sides' means being rounded. Never null (0 without records).
 */
function weightedSumField(name: FigureName, weight: FigureName): string {
  const figure = figureOf(name);
  const by = figureOf(weight);
  return `  ${description(
    `${figure.label}的加权和（各条记录的${figure.label}×${by.label}之和，${figure.unit}×${by.unit}，未舍入；合计的${figure.label}由各方的加权和与${by.label}重算，只舍入一次）/ ` +
      `${figure.labelEn}, weighted sum (each record's value times its ${by.labelEn.toLowerCase()}, ${figure.unitEn} × ${by.unitEn}, not rounded; the joint total's mean is recomputed from the sides' weighted sums and weights, rounded once)`,
  )}\n  ${weightedSumOf(name)}: Float!`;
}

/**
 * `JurisdictionFigures` and `FigureValue`, generated from the figure catalogue: every subgraph
 * serves the same definition (`@shareable`), so the joint office can total what the sides compute.
 */
export function figuresSdl(): string {
  const fields = FIGURE_NAMES.map((name) => {
    const figure = figureOf(name);
    const weight = weightOf(name);
    const note = weight ? `，按${figureOf(weight).label}加权；无${figureOf(weight).label}时为空` : '';
    const noteEn = weight ? `, weighted by ${figureOf(weight).labelEn.toLowerCase()}; null without any` : '';
    const field = `  ${description(`${figure.label}（${figure.unit}${note}）/ ${figure.labelEn} (${figure.unitEn}${noteEn})`)}\n  ${name}: ${graphqlTypeOf(name)}`;
    return weight ? `${field}\n${weightedSumField(name, weight)}` : field;
  });
  return `${description('一方辖区的指标（对应遂潼“邻聚党建”统计口径）/ One jurisdiction\'s figures for a period, as reported in the Suining–Tongnan programme')}
type JurisdictionFigures @shareable {
${fields.join('\n')}
  ${description('全部指标（按指标目录顺序）/ Every figure as name and value, in the order of the figure catalogue')}
  values: [FigureValue!]!
}

${description('一项指标的值 / One figure\'s value')}
type FigureValue @shareable {
  ${description('指标字段名（JurisdictionFigures 的字段）/ The figure\'s field name in JurisdictionFigures')}
  figure: String!
  ${description('数值；比率无权重时为空 / Its value; null for a ratio without weight')}
  value: Float
}`;
}
