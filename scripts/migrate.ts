/**
 * `npm run migrate -- [--grant-runtime] [member …]`: applies each member's pending migrations to its
 * PostgreSQL as the store's owner (`<KEY>_MIGRATION_DATABASE_URL`, else `<KEY>_DATABASE_URL`), and
 * with `--grant-runtime` gives the role of `<KEY>_DATABASE_URL` the runtime's rights and no more.
 * See docs/operations.md (Migrations and the runtime role) and `runMigrate`.
 */
import { pathToFileURL } from 'node:url';
import { exitOnConfigError } from '@linju/observability/configError';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.CHECKPOINT_DISABLE = '1';

// Loaded here: the membership file (LINJU_FEDERATION_FILE) is read as @linju/contract loads, and a
// bad one is one line naming the variable, as in every process.
const [{ runMigrate }, { memberPackageFile, subgraphs }] = await Promise.all([import('@linju/subgraph-runtime'), import('@linju/schema/subgraphs')]).catch((error: unknown) => exitOnConfigError(error));
await runMigrate(
  process.argv.slice(2),
  subgraphs.map((entry) => entry.name),
  async (member) => {
    const entry = subgraphs.find((candidate) => candidate.name === member)!;
    const { definition } = (await import(pathToFileURL(memberPackageFile(entry, 'src/subgraph.ts')).href)) as { definition: { migrations: readonly import('@linju/contract').Migration[] } };
    return definition.migrations;
  },
);
