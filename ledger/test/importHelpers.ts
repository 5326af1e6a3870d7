import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { startFederation, type Federation } from '@linju/testing';
import type { LedgerKind } from '../src/index.ts';

/** What the ledger tests against a real federation share: the command, the side's records, the report. */

export const run = promisify(execFile);
export const CLI = join(import.meta.dirname, '../src/importCli.ts');

export interface Org { id: string; name: string; foundedOn: string; dissolvedOn: string | null }

/** A region of Sichuan by its exact name. */
export async function regionOf(federation: Federation, name: string): Promise<{ id: string; name: string }> {
  const regions = await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(
    `query ($search: String) { jurisdictions(keys: ["sichuan"]) { regions(filter: { search: $search }, first: 5) { edges { node { id name } } } } }`,
    { search: name },
  );
  if (!regions.data) throw new Error(`regions of Sichuan: ${JSON.stringify(regions.errors)}`);
  return regions.data!.jurisdictions[0]!.regions.edges.map((e) => e.node).find((r) => r.name === name)!;
}

/** The live organizations of a Sichuan region (and below) founded before 2024. */
export async function organizationsOf(federation: Federation, regionName: string): Promise<Org[]> {
  const region = await regionOf(federation, regionName);
  const orgs = await federation.query<{ jurisdictions: { organizations: { edges: { node: Org }[] } }[] }>(
    `query ($regionId: ID) { jurisdictions(keys: ["sichuan"]) { organizations(filter: { regionId: $regionId }, first: 100) { edges { node { id name foundedOn dissolvedOn } } } } }`,
    { regionId: region.id },
  );
  return orgs.data!.jurisdictions[0]!.organizations.edges.map((e) => e.node).filter((o) => !o.dissolvedOn && o.foundedOn < '2024-01-01');
}

/** How many records a Sichuan list holds, through the gateway. */
/**
 * What `running` answers when its store's PostgreSQL stops under it: once `written()` counts at least
 * three of its writes, the store is stopped, `running` awaited, and the store started again whatever
 * happened (the next test finds it up).
 */
export async function stoppedMidway<T>(store: Federation['subgraphs'][string], written: () => Promise<number>, running: Promise<T>): Promise<T> {
  try {
    await expect.poll(written, { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(3);
    await store!.database.stopDatabase();
    return await running;
  } finally {
    await running.catch(() => undefined);
    await store!.database.startDatabase();
  }
}

export async function countOf(federation: Federation, list: string): Promise<number> {
  const answer = await federation.query<{ jurisdictions: Record<string, { totalCount: number }>[] }>(`{ jurisdictions(keys: ["sichuan"]) { ${list} { totalCount } } }`);
  return answer.data!.jurisdictions[0]![list]!.totalCount;
}

/** `npm run import -- …` as a clerk runs it, with its exit code and output. */
export async function importCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * The names a template's reference column offers (its drop-down's list on the hidden sheet), or
 * null when the column has no drop-down (free text).
 */
export function offeredNames(workbook: ExcelJS.Workbook, kind: LedgerKind, field: string): unknown[] | null {
  const validation = workbook.getWorksheet(kind.sheet)!.getRow(2).getCell(kind.columns.findIndex((c) => c.field === field) + 1).dataValidation;
  if (validation.type !== 'list') return null;
  expect(validation.errorStyle, 'a reference column only warns: an ID is taken too').toBe('warning');
  const column = /\$([A-Z])\$2/.exec(validation.formulae![0] as string)![1]!;
  return (workbook.getWorksheet('可选值')!.getColumn(column).values as unknown[]).slice(2);
}

/** The report's rows by header. */
export async function readReport(path: string): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('导入结果')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, line) => {
    if (line > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

/** A federation, a folder, a 安居区 (510904) clerk's token, 安居区's organizations and one of 永兴镇 (船山区). */
export interface AnjuClerk {
  federation: Federation;
  dir: string;
  token: string;
  anju: Org[];
  yongxing: Org;
  stop(): Promise<void>;
}

export async function startAsAnjuClerk(): Promise<AnjuClerk> {
  const [federation, dir] = await Promise.all([startFederation(), mkdtemp(join(tmpdir(), 'ledger-import-'))]);
  const token = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-clerk', '1h', { name: '李华', region: '510904' });
  const anju = await organizationsOf(federation, '安居区');
  const yongxing = (await organizationsOf(federation, '船山区')).find((o) => o.name.includes('永兴镇'))!;
  const stop = async () => {
    await federation.stop();
    await rm(dir, { recursive: true, force: true });
  };
  return { federation, dir, token, anju, yongxing, stop };
}
