/**
 * `npm run prisma:generate`: regenerates the committed Prisma client of every package that has one
 * (each member of the federation and the jurisdiction template), after a change to a
 * `prisma/schema.prisma` or to the pinned Prisma version. Installs the pinned Prisma CLI into
 * prisma-cli/node_modules from prisma-cli/package-lock.json on first use: the root's install has no
 * Prisma CLI, since nothing else needs it. Prisma's engine download is unreachable offline;
 * `prisma generate` only needs PRISMA_SCHEMA_ENGINE_BINARY to name an existing file.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_FROM_FILE, PRISMA_CLIENT_FOLDER, comparePrismaClient, pinnedPrismaVersion, prismaClientFile, prismaClientPackages } from '@linju/schema/prismaClientFile';
import { installOwnPackage } from '../scripts/installOwnPackage.ts';

const cli = import.meta.dirname;
const version = pinnedPrismaVersion();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

try {
  installOwnPackage(cli, 'prisma');
} catch (error) {
  fail((error as Error).message);
}

for (const directory of prismaClientPackages()) {
  const client = prismaClientFile(directory, version);
  const output = join(directory, PRISMA_CLIENT_FOLDER);
  // Generated in a folder of its own holding only the schema, then moved in: the template's own
  // files (a tsconfig.json with placeholders) stay out of Prisma's way, every package is generated
  // alike, and a model taken out of schema.prisma leaves no file behind.
  const scratch = mkdtempSync(join(tmpdir(), 'linju-prisma-generate-'));
  try {
    mkdirSync(join(scratch, 'prisma'));
    cpSync(join(directory, 'prisma/schema.prisma'), join(scratch, 'prisma/schema.prisma'));
    const prisma = spawnSync(join(cli, 'node_modules/.bin/prisma'), ['generate', '--schema', 'prisma/schema.prisma'], {
      cwd: scratch,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (prisma.status !== 0) fail(`prisma generate failed for ${directory}/prisma/schema.prisma (${prisma.error?.message ?? prisma.signal ?? `exit ${prisma.status}`})`);
    const generated = join(scratch, PRISMA_CLIENT_FOLDER);
    const generatedBy = /"clientVersion": "([^"]+)"/.exec(readFileSync(join(generated, 'internal/class.ts'), 'utf8'))?.[1];
    if (generatedBy !== version) fail(`Prisma ${generatedBy ?? '(unknown)'} generated the client, not the pinned ${version}: reinstall prisma-cli/ (rm -rf prisma-cli/node_modules)`);
    rmSync(output, { recursive: true, force: true });
    cpSync(generated, output, { recursive: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(client.path, client.text, 'utf8');
  const comparison = await comparePrismaClient(client);
  if (comparison.status !== 'current') fail(comparison.message);
  console.log(`${client.file.slice(0, -GENERATED_FROM_FILE.length - 1)}: generated with Prisma ${version}`);
}
