import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

export default mergeConfig(sharedTestConfig, {
  // test/cluster and test/hosts run apart (npm run test:cluster, vitest.cluster.config.ts): a dozen
  // processes behind HAProxy; each member in a network namespace of its own, as root.
  test: { include: ['test/**/*.test.ts'], exclude: ['test/cluster/**', 'test/hosts/**'] },
});
