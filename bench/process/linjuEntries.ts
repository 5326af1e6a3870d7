import { bundlePath, buildProduction } from '@linju/deploy';

/**
 * Where Linju's server processes start from: with `bundles`, each its production bundle
 * (`dist/<name>/index.mjs`, built first as `npm run build`'s last step builds them) under plain
 * node, as production runs them; otherwise its source through tsx, as `npm start` runs them.
 */
export async function linjuEntries(bundles: boolean): Promise<(name: string, source: string) => string> {
  if (bundles) {
    console.log('Building the production bundles (dist/<process>/index.mjs)…');
    await buildProduction();
  }
  return (name, source) => (bundles ? bundlePath(name) : source);
}
