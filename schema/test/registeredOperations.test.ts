import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildManifest, loadRegisteredOperations, readManifest, readManifestText, toManifestText } from '../src/operations/registeredOperations.ts';
import { runOperationGenerators } from '../src/operations/runOperationGenerators.ts';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('registered operations', () => {
  it('include every explorer example, once, hashed as APQ clients hash the file', async () => {
    const operations = await loadRegisteredOperations();
    expect(operations.map(({ source }) => source)).toContain('gateway/examples/1-alliance-with-members.graphql');
    expect(new Set(operations.map(({ name }) => name)).size).toBe(operations.length);
    for (const { source, hash } of operations) {
      const text = await readFile(join(repositoryRoot, source), 'utf8');
      expect(hash).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('include the ledger\'s documents, generated into ledger/operations/ from the code that sends them, and current', async () => {
    expect((await loadRegisteredOperations()).map(({ source }) => source)).toContain('ledger/operations/LedgerExportActivitiesSichuan.graphql');
    expect(await runOperationGenerators(true)).toEqual([{ folder: 'ledger/operations/', ok: true, stale: false, output: expect.stringMatching(/^ledger\/operations\/ is up to date/) }]);
  });

  it('are what the committed manifest lists (npm run schema:compose rewrites it)', async () => {
    expect(await readManifestText()).toBe(toManifestText(buildManifest(await loadRegisteredOperations())));
    const manifest = await readManifest();
    expect(Object.values(manifest.operations).map(({ name }) => name)).toContain('Reconciliation');
  });
});
