import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
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
export async function setupStoreTemplates(): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'linju-store-templates-'));
  // Each template is a data folder of its own inside: PostgreSQL's account (root runs it as
  // another) must be able to enter this one to reach them.
  await chmod(folder, 0o755);
  process.env[STORE_TEMPLATES_VARIABLE] = folder;
  return () => rm(folder, { recursive: true, force: true });
}

const made = new Map<string, Promise<string>>();

/**
 * A new data folder holding a copy of `entry`'s store as a first start leaves it (migrated and
 * seeded, PostgreSQL stopped), or undefined outside a test run with templates. The template is
 * made once per run by the subgraph's own start, through the same code as any fresh store; each
 * federation then copies it (`cp -a`, keeping the owner PostgreSQL runs as) instead of running
 * initdb, every migration and the seed again, which took about 5 of a federation's 7 s to start.
 */
export async function storeFromTemplate(entry: SubgraphEntry, dataDir: string): Promise<boolean> {
  const folder = process.env[STORE_TEMPLATES_VARIABLE];
  if (!folder || !existsSync(folder)) return false;
  let template = made.get(entry.name);
  if (!template) {
    template = makeTemplate(entry, folder);
    made.set(entry.name, template);
    template.catch(() => made.delete(entry.name));
  }
  const source = await template;
  await rm(dataDir, { recursive: true, force: true });
  await promisify(execFile)('cp', ['-a', source, dataDir]);
  return true;
}

/** Makes `entry`'s template in `folder` unless an earlier test file of the run has (its ready mark). */
async function makeTemplate(entry: SubgraphEntry, folder: string): Promise<string> {
  const dataDir = join(folder, entry.name);
  const ready = join(folder, `${entry.name}.ready`);
  if (existsSync(ready)) return dataDir;
  await rm(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir);
  const module: { startSubgraph: (options: SubgraphOptions) => Promise<RunningSubgraph> } = await import(pathToFileURL(join(entry.directory, 'src/server.ts')).href);
  const subgraph = await module.startSubgraph({ port: 0, host: '127.0.0.1', dataDir, seed: true, durable: false, gatewaySecret: randomBytes(32).toString('base64url') });
  await subgraph.stop();
  writeFileSync(ready, '');
  return dataDir;
}
