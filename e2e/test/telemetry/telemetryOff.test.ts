import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Runs a script in a fresh Node process under the outbound recorder; its output and exit code. */
function run(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.APOLLO_TELEMETRY_DISABLED;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', here('recordOutbound.mjs'), here(script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('a gateway started without APOLLO_TELEMETRY_DISABLED in its environment sends nothing off the machine', async () => {
  const { code, stdout, stderr } = await run('gatewayWithoutTheVariable.ts');
  expect(stderr.split('\n').filter((line) => line.startsWith('OUTBOUND'))).toEqual([]);
  expect(code, stderr).toBe(0);
  expect(stdout).toContain('telemetry variable: true');
});

test('the recorder sees traffic that would leave the machine (so the test above can fail)', async () => {
  const { stderr } = await run('lookUpAnotherHost.ts');
  expect(stderr).toContain('OUTBOUND lookup telemetry.invalid');
});
