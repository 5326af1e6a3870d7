import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Federation } from '@linju/testing';
import { exportToFile } from '../src/export/exportList.ts';
import { UNAVAILABLE_TEXT, unavailableNote } from '../src/export/ExportTable.ts';
import { ALLIANCE_REFUSAL, UNNAMED } from '../src/export/filterNames.ts';
import { readWholeList } from '../src/gatewayClient.ts';
import { NOTICE_HEADER } from '../src/server/respond.ts';
import { LedgerError } from '../src/LedgerError.ts';
import { REGIONS_READ } from '../src/listReads.ts';
import { ledgerKind, ledgerTemplate } from '../src/index.ts';
import { organizationsOf, stoppedMidway } from './importHelpers.ts';
import { startDocumentsBehindGateway, type DocumentsBehindGateway } from './documentsBehindGateway.ts';

/**
 * The briefing and the exports while stores are down, through the documents server behind the real
 * gateway: each part left out is named with its own store's reason (never another's, nor the
 * answer's first error: `ledger/src/answerParts.ts`, the one rule for both), and the answer is 503
 * STORE_UNAVAILABLE, an outage to retry, whether a subgraph is down (SUBGRAPH_UNAVAILABLE) or only
 * its PostgreSQL (DATABASE_UNAVAILABLE, the subgraph answering).
 */

const REPORT = '/documents/report?period=2021-01-01..2021-06-30&format=docx';
let running: DocumentsBehindGateway;
let federation: Federation;

beforeAll(async () => {
  running = await startDocumentsBehindGateway();
  ({ federation } = running);
}, 120_000);
afterAll(() => running?.stop());

async function refusal(path: string): Promise<{ status: number; body: { code?: string; message?: string } }> {
  const response = await running.call(path);
  return { status: response.status, body: (await response.json()) as { code?: string; message?: string } };
}

/** Runs `check` with a subgraph stopped, and starts it again. */
async function withSubgraphDown(name: string, check: () => Promise<void>): Promise<void> {
  await federation.stopSubgraph(name);
  try {
    await check();
  } finally {
    await federation.startSubgraph(name);
  }
}

/** Runs `check` with Sichuan's subgraph stopped and Chongqing's PostgreSQL stopped (one answer, errors of two stores), and starts them again. */
const withSichuanDownAndChongqingStoreDown = (check: () => Promise<void>): Promise<void> => withSubgraphDown('sichuan', () => withStoresDown(['chongqing'], check));

/** Runs `check` with the PostgreSQL of each named store stopped, and starts them again. */
async function withStoresDown(names: readonly string[], check: () => Promise<void>): Promise<void> {
  for (const name of names) await federation.subgraphs[name]!.database.stopDatabase();
  try {
    await check();
  } finally {
    for (const name of names) await federation.subgraphs[name]!.database.startDatabase();
  }
}

describe('the briefing while a store is down', () => {
  test.each([
    ['sichuan', '四川省的数据暂时无法读取（四川省的数据库暂时无法连接', '重庆市'],
    ['chongqing', '重庆市的数据暂时无法读取（重庆市的数据库暂时无法连接', '四川省'],
    ['joint', '联合办公室的总览暂时无法读取（遂潼联合办公室的数据库暂时无法连接', '四川省'],
  ])('%s’s PostgreSQL stopped: 503 STORE_UNAVAILABLE naming that store, and no other', async (store, names, other) => {
    await withStoresDown([store], async () => {
      const { status, body } = await refusal(REPORT);
      expect(body).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining(names) });
      expect(status).toBe(503);
      expect(body.message).toMatch(/简报未生成；请稍后重试。$/);
      expect(body.message).not.toContain(other);
      // The store's own advice (请稍后再试；写入可用原幂等键重新提交, for writes) is not quoted: the briefing gives its own.
      expect(body.message).not.toMatch(/请稍后再试|写入/);
    });
  });

  test('a side’s export while its PostgreSQL is stopped is 503 STORE_UNAVAILABLE too (not 400 BAD_LEDGER)', async () => {
    await withStoresDown(['sichuan'], async () => {
      const { status, body } = await refusal('/documents/export?list=activities&side=sichuan&format=csv');
      expect(body).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('四川省') });
      expect(status).toBe(503);
    });
  });

  test('Sichuan’s subgraph down and Chongqing’s store down at once (one answer, two errors): each side named with its own reason, 503', async () => {
    await federation.stopSubgraph('sichuan');
    try {
      await withStoresDown(['chongqing'], async () => {
        const { status, body } = await refusal(REPORT);
        expect(body.code).toBe('STORE_UNAVAILABLE');
        // Sichuan's part said once, in plain words (it read （四川省的数据暂不可用，本次回答中其部分为空）, the gateway's words for API clients).
        expect(body.message).toBe('四川省的数据暂时无法读取；重庆市的数据暂时无法读取（重庆市的数据库暂时无法连接），简报未生成；请稍后重试。');
        expect(status).toBe(503);
      });
    } finally {
      await federation.startSubgraph('sichuan');
    }
    // Everything back: the briefing is written again.
    const again = await running.call(REPORT);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
  });
});

