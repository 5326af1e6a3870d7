import { registeredOperations } from '@linju/dashboard/registeredOperations';
import { defineConfig, type Rolldown } from 'vite';

/**
 * React libraries mark their modules "use client" (a React Server Components directive); in a
 * page bundle it means nothing, and rolldown would warn about each of them at every build.
 */
const quietDirectives = {
  onLog(level: Rolldown.LogLevel, log: Rolldown.RolldownLog, handler: Rolldown.LogOrStringHandler) {
    if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
    handler(level, log);
  },
};

// Served by the gateway at `/`. Everything is bundled (React, GraphiQL, Monaco and its three
// workers, fonts as data: URLs), so the page loads nothing from any other origin. base './' keeps
// every URL relative, so the page also works behind a proxy that mounts the gateway under a path.
// Monaco is most of the weight and loads after the page shows; it is served from the gateway on
// the same network, hence the higher warning limit. The bar above GraphiQL names an operator's
// region as the dashboard does, by its registered `DashboardRecordRegions`, and checks a typed token
// and lists the jurisdictions by its own (`operations/`): the dashboard's plugin bundles them, and `npm run build` loads this file with `--configLoader runner` (the
// plugin imports @linju/schema, whose TypeScript Node cannot load by itself).
export default defineConfig({
  base: './',
  plugins: [registeredOperations()],
  // npm may hoist another React beside this package's: GraphiQL and the page must share one.
  resolve: { dedupe: ['react', 'react-dom'] },
  worker: { format: 'es', rolldownOptions: quietDirectives },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000, rolldownOptions: quietDirectives },
});
