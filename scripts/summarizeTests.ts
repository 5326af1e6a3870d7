/**
 * Prints one closing line for the whole suite, `N passed, N failed`, from the JSON report each
 * workspace's vitest run writes (vitest's own summaries are per workspace).
 */
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const workspaces: string[] = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).workspaces;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const workspace of workspaces) {
  const report = new URL(`${workspace}/.vitest/report.json`, root);
  if (!existsSync(report)) continue;
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  passed += numPassedTests;
  failed += numFailedTests;
  skipped += numPendingTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
