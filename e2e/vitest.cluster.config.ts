import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

/**
 * `npm run test:cluster`: the replicas behind HAProxy (test/cluster) and the members on separate
 * hosts (test/hosts: network namespaces, TLS, faults on the link), apart from the rest of e2e, with
 * a report of its own.
 */
export default defineConfig({
  ...sharedTestConfig,
  test: {
    ...sharedTestConfig.test,
    include: ['test/cluster/**/*.test.ts', 'test/hosts/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/report-cluster.json' }]],
  },
});
