import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildProcess, type BuiltProcess } from './buildProcess.ts';
import { REPOSITORY_ROOT, SERVER_PROCESSES, type ServerProcess } from './serverProcesses.ts';

/**
 * Builds every server process, or those given (`npm run build` runs this after the dashboard's and
 * the explorer's builds, with the operations tools too). A bundle that imports a package its workspace does not list among its `dependencies`
 * would fail once devDependencies are left out: the build then fails, naming each such import,
 * and leaves no bundle of that process behind.
 */
export async function buildProduction(processes: readonly ServerProcess[] = SERVER_PROCESSES): Promise<BuiltProcess[]> {
  const built = await Promise.all(processes.map((server) => buildProcess(server)));
  const failed = built.filter(({ problems }) => problems.length > 0);
  if (failed.length === 0) return built;
  await Promise.all(failed.map(({ server, bundle }) => (server.command ? Promise.all([bundle, `${bundle}.map`].map((file) => rm(join(REPOSITORY_ROOT, file), { force: true }))) : rm(dirname(join(REPOSITORY_ROOT, bundle)), { recursive: true, force: true }))));
  throw new Error(
    `The production build imports packages that npm ci --omit=dev would not install:\n${failed.flatMap(({ server, problems }) => problems.map((problem) => `  ${server.name}: ${problem}`)).join('\n')}`,
  );
}
