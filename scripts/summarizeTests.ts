/**
 * Prints one closing line for the whole suite, `N passed, N failed`, from the JSON report each
 * workspace's vitest run writes (vitest's own summaries are per workspace). With `--failures`, it
 * lists instead what failed: each failed test (workspace, file, name and the first lines of its
 * error), a file that failed outside its tests (a hook, an import), and a run that failed with every
 * test passed (an unhandled error, printed in that run's own output); `scripts/test.sh` ends a failed
 * `npm test` with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  success: boolean;
  testResults: { name: string; status: string; message: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

const root = new URL('..', import.meta.url);
const workspaces: string[] = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).workspaces;
const reports = ['ledger', 'bench', ...workspaces]
  .map((workspace) => ({ workspace, file: new URL(`${workspace}/.vitest/report.json`, root) }))
  .filter(({ file }) => existsSync(file))
  .map(({ workspace, file }) => ({ workspace, report: JSON.parse(readFileSync(file, 'utf8')) as Report }))
  // bench/ and ledger/ are run by .ci/run after npm test, not by it.
  .filter(({ workspace }) => workspaces.includes(workspace) || !process.argv.includes('--failures'));

/** The first lines of an error, without the terminal's colours or the frames of the test runner and Node. */
function firstLines(text: string, count = 6): string {
  const lines = text.replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter((line) => line.trim() && !/^\s*at .*(node_modules|node:internal|<anonymous>)/.test(line));
  return lines.slice(0, count).map((line) => `      ${line}`).join('\n');
}

if (process.argv.includes('--failures')) {
  for (const { workspace, report } of reports) {
    for (const file of report.testResults) {
      const name = relative(fileURLToPath(root), file.name);
      const failed = file.assertionResults.filter((test) => test.status === 'failed');
      for (const test of failed) console.log(`  ${workspace}: ${name} › ${test.fullName}\n${firstLines(test.failureMessages[0] ?? '')}`);
      if (failed.length === 0 && file.status === 'failed') console.log(`  ${workspace}: ${name} failed outside its tests\n${firstLines(file.message)}`);
    }
    if (!report.success && report.numFailedTests === 0 && report.testResults.every((file) => file.status !== 'failed')) {
      console.log(`  ${workspace}: every test passed, yet its run failed (an unhandled error or rejection: see its output above)`);
    }
  }
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const { report } of reports) {
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
