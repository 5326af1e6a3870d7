import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { subgraphs } from '@linju/schema';
import { skipWithoutSystemPostgres, startFederation, SystemPostgres, type Federation, type GraphQLResponse } from '@linju/testing';
import { gbkBytes } from '@linju/testing/gbk';
import { createOwnerAndRuntimeStores, type OwnerAndRuntimeStores } from './ownerAndRuntimeStores.ts';

/**
 * A production federation's region tree (docs/deployment.md, "The build"; docs/operations.md, "The
 * region tree"): migrated stores hold no region (production loads no seed), the runtime role may only
 * read `region`, so no organization can be recorded until the operator loads the tree as the store's
 * owner with `npm run regions -- load <jurisdiction> <file.csv>`. Here, on Debian's PostgreSQL with an
 * owner and a runtime role per store and the federation in production mode over the runtime roles: an
 * organization refused for want of its region; the command refused with the runtime role's URL, and for
 * a file with one bad row and Chongqing's tree, each time writing nothing; the file loaded as the
 * owner, saved as Excel's GBK CSV, loaded again in UTF-8 writing nothing, a changed name refused; then
 * the organization created and read back.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STORES = subgraphs.map((entry) => entry.name);

/** An operator's file, as the regions export writes it (a byte order mark, CRLF, a village's code kept as text), without 全局 ID. */
const REGIONS = [
  '\uFEFF区划代码,名称,层级,上级区划,所属辖区',
  '510000,四川省,省级,,四川省',
  '510900,遂宁市,市级,四川省,四川省',
  '510904,安居区,区,遂宁市,四川省',
  '510904101,磨溪镇,乡镇,安居区,四川省',
  '"=""510904101001""",石桥村,村,磨溪镇,四川省',
  '',
].join('\r\n');

const CREATE = `mutation ($input: OrganizationInput!) { sichuanCreateOrganization(input: $input) { id name region { id name } } }`;
const organization = (regionId: string) => ({ input: { name: '磨溪镇党委', kind: '党委', level: '乡镇', regionId, foundedOn: '2021-07-08' } });

let server: SystemPostgres;
let stores: OwnerAndRuntimeStores;
let federation: Federation;
let folder: string;

