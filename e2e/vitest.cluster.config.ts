import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

/** `npm run test:cluster`: the replicas behind HAProxy (test/cluster), apart from the rest of e2e, with a report of its own. */
export default defineConfig({
  ...sharedTestConfig,
  test: {
    ...sharedTestConfig.test,
    include: ['test/cluster/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/report-cluster.json' }]],
  },
});
