import { isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

const BUILT_IN = new Set(['Query', 'Mutation', 'String', 'Int', 'Float', 'Boolean', 'ID']);
/** Chinese and English, and no value a template failed to fill (`Import in bulk: undefined`). */
const bilingual = (text?: string | null) => !!text && /[\u4e00-\u9fff]/.test(text) && /[A-Za-z]{3}/.test(text) && !/\bundefined\b|\[object Object\]/.test(text);

/**
 * Types and fields of a subgraph's own schema whose description is not in both Chinese and
 * English: the explorer's docs serve readers of both (the root Query and Mutation fields included).
 * Federation's and GraphQL's own types are skipped.
 */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('_') || type.name.startsWith('link__') || type.name.startsWith('federation__')) continue;
    if (!BUILT_IN.has(type.name) && !bilingual(type.description)) missing.push(type.name);
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) || (BUILT_IN.has(type.name) && type.name !== 'Query' && type.name !== 'Mutation')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.name.startsWith('_') && !bilingual(field.description)) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}
