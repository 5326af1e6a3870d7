import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.ts';

/**
 * Files that need modules of their own, loaded fresh: one adds a figure to the catalogue before
 * the servers it starts derive from it, one checks that no server registered OpenTelemetry's global
 * context manager. Every other file shares the worker's loaded modules (`isolate: false`): each starts
 * its own servers and stores (the files that only read share one federation, `sharedFederation`,
 * which lives as long as the worker), and loading the servers' modules again for each of ~60 files cost about
 * a tenth of the run.
 */
const FRESH_MODULES = ['test/figures/newFigure.test.ts', 'test/observability/tracingOff.test.ts'];

export default mergeConfig(sharedTestConfig, {
  test: {
    projects: [
      // test/cluster and test/hosts run apart (npm run test:cluster, vitest.cluster.config.ts): a dozen
      // processes behind HAProxy; each member in a network namespace of its own, as root.
      { extends: true, test: { name: 'shared-modules', include: ['test/**/*.test.ts'], exclude: ['test/cluster/**', 'test/hosts/**', ...FRESH_MODULES], isolate: false, sequence: { groupOrder: 0 } } },
      // Projects run side by side unless ordered: these after the others, one file at a time as ever.
      { extends: true, test: { name: 'fresh-modules', include: FRESH_MODULES, sequence: { groupOrder: 1 } } },
    ],
  },
});
