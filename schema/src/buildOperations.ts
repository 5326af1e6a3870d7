import { buildManifest, loadRegisteredOperations, manifestPath, writeManifest } from './operations/registeredOperations.ts';

// `npm run operations --workspace @linju/schema`: rewrites the manifest alone (`schema:compose` does it too).
const operations = await loadRegisteredOperations();
await writeManifest(buildManifest(operations));
console.log(`Wrote ${manifestPath} (${operations.length} registered operation(s)):`);
for (const { name, hash, source } of operations) console.log(`  ${hash.slice(0, 12)}… ${name} (${source})`);
