import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { jurisdictionByKey, regionLevelName } from '@linju/contract';
import { planRegionLoad, readRegionFile } from '@linju/subgraph-runtime';
import { seed as chongqing } from '@linju/subgraph-chongqing/seed';
import { seed as sichuan } from '@linju/subgraph-sichuan/seed';
import { columnsOf } from '../src/export/exportColumns.ts';
import type { ExportTable } from '../src/export/ExportTable.ts';
import { writeCsv } from '../src/export/tableWriters.ts';

/**
 * The regions export, written as CSV (`npm run export -- --list regions --side sichuan --format csv`),
 * is a file `npm run regions -- load` takes as it is (docs/operations.md, "The region tree"): its
 * columns (the contract's descriptions), its byte order mark, a village's 12-digit code written `="…"`
 * so Excel keeps it, the parent by name. Here the demonstration seed's Sichuan tree, as the gateway
 * answers it (level in Chinese, parent and jurisdiction by name), through the export's own writer;
 * and Chongqing's, whose districts lie under the municipality (the codes' rules: loadRegions.ts).
 */
describe('the regions export, loaded again', () => {
  test.each([
    ['sichuan', 'Sichuan', sichuan.regions],
    ['chongqing', 'Chongqing', chongqing.regions],
  ])('%s: every region comes back with its ID, code, level and parent', async (side, typePrefix, regions) => {
    const byId = new Map(regions.map((region) => [region.id, region]));
    const rows = regions.map((r) => [r.id, r.code, r.name, regionLevelName(r.level), r.parentId ? byId.get(r.parentId)!.name : null, jurisdictionByKey(side)!.name]);
    let text = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    const table: ExportTable = {
      title: `${jurisdictionByKey(side)!.name}行政区划`,
      columns: columnsOf(`${typePrefix}Region`),
      async *pages() {
        yield { rows, records: rows.length };
      },
      totalCount: () => rows.length,
    };
    await writeCsv(table, output);
    if (side === 'sichuan') expect(text).toContain(',"=""510904101201""",石桥村,村,磨溪镇,四川省\r\n');

    const plan = planRegionLoad(side, readRegionFile(text), []);
    expect('problems' in plan ? plan.problems : []).toEqual([]);
    expect('insert' in plan && plan.insert).toEqual(regions.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, parentId: r.parentId })));
  });
});
