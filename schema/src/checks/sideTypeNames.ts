import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { JURISDICTIONS } from '@linju/contract';
import type { SubgraphEntry } from '../subgraphs.ts';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The types a jurisdiction declares in its own `schema.graphql` that are not named after it
 * (`Hotline` where `ChongqingHotline` is meant). Each side's check passes such a type alone, but
 * should the other side declare a `Hotline` of its own, the two do not compose (non-shareable
 * fields), and `main` breaks only once both have merged: so a side's own type carries its prefix.
 * Root types are the federation's and stay as they are.
 */
export function sideTypeNameProblems(subgraphs: readonly SubgraphEntry[]): string[] {
  return JURISDICTIONS.flatMap(({ key, typePrefix }) => {
    const directory = subgraphs.find((subgraph) => subgraph.name === key)?.directory;
    const file = directory && join(directory, 'schema.graphql');
    if (!file || !existsSync(file)) return [];
    let document;
    try {
      document = parse(readFileSync(file, 'utf8'));
    } catch {
      return []; // A file that does not parse is composition's to report, with its place.
    }
    return document.definitions.flatMap((definition) => {
      if (!('name' in definition) || !definition.name) return [];
      const declared = [Kind.OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.ENUM_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION, Kind.UNION_TYPE_DEFINITION, Kind.SCALAR_TYPE_DEFINITION] as string[];
      const name = definition.name.value;
      if (!declared.includes(definition.kind) || ROOT_TYPES.has(name) || name.startsWith(typePrefix)) return [];
      return [`${relative(repositoryRoot, file)}: type ${name} is ${key}'s own, so it is named after it: call it ${typePrefix}${name} (another side's ${name} would not compose with it)`];
    });
  });
}
