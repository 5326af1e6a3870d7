import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { JURISDICTIONS, SHARED_SDL } from '@linju/subgraph-kit';

/** Every field of `JurisdictionFigures`, the selection the joint total requires from each side. */
export const FIGURE_FIELDS: string[] = (
  parse(SHARED_SDL).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'JurisdictionFigures',
  )!.fields ?? []
).map((f) => f.name.value);

/**
 * The part of the joint SDL that follows from the list of jurisdictions: a stub of each side's
 * organization and jurisdiction types (so the joint office can return references that the gateway
 * sends home), and the overview's per-side fields, which the joint total `@requires`.
 */
export function jurisdictionsSdl(): string {
  const selection = `{ ${FIGURE_FIELDS.join(' ')} }`;
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
