import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from './composeSupergraph.ts';
import { supergraphPath, writeSupergraph } from './supergraphFile.ts';
import { buildManifest, loadRegisteredOperations, manifestPath, writeManifest } from './operations/registeredOperations.ts';

// Hints are legal differences between subgraphs; their full text is long, so it is opt-in.
const verbose = process.argv.includes('--hints');
// `--out <file>`: a supergraph for another membership (LINJU_FEDERATION_FILE) than the committed one;
// then only that file is written.
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

try {
  const { supergraphSdl, hints } = await composeSupergraph();
  await writeSupergraph(supergraphSdl, out ?? supergraphPath);
  console.log(`Wrote ${relative(repositoryRoot, out ?? supergraphPath)} (${hints.length} composition hint(s))`);
  if (!out) {
    const operations = await loadRegisteredOperations();
    await writeManifest(buildManifest(operations));
    console.log(`Wrote ${relative(repositoryRoot, manifestPath)} (${operations.length} registered operation(s))`);
  }
  const byCode = new Map<string, number>();
  for (const hint of hints) byCode.set(hint.definition.code, (byCode.get(hint.definition.code) ?? 0) + 1);
  for (const [code, count] of byCode) console.log(`  ${code}: ${count}`);
  if (verbose) for (const hint of hints) console.log(`\n[${hint.definition.code}] ${hint.message}`);
  else if (hints.length > 0) console.log('  (npm run compose --workspace @linju/schema -- --hints prints them)');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
