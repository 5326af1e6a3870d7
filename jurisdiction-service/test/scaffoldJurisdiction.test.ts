import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractMigrations } from '@linju/contract';
import { migratedStoreProblems } from '@linju/subgraph-runtime/storeChecks';
import { FEDERATION } from '@linju/contract';
import { renderJurisdictionPackage, scaffoldJurisdiction } from '../src/scaffold/scaffoldJurisdiction.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shanxi = { key: 'shanxi', code: '140000', typePrefix: 'Shanxi', name: '山西省', nameEn: 'Shanxi Province' };

/** Files a side never edits after it is scaffolded: its entry points and the store's test. */
const FIXED = ['src/index.ts', 'src/server.ts', 'src/typeDefs.ts', 'tsconfig.json', 'vitest.config.ts', 'test/storeMatchesSchema.test.ts', 'test/resolversMatchSchema.test.ts', 'prisma/migrations/README.md'];

describe.each(FEDERATION.jurisdictions.map((j) => [j.key, j] as const))('the template, rendered for %s', (_key, side) => {
  test('reproduces its entry points, so a new side starts from the code the others run', async () => {
    const rendered = await renderJurisdictionPackage(side, side.directory, root);
    for (const file of FIXED) expect(rendered.get(file), file).toBe(await readFile(join(side.directory, file), 'utf8'));
  });
});

describe('the contract\'s migrations', () => {
  test('create exactly the store the template\'s schema.prisma describes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'linju-template-store-'));
    try {
      const schema = join(folder, 'schema.prisma');
      await writeFile(schema, (await renderJurisdictionPackage(shanxi, folder, root)).get('prisma/schema.prisma')!);
      expect(await migratedStoreProblems(contractMigrations(shanxi), pathToFileURL(schema))).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });


  test('keep each side\'s rows in its own store', () => {
    const [init] = contractMigrations(shanxi);
    expect(init!.name).toBe('0001_init');
    expect(init!.sql).toContain("CHECK (id LIKE 'shanxi:Organization:%')");
    expect(init!.sql).not.toMatch(/\{\{\w+\}\}|sichuan|chongqing/i);
  });
});

describe('scaffolding a new jurisdiction', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'linju-scaffold-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  test('fills every placeholder, and keeps its rows in its own store', async () => {
    const target = join(folder, 'subgraph-shanxi');
    const written = await scaffoldJurisdiction(shanxi, target, root);
    expect(written).toContain('src/seed/loadSeed.ts');
    for (const file of written) expect(await readFile(join(target, file), 'utf8'), file).not.toMatch(/\{\{\w+\}\}/);
    expect(JSON.parse(await readFile(join(target, 'package.json'), 'utf8')).name).toBe('@linju/subgraph-shanxi');
    expect(await readFile(join(target, 'schema.graphql'), 'utf8')).toContain('shanxi: ShanxiJurisdiction');
    // Wherever the package is, it extends the repository's shared TypeScript settings.
    const { extends: base } = JSON.parse(await readFile(join(target, 'tsconfig.json'), 'utf8')) as { extends: string };
    expect(resolve(target, base)).toBe(join(root, 'tsconfig.base.json'));
  });

  test('refuses a folder that already holds something', async () => {
    const target = join(folder, 'taken');
    await scaffoldJurisdiction(shanxi, target, root);
    await writeFile(join(target, 'notes.txt'), 'mine');
    await expect(scaffoldJurisdiction(shanxi, target, root)).rejects.toThrow(/already exists and is not empty/);
  });
});
