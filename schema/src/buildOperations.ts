import { buildManifest, loadRegisteredOperations, manifestPath, writeManifest } from './operations/registeredOperations.ts';
import { writeGeneratedOperations } from './operations/runOperationGenerators.ts';

// `npm run operations --workspace @linju/schema`: rewrites the generated operations (from the
// committed supergraph) and the manifest, nothing else (`schema:compose` does it too).
await writeGeneratedOperations();
const operations = await loadRegisteredOperations();
await writeManifest(buildManifest(operations));
console.log(`Wrote ${manifestPath} (${operations.length} registered operation(s)):`);
for (const { name, hash, source } of operations) console.log(`  ${hash.slice(0, 12)}… ${name} (${source})`);
