import { defineConfig } from 'vitest/config';

/**
 * Test settings every workspace shares: telemetry off, logs silent, real servers need time to
 * start, files run one at a time (two cores, and each integration file starts its own PostgreSQL
 * clusters), and a JSON report that `scripts/summarizeTests.ts` folds into one closing line for CI.
 */
export const sharedTestConfig = defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // Servers log nothing unless a test opts in with a logger of its own.
    env: { APOLLO_TELEMETRY_DISABLED: 'true', CHECKPOINT_DISABLE: '1', TURBO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: '.vitest/report.json' }]],
  },
});
