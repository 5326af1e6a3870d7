import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importLedger, ledgerKind, ledgerTemplate, LedgerError, previewLedger } from '../src/index.ts';
import { operatorTemplate } from '../src/operatorTemplate.ts';
import { startAsAnjuClerk, type AnjuClerk } from './importHelpers.ts';

/**
 * A side's clerk imports and downloads templates with only the side's own store: the ledger reads
 * the side's regions and organizations through its own root field (`sichuan { regions … }`), not
 * `jurisdictions`, which the joint office's store answers. With the joint office's subgraph down, a
 * 安居区 clerk's people template (its drop-downs), a people ledger's preview and an activities import
 * without an alliance all work; with Sichuan's own subgraph down, what could not be read names the
 * side in Chinese (四川省), never its key.
 */

const PEOPLE = ledgerKind('people');
const ACTIVITIES = ledgerKind('activities');

let clerk: AnjuClerk | undefined;
beforeAll(async () => void (clerk = await startAsAnjuClerk()), 120_000);
afterAll(() => clerk?.stop());

async function ledgerFile(kind: typeof PEOPLE, name: string, rows: unknown[][]): Promise<string> {
  const workbook = ledgerTemplate(kind);
  for (const row of rows) workbook.getWorksheet(kind.sheet)!.addRow(row);
  await workbook.xlsx.writeFile(join(clerk!.dir, name));
  return join(clerk!.dir, name);
}

describe('a side’s own reads', () => {
  test('with the joint office down, the people template, a people ledger’s preview and an activities import (no alliance) read only Sichuan’s store', async () => {
    const { federation, token, anju } = clerk!;
    const tag = Date.now().toString(36);
    const branch = anju.find((o) => o.name.includes('党支部')) ?? anju[0]!;
    const caller = { gatewayUrl: federation.gatewayUrl, token };
    const people = await ledgerFile(PEOPLE, '人员.xlsx', [[`联办停-${tag}`, '男', branch.name, '13800001111', null, null, null]]);
    const activities = await ledgerFile(ACTIVITIES, '活动.xlsx', [['培训', `联办停-${tag}`, '2024-09-02', branch.name, 1, 20, 0, null]]);
    await federation.stopSubgraph('joint');
    try {
      const { own } = await operatorTemplate(PEOPLE, { ...caller, side: 'sichuan' });
      expect(own!['organizationId']).toContain(branch.name);
      const previewed = await previewLedger({ ...caller, file: people, kind: PEOPLE, side: 'sichuan' });
      expect(previewed.map((o) => [o.status, o.problems])).toEqual([['已导入', []]]);
      const imported = await importLedger({ ...caller, file: activities, kind: ACTIVITIES, side: 'sichuan' });
      expect(imported.map((o) => o.status)).toEqual(['已导入']);
      expect(imported[0]!.recordId).toMatch(/^sichuan:Activity:/);
    } finally {
      await federation.startSubgraph('joint');
    }
  }, 180_000);

  test('with Sichuan’s store down, the template says it could not read 四川省的行政区划 (never “sichuan”)', async () => {
    const { federation, token } = clerk!;
    await federation.stopSubgraph('sichuan');
    try {
      const refused = await operatorTemplate(PEOPLE, { gatewayUrl: federation.gatewayUrl, token, side: 'sichuan' }).then(() => null, (error: unknown) => error);
      expect(refused).toBeInstanceOf(LedgerError);
      expect((refused as LedgerError).kind).toBe('store-unavailable');
      expect((refused as LedgerError).message).toMatch(/^无法读取四川省的行政区划：四川省/);
      expect((refused as LedgerError).message).not.toMatch(/sichuan/);
    } finally {
      await federation.startSubgraph('sichuan');
    }
  }, 180_000);
});
