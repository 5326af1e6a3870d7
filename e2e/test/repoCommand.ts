import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root, where README's commands run. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs one of the repository's operator commands as a person would from its root (`npx tsx
 * scripts/…`), with `env` over the test's environment, and resolves with its exit code and output.
 * Rejects only when it could not be run or timed out.
 */
export function runRepoCommand(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeout = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsx', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}
