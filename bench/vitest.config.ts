import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

// bench/'s own tests, which need bench/'s own packages (Hive Gateway): not in `npm test`; .ci/run
// installs bench/ and runs them in a step of their own (docs/testing.md).
export default mergeConfig(sharedTestConfig, { test: { include: ['test/**/*.test.ts'] } });
