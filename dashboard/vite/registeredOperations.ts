import { dirname } from 'node:path';
import type { Plugin } from 'vite';
import { loadRegisteredOperations } from '@linju/schema/operations';

/** What `import x from '…/Name.graphql'` gives the page: the registry's own name, text and hash. */
export interface RegisteredDocument {
  readonly name: string;
  readonly document: string;
  readonly hash: string;
}

/**
 * Bundles each imported `.graphql` operation as the registry reads it (`@linju/schema/operations`):
 * the exact text, its name and the sha256 hash of `schema/operations/manifest.json`. The page sends
 * the hash computed here, at build time, so it needs no Web Crypto (absent from plain-HTTP pages
 * on a LAN address) and can never disagree with the manifest.
 */
export function registeredOperations(): Plugin {
  return {
    name: 'linju-registered-operations',
    async load(id) {
      if (!id.endsWith('.graphql')) return null;
      const operations = await loadRegisteredOperations([dirname(id)]);
      const operation = operations.find((candidate) => id.endsWith(`/${candidate.source}`));
      if (!operation) throw new Error(`${id} is not in a registered operations folder`);
      this.addWatchFile(id);
      const value: RegisteredDocument = { name: operation.name, document: operation.document, hash: operation.hash };
      return `export default ${JSON.stringify(value)};`;
    },
  };
}
