import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

export default mergeConfig(sharedTestConfig, {
  // test/cluster runs apart (npm run test:cluster, vitest.cluster.config.ts): it starts a dozen processes behind HAProxy.
  test: { include: ['test/**/*.test.ts'], exclude: ['test/cluster/**'] },
});