/** Runs the command as an operator does, in production, with Sichuan's URLs as given. */
function regions(args: readonly string[], urls: { owner?: boolean }): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LINJU_ENV: 'production',
    SICHUAN_DATABASE_URL: stores.runtimeUrl('sichuan'),
    SICHUAN_MIGRATION_DATABASE_URL: urls.owner ? stores.ownerUrl('sichuan') : '',
  };
  return new Promise((resolve) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/regions.ts', ...args], { cwd: ROOT, env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

const regionCount = async () => Number((await stores.asOwner<{ n: string }>('sichuan', 'SELECT count(*) AS n FROM region'))[0]!.n);
const codes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((error) => error.extensions?.code);

describe.skipIf(skipWithoutSystemPostgres("the region tree on Debian's PostgreSQL"))('a production store’s region tree, loaded by its owner', () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'linju-regions-'));
    server = await SystemPostgres.create();
    stores = await createOwnerAndRuntimeStores(server, STORES);
    const migrate = await stores.migrate(['--grant-runtime']);
    if (migrate.code !== 0) throw new Error(`npm run migrate -- --grant-runtime failed:\n${migrate.lines.join('\n')}`);
    federation = await startFederation({ production: true, stores: Object.fromEntries(STORES.map((store) => [store, { databaseUrl: stores.runtimeUrl(store) }])) });
  }, 240_000);

  afterAll(async () => {
    await federation?.stop();
    await server?.remove();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('migrated and started in production, the store has no region: an organization is refused for want of one', async () => {
    expect(await regionCount()).toBe(0);
    const refused = await federation.query(CREATE, organization('sichuan:Region:510904101'), { as: 'sichuan-operator' });
    expect(codes(refused)).toEqual(['NOT_FOUND']);
  });

  test('the command refuses the runtime role’s URL, and a file with one bad row, writing nothing either time', async () => {
    const file = join(folder, 'regions.csv');
    await writeFile(file, REGIONS);
    const asRuntime = await regions(['load', 'sichuan', file], {});
    expect(asRuntime.code, asRuntime.out).toBe(2);
    expect(asRuntime.out).toMatch(/^sichuan: cannot load the regions: the role connected may only read region \(the runtime's rights\): .*set SICHUAN_MIGRATION_DATABASE_URL/m);

    const bad = join(folder, 'bad.csv');
    await writeFile(bad, `${REGIONS}510904102,分水镇,乡镇,安居县,四川省\r\n`);
    const refused = await regions(['load', 'sichuan', bad], { owner: true });
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain(`sichuan: ${bad} refused, no region loaded:\n  line 7 (区划代码 510904102): 上级区划 安居县 is no region of the file nor of the store`);
    expect(await regionCount()).toBe(0);

    // Another jurisdiction's tree, without a 所属辖区 to tell: it was loaded as sichuan:Region:500000 ….
    const chongqing = join(folder, 'chongqing.csv');
    await writeFile(chongqing, '区划代码,名称,层级,上级区划\n500000,重庆市,省级,\n500152,潼南区,区,重庆市\n');
    const elsewhere = await regions(['load', 'sichuan', chongqing], { owner: true });
    expect(elsewhere.code, elsewhere.out).toBe(1);
    expect(elsewhere.out).toContain('line 2 (区划代码 500000): 区划代码 500000 is not in 四川省 (510000): the code of each of its regions begins with 51');
    expect(await regionCount()).toBe(0);
  }, 60_000);

  test('loaded as the owner from Excel’s GBK CSV; loaded again in UTF-8, nothing written; a region changed by a later file refused', async () => {
    const file = join(folder, 'regions.csv');
    const gbk = join(folder, 'regions-gbk.csv');
    await writeFile(gbk, gbkBytes(REGIONS.replace(/^\uFEFF/, '')));
    const loaded = await regions(['load', 'sichuan', gbk], { owner: true });
    expect(loaded, loaded.out).toMatchObject({ code: 0 });
    expect(loaded.out.trim()).toBe('sichuan: 5 region(s) loaded, 0 already there as the file says; the store holds 5');
    const again = await regions(['load', 'sichuan', file], { owner: true });
    expect(again.out.trim()).toBe('sichuan: 0 region(s) loaded, 5 already there as the file says; the store holds 5');

    const renamed = join(folder, 'renamed.csv');
    await writeFile(renamed, REGIONS.replace('磨溪镇,乡镇', '磨溪乡,乡镇').replace(',磨溪镇,四川省', ',磨溪乡,四川省'));
    const refused = await regions(['load', 'sichuan', renamed], { owner: true });
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain('line 5 (区划代码 510904101): the store holds sichuan:Region:510904101 with another name (磨溪镇 → 磨溪乡)');
    expect(await stores.asOwner('sichuan', 'SELECT id, parent_id FROM region WHERE code = $1', ['510904101001'])).toEqual([{ id: 'sichuan:Region:510904101001', parent_id: 'sichuan:Region:510904101' }]);
  }, 60_000);

  test('after the load, the organization is created in its region, by the subgraph running as the runtime role', async () => {
    const created = await federation.query<{ sichuanCreateOrganization: { id: string; region: { id: string; name: string } } }>(CREATE, organization('sichuan:Region:510904101'), { as: 'sichuan-operator' });
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    expect(created.data!.sichuanCreateOrganization.region).toEqual({ id: 'sichuan:Region:510904101', name: '磨溪镇' });
    expect(await stores.asOwner('sichuan', 'SELECT region_id FROM organization')).toEqual([{ region_id: 'sichuan:Region:510904101' }]);
  });
});
