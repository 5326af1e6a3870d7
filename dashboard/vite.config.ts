import { defineConfig } from 'vite';
import { registeredOperations } from './vite/registeredOperations.ts';

// Served by the gateway under /dashboard/; every asset is bundled (ECharts included), so the page
// loads nothing from any other origin. `npm run build` loads this file with `--configLoader runner`:
// it imports @linju/schema, whose TypeScript Node cannot load by itself. The bundle (ECharts is
// most of it, ~190 kB gzipped) is served from the gateway on the same network, hence the higher
// warning limit.
export default defineConfig({
  base: '/dashboard/',
  plugins: [registeredOperations()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1200 },
});
