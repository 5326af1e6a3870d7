import { fileURLToPath } from 'node:url';
import { loadRegisteredOperations, readManifest } from '@linju/schema/operations';
import { expect, test } from 'vitest';
import { registeredOperations } from '../vite/registeredOperations.ts';

const folder = fileURLToPath(new URL('../operations/', import.meta.url));

test('every operation the page bundles is in the committed manifest, under the hash the page sends', async () => {
  const manifest = await readManifest();
  const plugin = registeredOperations() as unknown as { load: (this: { addWatchFile(id: string): void }, id: string) => Promise<string | null> };
  const operations = await loadRegisteredOperations([folder]);
  expect(operations.map((o) => o.name).sort()).toEqual([
    'DashboardAlliance',
    'DashboardAlliances',
    'DashboardComparison',
    'DashboardFigureRecords',
    'DashboardFigures',
    'DashboardRecordAlliances',
    'DashboardRecordChongqingActivity',
    'DashboardRecordOrganizers',
    'DashboardRecordRegions',
    'DashboardRecordSichuanActivity',
    'DashboardSideFigures',
    'DashboardWithdrawChongqingRecord',
    'DashboardWithdrawSichuanRecord',
  ]);
  for (const operation of operations) {
    const module = await plugin.load.call({ addWatchFile() {} }, `${folder}${operation.source.split('/').pop()}`);
    const bundled = JSON.parse(module!.replace(/^export default /, '').replace(/;$/, '')) as { name: string; hash: string; document: string };
    expect(bundled).toEqual({ name: operation.name, hash: operation.hash, document: operation.document });
    expect(manifest.operations[bundled.hash]?.name, `${operation.name} in schema/operations/manifest.json`).toBe(operation.name);
  }
});
