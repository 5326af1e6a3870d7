import { csvInert, csvQuoted } from '@linju/contract/csvText';
import type { ChartTable } from '../charts/chartTable.ts';

/**
 * A chart's table (`ChartTable`) as a file, written in the browser from what the chart drew: an xlsx
 * workbook of one sheet (a stored ZIP of the few parts Excel, WPS and exceljs need, strings inline)
 * or a CSV with a BOM (Excel opens UTF-8 Chinese only with one). Its first row is the caption (what
 * the chart shows and of which period), the second the columns, then a row per category.
 */

const encoder = new TextEncoder();

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A ZIP of `files`, stored (not deflated), names in UTF-8. */
function zip(files: readonly { name: string; text: string }[]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const data = encoder.encode(file.text);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    [0x04034b50, 20, 0x0800, 0, 0, 0x21, crc, data.length, data.length, name.length, 0].reduce((at, value, i) => {
      const size = [4, 2, 2, 2, 2, 2, 4, 4, 4, 2, 2][i]!;
      if (size === 4) local.setUint32(at, value, true);
      else local.setUint16(at, value, true);
      return at + size;
    }, 0);
    const entry = new DataView(new ArrayBuffer(46));
    [0x02014b50, 20, 20, 0x0800, 0, 0, 0x21, crc, data.length, data.length, name.length, 0, 0, 0, 0, 0, offset].reduce((at, value, i) => {
      const size = [4, 2, 2, 2, 2, 2, 2, 4, 4, 4, 2, 2, 2, 2, 2, 4, 4][i]!;
      if (size === 4) entry.setUint32(at, value, true);
      else entry.setUint16(at, value, true);
      return at + size;
    }, 0);
    parts.push(new Uint8Array(local.buffer), name, data);
    central.push(new Uint8Array(entry.buffer), name);
    offset += 30 + name.length + data.length;
  }
  const size = central.reduce((sum, part) => sum + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
  all.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
}

const xml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const column = (index: number): string => (index < 26 ? String.fromCharCode(65 + index) : column(Math.floor(index / 26) - 1) + column(index % 26));

/** The cells of a file: the caption, the columns, the rows (a value not reported written 未上报). */
function cellsOf(table: ChartTable, caption: string): (string | number)[][] {
  return [[caption], [...table.columns], ...table.rows.map((row) => row.map((cell) => cell ?? '未上报'))];
}

/** A sheet's name as Excel allows it: at most 31 characters, none of []:*?/\. */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';

export function chartXlsx(table: ChartTable, caption: string): Blob {
  const rows = cellsOf(table, caption).map((cells, r) =>
    `<row r="${r + 1}">${cells.map((cell, c) => (typeof cell === 'number' ? `<c r="${column(c)}${r + 1}"><v>${cell}</v></c>` : `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${xml(cell)}</t></is></c>`)).join('')}</row>`,
  );
  const widths = table.columns.map((name, c) => Math.max(10, ...[name, ...table.rows.map((row) => String(row[c] ?? '未上报'))].map((text) => text.length * 2 + 2)));
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const bytes = zip([
    {
      name: '[Content_Types].xml',
      text: `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    { name: '_rels/.rels', text: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', text: `${head}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="${xml(sheetName(table.title))}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', text: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    {
      name: 'xl/worksheets/sheet1.xml',
      text: `${head}<worksheet xmlns="${main}"><cols>${widths.map((width, c) => `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`).join('')}</cols><sheetData>${rows.join('')}</sheetData></worksheet>`,
    },
  ]);
  return new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function chartCsv(table: ChartTable, caption: string): Blob {
  // A text a spreadsheet would take for a formula (a store's name beginning with =) is kept text, as in the documents server's CSV.
  const field = (cell: string | number) => (typeof cell === 'number' ? String(cell) : csvQuoted(csvInert(cell)));
  return new Blob([`\ufeff${cellsOf(table, caption).map((cells) => cells.map(field).join(',')).join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
