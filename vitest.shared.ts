import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Test settings every workspace shares: telemetry off, logs silent, real servers need time to
 * start, files run one at a time (two cores, and each integration file starts its own PostgreSQL
 * clusters), and a JSON report that `scripts/summarizeTests.ts` folds into one closing line for CI.
 */
export const sharedTestConfig = defineConfig({
  resolve: {
    // One graphql, as under Node: graphql 16 has no `exports` map, so Vite would resolve an
    // `import 'graphql'` of test and source files through its `module` field to the ESM build, while
    // Apollo's packages, loaded by Node, get the CommonJS build; two copies, and `instanceof`
    // (GraphQLError, GraphQLSchema, TypeInfo's checks) fails between them. Sent to the CommonJS
    // entry, the import is externalized and Node hands back the module Apollo uses.
    // access/test/oneGraphql.test.ts proves it.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // Servers log nothing unless a test opts in with a logger of its own.
    env: { APOLLO_TELEMETRY_DISABLED: 'true', CHECKPOINT_DISABLE: '1', TURBO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A folder for the run's seeded store templates: each federation a test starts copies them
    // instead of making its stores from nothing (testing/src/storeTemplates.ts).
    globalSetup: [fileURLToPath(new URL('./testing/src/storeTemplatesSetup.ts', import.meta.url))],
    reporters: ['default', ['json', { outputFile: '.vitest/report.json' }]],
  },
});