describe('the exports while stores are down', () => {
  const PERIOD = 'format=csv&from=2021-01-01&to=2021-06-30';
  const BOTH = '四川省的数据暂时无法读取；重庆市的数据暂时无法读取（重庆市的数据库暂时无法连接），未生成导出文件；请稍后重试。';

  test('Sichuan’s subgraph down and Chongqing’s store down at once: the figure tables of both sides name each side with its own reason, 503 (the answer’s first error named Chongqing alone)', async () => {
    await withSichuanDownAndChongqingStoreDown(async () => {
      for (const list of ['figures', 'activitiesByMonth']) {
        const { status, body } = await refusal(`/documents/export?list=${list}&${PERIOD}`);
        expect(body, list).toEqual({ code: 'STORE_UNAVAILABLE', message: BOTH });
        expect(status, list).toBe(503);
      }
      // One side's table names that side only.
      const { status, body } = await refusal(`/documents/export?list=figures&side=chongqing&${PERIOD}`);
      expect(body).toEqual({ code: 'STORE_UNAVAILABLE', message: '重庆市的数据暂时无法读取（重庆市的数据库暂时无法连接），未生成导出文件；请稍后重试。' });
      expect(status).toBe(503);
    });
  });

  test('a joint list whose members lie in stores that are down is refused naming each store (it was written with their cells blank, 200)', async () => {
    await withSichuanDownAndChongqingStoreDown(async () => {
      const { status, body } = await refusal('/documents/export?list=alliances&format=csv');
      expect(body).toEqual({ code: 'STORE_UNAVAILABLE', message: BOTH });
      expect(status).toBe(503);
    });
  });

  test('a list of both sides names each side it could not read, with its own reason (it named Sichuan’s alone)', async () => {
    await withSichuanDownAndChongqingStoreDown(async () => {
      const { status, body } = await refusal(`/documents/export?list=activities&${PERIOD}`);
      expect(body).toEqual({ code: 'STORE_UNAVAILABLE', message: '四川省的活动暂时无法读取（四川省的数据暂不可用）；重庆市的活动暂时无法读取（重庆市的数据库暂时无法连接），未生成导出文件；请稍后重试。' });
      expect(status).toBe(503);
    });
  });

  test('a list of both sides with the second side’s store down is refused before a byte is written (it was 200, then cut after the first side’s rows)', async () => {
    await withStoresDown(['chongqing'], async () => {
      const { status, body } = await refusal(`/documents/export?list=activities&${PERIOD}`);
      expect(body).toEqual({ code: 'STORE_UNAVAILABLE', message: '重庆市的活动暂时无法读取（重庆市的数据库暂时无法连接），未生成导出文件；请稍后重试。' });
      expect(status).toBe(503);
    });
    // Back up: both sides' rows, one after the other.
    const response = await running.call(`/documents/export?list=activities&${PERIOD}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('\r\n四川省,');
    expect(text).toContain('\r\n重庆市,');
  });

  test('one side’s figure table is not held up by the other side’s subgraph down (it was 503 naming Sichuan for Chongqing’s table)', async () => {
    await federation.stopSubgraph('sichuan');
    try {
      const response = await running.call(`/documents/export?list=figures&side=chongqing&${PERIOD}`);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(text).toContain('重庆市');
      expect(text).not.toContain('四川省');
    } finally {
      await federation.startSubgraph('sichuan');
    }
  });

});

describe('the import while a store is down', () => {
  /** An activities ledger of one 安居区 row, its organizer given by global ID, in the alliance named (or none). */
  async function oneActivityLedger(alliance: string | null): Promise<Buffer> {
    const activities = ledgerKind('activities');
    const [organizer] = await organizationsOf(federation, '安居区');
    const workbook = ledgerTemplate(activities);
    workbook.getWorksheet(activities.sheet)!.addRow(['座谈交流', `停库导入${Date.now().toString(36)}`, '2024-03-01', organizer!.id, 1, 20, 0, alliance]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async function importing(route: 'preview' | 'confirm', body: Buffer): Promise<{ status: number; body: { code?: string; message?: string } }> {
    const response = await running.call(`/documents/import/${route}?kind=activities&side=sichuan&mode=row-by-row&name=${encodeURIComponent('活动台账.xlsx')}`, { method: 'POST', body });
    return { status: response.status, body: (await response.json()) as { code?: string; message?: string } };
  }

  test('the import’s read of a side’s list while its store is down: an outage to retry (store-unavailable, 503), not a refused file', async () => {
    await withStoresDown(['sichuan'], async () => {
      const refused = await readWholeList({ gatewayUrl: federation.gatewayUrl, token: running.token }, 'sichuan', REGIONS_READ, {}, '本方区划').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(LedgerError);
      expect((refused as LedgerError).message).toBe('无法读取本方区划：四川省的数据库暂时无法连接；请稍后重试。');
      expect((refused as LedgerError).kind).toBe('store-unavailable');
    });
  });

  test('an import while the side’s PostgreSQL is stopped: 503, an outage to retry with the same file (it was 400 BAD_LEDGER, 改正后重新导入)', async () => {
    // The organizer by its global ID: no name is looked up; the clerk's region, then the side's activities that a corrected row would double, are read first (sameRecords.ts): the first meets the store down.
    const body = await oneActivityLedger(null);
    await withStoresDown(['sichuan'], async () => {
      const { status, body: answer } = await importing('confirm', body);
      expect(answer).toEqual({ code: 'STORE_UNAVAILABLE', message: '无法读取四川省的行政区划：四川省的数据库暂时无法连接；请稍后重试。' });
      expect(status).toBe(503);
    });
  });

  test('withdrawing an import (撤销本次导入) while the side’s PostgreSQL is stopped: 503, an outage to retry with the same report; once it is back, the same report withdraws the row', async () => {
    const imported = await importing('confirm', await oneActivityLedger(null));
    expect(imported.status).toBe(200);
    const report = Buffer.from((imported.body as { report: { base64: string } }).report.base64, 'base64');
    const withdrawing = async () => {
      const response = await running.call(`/documents/import/withdraw?name=${encodeURIComponent('活动台账.导入结果.xlsx')}&reason=${encodeURIComponent('导入了错误的文件')}`, { method: 'POST', body: report });
      return { status: response.status, body: (await response.json()) as { code?: string; message?: string; counts?: Record<string, number> } };
    };
    await withStoresDown(['sichuan'], async () => {
      expect(await withdrawing()).toEqual({ status: 503, body: { code: 'STORE_UNAVAILABLE', message: '四川省的数据库暂时无法连接；未撤销任何记录，请稍后重试。' } });
    });
    expect(await withdrawing()).toMatchObject({ status: 200, body: { counts: { 已撤销: 1, 此前已撤销: 0, 错误: 0 } } });
  });

  test('withdrawing an import whose store goes down partway: 503 with what was done (the counts, each row, 未撤销 for those not reached, the result workbook); once it is back, the same report withdraws the rest', async () => {
    const activities = ledgerKind('activities');
    const [organizer] = await organizationsOf(federation, '安居区');
    const workbook = ledgerTemplate(activities);
    const tag = Date.now().toString(36);
    for (let i = 0; i < 150; i++) workbook.getWorksheet(activities.sheet)!.addRow(['座谈交流', `中途停库${tag}-${i}`, '2024-03-01', organizer!.id, 1, 20, 0, null]);
    const imported = await importing('confirm', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(imported.status).toBe(200);
    const report = Buffer.from((imported.body as { report: { base64: string } }).report.base64, 'base64');
    type Answer = { code?: string; message?: string; counts: Record<string, number>; rows: { line: number; recordId: string; status: string; reason: string | null }[]; result: { name: string; base64: string } };
    const withdrawing = async () => {
      const response = await running.call(`/documents/import/withdraw?name=${encodeURIComponent('活动台账.导入结果.xlsx')}&reason=${encodeURIComponent('导入了错误的文件')}`, { method: 'POST', body: report });
      return { status: response.status, body: (await response.json()) as Answer };
    };
    const sichuan = federation.subgraphs['sichuan']!;
    const withdrawn = async () => Number((await sichuan.pool.query<{ n: string }>(`SELECT count(*) AS n FROM withdrawn_record WHERE record->>'title' LIKE $1`, [`中途停库${tag}-%`])).rows[0]!.n);
    const first = await stoppedMidway(sichuan, withdrawn, withdrawing());
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/^四川省的数据库暂时无法连接；已撤销的记录不受影响/), counts: { 此前已撤销: 0, 错误: 0 }, result: { name: '活动台账.撤销结果.xlsx' } });
    const done = first.body.counts['已撤销']!;
    expect(done).toBeGreaterThanOrEqual(3);
    expect(first.body.counts['未撤销']).toBe(150 - done);
    expect(first.body.rows.map((r) => r.status)).toEqual([...Array(done).fill('已撤销'), ...Array(150 - done).fill('未撤销')]);
    expect(first.body.rows.at(-1)!.reason).toBe('服务中断，请重试');
    expect(Buffer.from(first.body.result.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const again = await withdrawing();
    expect(again.status).toBe(200);
    expect(again.body.counts['已撤销']! + again.body.counts['此前已撤销']!).toBe(150);
    expect(again.body.counts['此前已撤销']).toBeGreaterThanOrEqual(done);
    expect(await withdrawn()).toBe(150);
  }, 180_000);

  test('an import naming an alliance while the joint office’s PostgreSQL is stopped: 503, an outage to retry (it was 400 BAD_LEDGER)', async () => {
    const body = await oneActivityLedger('joint:Alliance:sweet-potato-chain');
    await withStoresDown(['joint'], async () => {
      const { status, body: answer } = await importing('preview', body);
      expect(answer).toEqual({ code: 'STORE_UNAVAILABLE', message: '无法核对所属联盟“joint:Alliance:sweet-potato-chain”，未导入任何内容：遂潼联合办公室的数据库暂时无法连接；请稍后重试。' });
      expect(status).toBe(503);
    });
  });

  test('an import naming an alliance while the rows’ own side’s PostgreSQL is stopped: 503, not rows refused as outside the alliance (its members of that side came back null)', async () => {
    const body = await oneActivityLedger('joint:Alliance:sweet-potato-chain');
    await withStoresDown(['sichuan'], async () => {
      const { status, body: answer } = await importing('preview', body);
      expect(answer).toEqual({ code: 'STORE_UNAVAILABLE', message: '无法核对所属联盟“joint:Alliance:sweet-potato-chain”，未导入任何内容：四川省的数据库暂时无法连接；请稍后重试。' });
      expect(status).toBe(503);
    });
  });

  test('the other side’s PostgreSQL stopped does not stop the check: a Sichuan row counts for the alliance through Sichuan’s members', async () => {
    const body = await oneActivityLedger('joint:Alliance:sweet-potato-chain');
    const { status: before, body: whole } = await importing('preview', body);
    await withStoresDown(['chongqing'], async () => {
      const { status, body: answer } = await importing('preview', body);
      expect(status).toBe(before);
      expect(answer).toEqual(whole);
    });
  });
});

/** An export's answer: its status and, when 200, its workbook's rows (caption and header included), else the refusal. */
async function exported(query: string): Promise<{ status: number; rows?: unknown[][]; refusal?: { code?: string; message?: string } }> {
  const response = await running.call(`/documents/export?${query}`);
  if (response.status !== 200) return { status: response.status, refusal: (await response.json()) as { code?: string; message?: string } };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { status: 200, rows };
}

/**
 * A side's exports read only the stores whose records they hold: a side's list and aggregate are
 * read through the side's own root field (`sichuan { people … }`, `LedgerExportPeopleSichuan`), not
 * `jurisdictions`, which the joint office's store answers. With the joint office's subgraph down, a
 * 安居区 operator still exports Sichuan's people and organizations (the rows it exports with the
 * joint office up), both sides' people (each side's rows under its own 辖区) and Sichuan's activities
 * by month, while a joint list (alliances) is refused as an outage naming the joint office. With a side's
 * subgraph down, the other side's list is exported and the down side's is refused naming it.
 */
describe('a side’s exports with the joint office’s subgraph down', () => {
  test('Sichuan’s people and organizations, both sides’ people and Sichuan’s activities by month are exported as with it up; the alliances are refused as an outage naming the joint office', async () => {
    const sichuanPeople = await exported('list=people&side=sichuan&format=xlsx');
    const bothPeople = await exported('list=people&format=xlsx');
    const organizations = await exported('list=organizations&side=sichuan&format=xlsx');
    const months = await exported('list=activitiesByMonth&side=sichuan&format=xlsx&from=2021-01-01&to=2021-06-30');
    for (const answer of [sichuanPeople, bothPeople, organizations, months]) expect(answer.status).toBe(200);
    // A header and Sichuan's people (安居区's operator: personal data included).
    expect(sichuanPeople.rows!.length).toBeGreaterThan(2);
    expect(bothPeople.rows!.slice(1).map((row) => row[0])).toEqual(expect.arrayContaining(['四川省', '重庆市']));

    await withSubgraphDown('joint', async () => {
      expect(await exported('list=people&side=sichuan&format=xlsx')).toEqual(sichuanPeople);
      // Each side's pages by its own document, side by side: each row's 辖区 is the side that answered it.
      expect(await exported('list=people&format=xlsx')).toEqual(bothPeople);
      expect(await exported('list=organizations&side=sichuan&format=xlsx')).toEqual(organizations);
      expect(await exported('list=activitiesByMonth&side=sichuan&format=xlsx&from=2021-01-01&to=2021-06-30')).toEqual(months);
      // Sichuan's records that name an alliance are written, their 所属联盟 marked (the next describe).
      // The joint office's own list needs the joint office.
      expect(await exported('list=alliances&format=xlsx')).toEqual({
        status: 503,
        refusal: { code: 'STORE_UNAVAILABLE', message: '党建联盟列表暂时无法读取（遂潼联合办公室的数据暂不可用），未生成导出文件；请稍后重试。' },
      });
    });
  }, 180_000);
});

describe('a side’s exports with a side’s subgraph down', () => {
  test('Chongqing’s people are exported with Sichuan’s subgraph down; Sichuan’s, alone or beside Chongqing’s, are refused naming 四川省 (an outage, 503)', async () => {
    const chongqingPeople = await exported('list=people&side=chongqing&format=xlsx');
    expect(chongqingPeople.status).toBe(200);
    await withSubgraphDown('sichuan', async () => {
      expect(await exported('list=people&side=chongqing&format=xlsx')).toEqual(chongqingPeople);
      const refused = { code: 'STORE_UNAVAILABLE', message: '四川省的人员暂时无法读取（四川省的数据暂不可用），未生成导出文件；请稍后重试。' };
      expect(await exported('list=people&side=sichuan&format=xlsx')).toEqual({ status: 503, refusal: refused });
      expect(await exported('list=people&format=xlsx')).toEqual({ status: 503, refusal: refused });
    });
  }, 180_000);
});

/** An export's workbook through the gateway: its rows (caption, note and header included) and the notice beside it (X-Linju-Notice), decoded. */
async function workbookOf(query: string): Promise<{ rows: unknown[][]; notice: string | null }> {
  const response = await running.call(`/documents/export?${query}`);
  expect(response.status, query).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from({ length: workbook.worksheets[0]!.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  const notice = response.headers.get(NOTICE_HEADER);
  return { rows, notice: notice === null ? null : decodeURIComponent(notice) };
}

/**
 * A side's record list that names alliances (所属联盟, whose name the joint office's store answers),
 * and the figure table (the joint office's overview beside the sides' figures), with the joint
 * office's subgraph down: every row is written, the sides' cells as with it up, and only the cells
 * the joint office fills marked UNAVAILABLE_TEXT (a record naming no alliance keeps its 所属联盟
 * blank), the workbook saying so once above its header and the documents server beside the file.
 * They were refused whole (503 naming the joint office).
 */
describe('the joint office’s cells while it is down', () => {
  const ACTIVITIES = 'list=activities&side=sichuan&format=xlsx';
  const FIGURES = 'list=figures&format=xlsx&from=2021-01-01&to=2021-06-30';
  const ALLIANCE = '所属联盟';

  test('Sichuan’s activities: every row, 所属联盟 marked where a row names an alliance, the note above the header and beside the file; with it up, no marker', async () => {
    const up = await workbookOf(ACTIVITIES);
    const upCsv = await (await running.call(`/documents/export?${ACTIVITIES.replace('xlsx', 'csv')}`)).text();
    const figuresUp = await workbookOf(FIGURES);
    for (const answer of [up, figuresUp]) {
      expect(answer.notice).toBeNull();
      expect(JSON.stringify(answer.rows)).not.toContain(UNAVAILABLE_TEXT);
    }
    expect(upCsv).not.toContain(UNAVAILABLE_TEXT);
    // An alliance the joint office does not have is refused, not exported as an empty file captioned with its ID.
    const noSuch = await running.call(`/documents/export?${ACTIVITIES}&allianceId=${encodeURIComponent('joint:Alliance:no-such-alliance')}`);
    expect([noSuch.status, await noSuch.json()]).toEqual([400, { code: 'BAD_LEDGER', message: ALLIANCE_REFUSAL }]);
    // Up: the caption, the header, the rows.
    const [caption, header, ...records] = up.rows;
    expect(caption![0]).toBe('四川省活动');
    const alliance = header!.indexOf(ALLIANCE);
    expect(alliance).toBeGreaterThan(0);
    const named = records.filter((row) => row[alliance] !== null).length;
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(records.length);

    await withSubgraphDown('joint', async () => {
      const down = await workbookOf(ACTIVITIES);
      const note = unavailableNote(`“${ALLIANCE}”列`);
      expect(down.notice).toBe(note);
      // The caption, then the note, then the header: said before any row.
      expect(down.rows[0]![0]).toBe(caption![0]);
      expect(down.rows[1]![0]).toBe(note);
      expect(down.rows[2]).toEqual(header);
      // Every row, each cell as with it up but a named alliance's, marked (a row naming none stays blank).
      expect(down.rows.slice(3)).toEqual(records.map((row) => row.map((cell, i) => (i === alliance && cell !== null ? UNAVAILABLE_TEXT : cell))));
      // The CSV: the same cells marked, no note (its first line is the header); the note beside the file.
      const csv = await running.call(`/documents/export?${ACTIVITIES.replace('xlsx', 'csv')}`);
      expect(decodeURIComponent(csv.headers.get(NOTICE_HEADER)!)).toBe(note);
      expect((await csv.text()).split(UNAVAILABLE_TEXT).length - 1).toBe(named);
      // The command line's export says it too (npm run export prints it after 已导出).
      const dir = await mkdtemp(join(tmpdir(), 'joint-down-'));
      try {
        const stats = await exportToFile({ list: 'activities', side: 'sichuan', format: 'xlsx', gatewayUrl: federation.gatewayUrl, token: running.token }, (name) => join(dir, name));
        expect(stats).toMatchObject({ rows: records.length, unavailable: note });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      // Filtered by an alliance: the caption marks its name 暂缺, never shows its ID, and the file name leaves it out.
      const byAlliance = `${ACTIVITIES}&allianceId=${encodeURIComponent('joint:Alliance:sweet-potato-chain')}`;
      const filtered = await running.call(`/documents/export?${byAlliance}`);
      expect(filtered.status).toBe(200);
      expect(decodeURIComponent(filtered.headers.get('content-disposition')!)).not.toMatch(/joint|Alliance/);
      expect((await workbookOf(byAlliance)).rows[0]![0]).toBe(`四川省活动 联盟：${UNNAMED}`);
      // Posts and service cases, the other lists of Sichuan's seed that name alliances, are written too.
      for (const list of ['posts', 'serviceCases']) expect((await workbookOf(`list=${list}&side=sichuan&format=xlsx`)).notice, list).toBe(note);

      // The figure table: the sides' figures as with it up; the joint total and the joint office's own rows marked.
      const figures = await workbookOf(FIGURES);
      const where = '“合计”列和“联盟数”“框架协议”各行';
      expect(figures.notice).toBe(unavailableNote(where));
      expect(figures.rows[1]![0]).toBe(unavailableNote(where));
      const [figuresCaption, ...figureRows] = figuresUp.rows;
      expect(figures.rows[0]).toEqual(figuresCaption);
      const last = figureRows[0]!.length - 1;
      expect(figures.rows.slice(2)).toEqual(figureRows.map((row, r) => (r === 0 ? row : row.map((cell, i) => (i === last ? UNAVAILABLE_TEXT : cell)))));
      // One side's: its figures, and the joint office's column marked where it holds the joint office's counts.
      const sichuanFigures = await workbookOf(`${FIGURES}&side=sichuan`);
      expect(sichuanFigures.rows.slice(3).filter((row) => row.at(-1) === UNAVAILABLE_TEXT).map((row) => row[0])).toEqual(expect.arrayContaining(['联盟数', '框架协议']));
      expect(sichuanFigures.rows.slice(3).every((row) => row.at(-1) === UNAVAILABLE_TEXT || row.at(-1) === null)).toBe(true);
    });
  }, 180_000);
});
