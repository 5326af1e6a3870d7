import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONTRACT_DECLARATIONS, FEDERATION, type MemberSubgraph } from '@linju/contract';

/** One member of the federation, as composition and the gateway see it. */
export interface SubgraphEntry {
  /** Subgraph name in the supergraph (`join__Graph`); also the prefix of its global IDs. */
  readonly name: string;
  /** Its package folder: `src/typeDefs.ts` exports its SDL, `src/server.ts` its `startSubgraph`, `src/index.ts` runs it. */
  readonly directory: string;
  /** Port the subgraph listens on when started on its own. */
  readonly defaultPort: number;
  /** URL written into the committed supergraph; deployments override it per subgraph. */
  readonly defaultUrl: string;
  /** Environment variable through which the gateway overrides `defaultUrl`. */
  readonly urlVariable: string;
}

function entry(name: string, { directory, port }: MemberSubgraph): SubgraphEntry {
  return {
    name,
    directory,
    defaultPort: port,
    defaultUrl: `http://127.0.0.1:${port}/graphql`,
    urlVariable: `${name.toUpperCase()}_URL`,
  };
}

/**
 * The federation's members, in composition order: each jurisdiction of `federation.json`, then
 * the joint office. Adding a jurisdiction means `npm run jurisdiction:add`, then
 * `npm run schema:compose`.
 */
export const subgraphs: readonly SubgraphEntry[] = [...FEDERATION.jurisdictions.map((j) => entry(j.key, j)), entry('joint', FEDERATION.joint)];

/** A member's package folder, as the membership file resolves it, that does not exist; `variable` is for the processes' one-line report. */
export class MemberPackageError extends Error {
  readonly variable = 'LINJU_FEDERATION_FILE';
  override readonly name = 'MemberPackageError';
}

/**
 * A file of a member's package (`src/subgraph.ts` …), for the tools that load a member's code
 * (migrations, composition, `npm start`). A relative `directory` in the membership file is
 * resolved from the file's own folder, not the working directory: a copy of `federation.json`
 * elsewhere needs absolute directories. A folder that does not exist is a {@link MemberPackageError}
 * naming `LINJU_FEDERATION_FILE` and the folder, instead of the import's stack trace.
 */
export function memberPackageFile(entry: SubgraphEntry, path: string, file: string = FEDERATION.file): string {
  if (!existsSync(entry.directory)) {
    throw new MemberPackageError(
      `LINJU_FEDERATION_FILE=${JSON.stringify(file)}: the ${entry.name} member's directory is ${entry.directory}, which does not exist (a relative directory is resolved from the file's folder, ${dirname(file)}; give an absolute one for a copy kept elsewhere)`,
    );
  }
  return join(entry.directory, path);
}

/**
 * The contract declarations (`contractDeclarationsTypeDefs` of @linju/contract): composed with the
 * members, so the supergraph names it, but served by no process and called by no query plan (it
 * has no root field and no entity). Its URL in the supergraph is no address: a gateway gives it no
 * connection, no secret and no readiness check. See docs/maintaining-a-subgraph.md.
 */
export const contractDeclarations = { name: CONTRACT_DECLARATIONS, url: 'urn:linju:contract-declarations' } as const;
