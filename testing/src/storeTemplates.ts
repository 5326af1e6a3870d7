import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { SubgraphEntry } from '@linju/schema';
import type { RunningSubgraph, SubgraphOptions } from '@linju/subgraph-runtime';

/**
 * The variable that names the folder of a test run's seeded store templates (set by
 * `setupStoreTemplates`, vitest's global setup). Without it every store is made from nothing.
 */
export const STORE_TEMPLATES_VARIABLE = 'LINJU_TEST_STORE_TEMPLATES';

/**
 * Vitest's global setup (vitest.shared.ts): a folder for this run's store templates, removed when
 * the run ends. The templates themselves are made on first use (`storeFromTemplate`), so a
 * workspace that starts no federation pays nothing.
 */
export async function setupStoreTemplates(project?: { globalConfig: { watch: boolean } }): Promise<(() => Promise<void>) | undefined> {
  // A watch session keeps its global setup across reruns: templates made before an edit of a
  // migration or the seed would hide it.
  if (project?.globalConfig.watch) return undefined;
  const folder = await mkdtemp(join(tmpdir(), 'linju-store-templates-'));
  // Each template is a data folder of its own inside: PostgreSQL's account (root runs it as
  // another) must be able to enter this one to reach them.
  await chmod(folder, 0o755);
  process.env[STORE_TEMPLATES_VARIABLE] = folder;
  return () => rm(folder, { recursive: true, force: true });
}

const made = new Map<string, Promise<string>>();

/**
 * Fills the new data folder `dataDir` with a copy of `entry`'s store as a first start leaves it
 * (migrated and seeded, PostgreSQL stopped); outside a test run with templates it does nothing. The template is
 * made once per run by the subgraph's own start, through the same code as any fresh store; each
 * federation then copies it (`cp -a`, keeping the owner PostgreSQL runs as) instead of running
 * initdb, every migration and the seed again, which took about 5 of a federation's 7 s to start.
 */
export async function storeFromTemplate(entry: SubgraphEntry, dataDir: string): Promise<void> {
  const folder = process.env[STORE_TEMPLATES_VARIABLE];
  if (!folder || !existsSync(folder)) return;
  let template = made.get(entry.name);
  if (!template) {
    template = makeTemplate(entry, folder);
    made.set(entry.name, template);
    template.catch(() => made.delete(entry.name));
  }
  const source = await template;
  await rm(dataDir, { recursive: true, force: true });
  await promisify(execFile)('cp', ['-a', source, dataDir]);
}

/** How long a test file waits for another's template to be made. */
const TEMPLATE_WAIT_MS = 180_000;

/**
 * Makes `entry`'s template in `folder` unless an earlier test file of the run has (its ready
 * mark). Files run one at a time (vitest.shared.ts); should two workers ask at once, the one that
 * creates the `.making` mark makes it and the other waits for the ready mark.
 */
async function makeTemplate(entry: SubgraphEntry, folder: string): Promise<string> {
  const dataDir = join(folder, entry.name);
  const ready = join(folder, `${entry.name}.ready`);
  const making = join(folder, `${entry.name}.making`);
  if (existsSync(ready)) return dataDir;
  try {
    await writeFile(making, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    for (const until = Date.now() + TEMPLATE_WAIT_MS; Date.now() < until; await delay(200)) {
      if (existsSync(ready)) return dataDir;
      // The other maker failed: try it here.
      if (!existsSync(making)) return makeTemplate(entry, folder);
    }
    throw new Error(`the ${entry.name} store template in ${folder} was not made within ${TEMPLATE_WAIT_MS / 1000} s`);
  }
  try {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir);
    const module: { startSubgraph: (options: SubgraphOptions) => Promise<RunningSubgraph> } = await import(pathToFileURL(join(entry.directory, 'src/server.ts')).href);
    const subgraph = await module.startSubgraph({ port: 0, host: '127.0.0.1', dataDir, seed: true, durable: false, gatewaySecret: randomBytes(32).toString('base64url') });
    await subgraph.stop();
    await writeFile(ready, '');
    return dataDir;
  } finally {
    // Made or failed, the next asker may go on: to the template, or to making it again.
    await rm(making, { force: true });
  }
}
