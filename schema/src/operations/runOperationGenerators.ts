import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generatedOperationDirectories, STALE_GENERATED_OPERATIONS_EXIT } from './registeredOperations.ts';

// Not exported from the package's index (the gateway imports that): it starts processes.

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What one generator said, and whether its folder is current (or, when writing, was written). */
export interface GeneratorOutcome {
  /** The folder, from the repository root (`ledger/operations/`). */
  readonly folder: string;
  readonly ok: boolean;
  /** Not ok because the folder is stale (`--check`), not because the generator failed. */
  readonly stale: boolean;
  /** Its output, stdout then stderr, trimmed. */
  readonly output: string;
}

/**
 * Runs the script of every generated operations folder (`generatedOperationDirectories`) in a
 * process of its own, through tsx, from the repository root: it rewrites the folder, or with
 * `check` only says whether the folder is current. The script is run rather than imported: the
 * generating code depends on this package (the supergraph it reads), never the reverse.
 */
export async function runOperationGenerators(check: boolean): Promise<GeneratorOutcome[]> {
  const run = promisify(execFile);
  return Promise.all(
    generatedOperationDirectories.map(async ({ directory, script }) => {
      const folder = `${relative(repositoryRoot, directory).split('\\').join('/')}/`;
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...(check ? ['--check'] : [])], { cwd: repositoryRoot });
        return { folder, ok: true, stale: false, output: `${stdout}${stderr}`.trim() };
      } catch (error) {
        const { stdout = '', stderr = '', message, code } = error as { stdout?: string; stderr?: string; message: string; code?: unknown };
        return { folder, ok: false, stale: code === STALE_GENERATED_OPERATIONS_EXIT, output: `${stdout}${stderr}`.trim() || message };
      }
    }),
  );
}

/** Rewrites every generated operations folder, printing what each generator says. @throws naming a folder its generator could not write */
export async function writeGeneratedOperations(): Promise<void> {
  for (const { folder, ok, output } of await runOperationGenerators(false)) {
    if (!ok) throw new Error(`${folder} could not be generated:\n${output}`);
    console.log(output);
  }
}
