import { FIGURE_NAMES } from './figureCatalogue.ts';
import { figureOf, graphqlTypeOf, weightOf } from './figureRules.ts';

const description = (text: string) => `"""${text.replace(/"""/g, '\\"""')}"""`;

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
    return `  ${description(`${figure.label}（${figure.unit}${note}）/ ${figure.labelEn} (${figure.unitEn}${noteEn})`)}\n  ${name}: ${graphqlTypeOf(name)}`;
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
