import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { freePort } from '@linju/testing';
import { exportedLine } from '../src/export/exportedLine.ts';
import { exportFormatOf } from '../src/export/outputFormat.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../src/exportCli.ts');

/**
 * `npm run export`'s file is the format its name says: `--out 指标.csv` wrote a workbook named .csv
 * (Excel: the format and the extension do not match), `--format csv --out 指标.xlsx` a CSV named .xlsx,
 * `--out 指标` a workbook without an extension.
 */
describe('the format an export is written in', () => {
  test('--format, else --out’s extension, else xlsx', () => {
    expect(exportFormatOf(undefined, undefined)).toBe('xlsx');
    expect(exportFormatOf('csv', undefined)).toBe('csv');
    expect(exportFormatOf(undefined, '/tmp/指标.csv')).toBe('csv');
    expect(exportFormatOf(undefined, '/tmp/指标.XLSX')).toBe('xlsx');
    expect(exportFormatOf('xlsx', '指标.xlsx')).toBe('xlsx');
    // A format no writer has is the export's own refusal to make.
    expect(exportFormatOf('pdf', undefined)).toBe('pdf');
  });

  test.each([
    [['--out', '指标'], '--out 须以 .xlsx 或 .csv 结尾（收到“指标”），如 --out 指标.xlsx，未生成导出文件。'],
    [['--format', 'csv', '--out', '指标.xlsx'], '--out “指标.xlsx”是 .xlsx 文件，与 --format csv 不符：请改为 --out 指标.csv，或去掉 --format（按文件名的扩展名导出）。未生成导出文件。'],
  ])('%j is refused before anything is read, the gateway not asked (exit 1)', async (args, message) => {
    const gateway = `http://127.0.0.1:${await freePort()}/graphql`;
    const failed = await run('npx', ['tsx', CLI, '--list', 'figures', ...args, '--gateway', gateway], { cwd: import.meta.dirname }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toBe(`导出失败：${message}`);
  });
});

/** 已导出 80 行 of the 34 alliances the API counts read as a mismatch: the records are said beside the rows where they differ. */
test('the command’s line says the records beside the rows where they differ (one row per alliance member), so it reads against totalCount', () => {
  expect(exportedLine({ rows: 80, records: 34, path: '/tmp/党建联盟列表.xlsx' })).toBe('已导出 80 行（34 条记录）：/tmp/党建联盟列表.xlsx');
  expect(exportedLine({ rows: 63, records: 63, path: '/tmp/四川省活动.xlsx' })).toBe('已导出 63 行：/tmp/四川省活动.xlsx');
});
