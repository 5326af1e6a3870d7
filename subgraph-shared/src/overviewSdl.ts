import { figurePartNames, JURISDICTIONS, jurisdictionIdentityFields } from '@linju/contract';

/**
 * The part of the joint SDL that follows from the list of jurisdictions: a stub of each side's
 * organization and jurisdiction types (so the joint office can return references that the gateway
 * sends home; a jurisdiction's code, key and name it answers itself, from the contract), and the
 * overview's per-side fields, which the joint total `@requires`.
 */
export function jurisdictionsSdl(): string {
  // The joint total requires every figure of the catalogue from each side, and each ratio's weighted
  // sum: a side's mean is rounded, so the joint mean is recomputed from the sums, never from it.
  const selection = `{ ${figurePartNames().join(' ')} }`;
  const stubs = JURISDICTIONS.flatMap((j) => [
    `"""${j.name}党组织 / ${j.nameEn} party organization"""\ntype ${j.typePrefix}Organization implements Organization @key(fields: "id", resolvable: false) {\n  """全局 ID / Global ID"""\n  id: ID!\n}`,
    `"""${j.name} / ${j.nameEn}"""\ntype ${j.typePrefix}Jurisdiction implements Jurisdiction @key(fields: "code", resolvable: false) {\n${jurisdictionIdentityFields(true)}\n}`,
  ]);
  const sides = JURISDICTIONS.map((j) => `  """${j.name}部分（由其子图计算）/ ${j.nameEn}'s part, computed by its subgraph"""\n  ${j.key}: JurisdictionFigures @external`);
  const requires = JURISDICTIONS.map((j) => `${j.key} ${selection}`).join(' ');
  return [
    `"""辖区（其记录与指标由其自身子图解析；代码、标识与名称为契约数据，各子图皆可答）/ A jurisdiction: its records and figures are resolved by its own subgraph; its code, key and name are contract data any subgraph answers"""\ninterface Jurisdiction {\n${jurisdictionIdentityFields(false)}\n}`,
    ...stubs,
    `extend type JointOverview {\n${sides.join('\n')}\n  """合计（由各方部分相加）/ Joint total, the sum of the sides' parts; null while a side is unavailable"""\n  total: JurisdictionFigures @requires(fields: "${requires}")\n}`,
  ].join('\n\n');
}
