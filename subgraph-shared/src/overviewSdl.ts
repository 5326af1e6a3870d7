import { FIGURE_NAMES, JURISDICTIONS } from '@linju/contract';

/**
 * The part of the joint SDL that follows from the list of jurisdictions: a stub of each side's
 * organization and jurisdiction types (so the joint office can return references that the gateway
 * sends home), and the overview's per-side fields, which the joint total `@requires`.
 */
export function jurisdictionsSdl(): string {
  // The joint total requires every figure of the catalogue from each side.
  const selection = `{ ${FIGURE_NAMES.join(' ')} }`;
  const stubs = JURISDICTIONS.flatMap((j) => [
    `"""${j.name}党组织 / ${j.nameEn} party organization"""\ntype ${j.typePrefix}Organization implements Organization @key(fields: "id", resolvable: false) {\n  """全局 ID / Global ID"""\n  id: ID!\n}`,
    `"""${j.name} / ${j.nameEn}"""\ntype ${j.typePrefix}Jurisdiction implements Jurisdiction @key(fields: "code", resolvable: false) {\n  """省级行政区划代码 / Province-level code"""\n  code: ID!\n}`,
  ]);
  const sides = JURISDICTIONS.map((j) => `  """${j.name}部分（由其子图计算）/ ${j.nameEn}'s part, computed by its subgraph"""\n  ${j.key}: JurisdictionFigures @external`);
  const requires = JURISDICTIONS.map((j) => `${j.key} ${selection}`).join(' ');
  return [
    ...stubs,
    `extend type JointOverview {\n${sides.join('\n')}\n  """合计（由各方部分相加）/ Joint total, the sum of the sides' parts; null while a side is unavailable"""\n  total: JurisdictionFigures @requires(fields: "${requires}")\n}`,
  ].join('\n\n');
}
