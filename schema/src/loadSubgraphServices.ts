import { pathToFileURL } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import { contractDeclarationsTypeDefs } from '@linju/contract';
import { contractDeclarations, memberPackageFile, subgraphs, type SubgraphEntry } from './subgraphs.ts';

/** What composition needs from one subgraph. */
export interface SubgraphService {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: DocumentNode;
}

function isDocumentNode(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document';
}

async function loadOne(entry: SubgraphEntry): Promise<SubgraphService> {
  // Imported from the member's folder, so the membership file stays the only place that knows the members.
  const specifier = pathToFileURL(memberPackageFile(entry, 'src/typeDefs.ts')).href;
  const module: { typeDefs?: unknown } = await import(specifier);
  if (!isDocumentNode(module.typeDefs)) {
    throw new Error(`${specifier} must export typeDefs as a parsed GraphQL DocumentNode`);
  }
  return { name: entry.name, url: entry.defaultUrl, typeDefs: module.typeDefs };
}

/**
 * Loads every member's SDL, with the default URLs that the committed supergraph records, and adds
 * the contract declarations, which declare in full the interfaces the members declare by `id`.
 */
export async function loadSubgraphServices(entries: readonly SubgraphEntry[] = subgraphs): Promise<SubgraphService[]> {
  const members = await Promise.all(entries.map(loadOne));
  return [...members, { name: contractDeclarations.name, url: contractDeclarations.url, typeDefs: parse(contractDeclarationsTypeDefs()) }];
}
