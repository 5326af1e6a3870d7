import { inflateRawSync } from 'node:zlib';
import { LedgerError } from './LedgerError.ts';

// What an uploaded .xlsx is as a package, checked before exceljs opens it: a zip within its unpacked
// budget whose main part is a workbook (checkWorkbook), not a Word or PowerPoint file renamed.

/**
 * An .xlsx is a zip: 20 MB of it can unpack to gigabytes (a "zip bomb"). Before exceljs opens a
 * workbook, every member is inflated here with a budget shared by all of them, so a workbook that
 * unpacks past it is refused without the reader ever holding more than the budget. The sizes the
 * zip declares are not trusted: the data itself is inflated.
 */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** A file that is not an .xlsx workbook: refused whole. */
export const notAWorkbook = () => new LedgerError('文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或并非 Excel 文件，未导入任何内容。');
const tooLarge = (limit: number) =>
  new LedgerError(`工作簿解压后超过 ${Math.round(limit / 1024 / 1024)} MB，远大于任何台账，未导入任何内容。请只保留台账工作表后另存再导入。`);

/** The first bytes of an OLE compound file: an Excel 97-2003 workbook (.xls), or an .xlsx with a password to open. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an .xlsx encrypted with a password to open is kept in, as the compound file's directory names it (UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * Why a compound file is no workbook the import reads, and what to do: a clerk renames 台账.xls to
 * .xlsx (the name changes, the format does not), or sends a ledger kept under a password to open,
 * and was told the file might be damaged.
 */
function compoundFileRefusal(bytes: Buffer): LedgerError {
  if (bytes.includes(ENCRYPTED_PACKAGE)) {
    return new LedgerError('工作簿设有打开密码，无法读取，未导入任何内容。请在 Excel 或 WPS 中打开，取消打开密码（Excel：文件—信息—保护工作簿—用密码进行加密，清空密码）并保存后再导入。');
  }
  return new LedgerError('这是旧版 Excel 97-2003 工作簿（.xls），只改扩展名不会转换格式，未导入任何内容。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。');
}

/** The part a package's content types are listed in (Open Packaging Conventions): every .xlsx, .docx and .pptx has it. */
const CONTENT_TYPES_PART = '[Content_Types].xml';

/** The main parts' content types of the Office documents a clerk may rename .xlsx, by what they are (Word's, or WPS's own). */
const OTHER_DOCUMENTS: readonly { mainType: RegExp; what: string }[] = [
  { mainType: /wordprocessingml\.(?:document|template)\.main\+xml|ms-word\.(?:document|template)\.macroEnabled/i, what: 'Word 文档（.docx）' },
  { mainType: /presentationml\.(?:presentation|slideshow|template)\.main\+xml|ms-powerpoint\./i, what: 'PowerPoint 演示文稿（.pptx）' },
];

/** A workbook's main part (an .xlsx, an .xltx, an .xlsm renamed): the content type of xl/workbook.xml. */
const WORKBOOK_TYPE = /spreadsheetml\.(?:sheet|template)\.main\+xml|ms-excel\.(?:sheet|template)\.macroEnabled\.main\+xml/i;

/**
 * Refuses a file that is no workbook though it unpacks (its size checked as {@link checkUnzippedSize} does): a Word document
 * renamed .xlsx (exceljs opens it as a workbook of no sheets, which was refused as having no sheet of the kind's name, 现有：（无）),
 * said as what it is; any other package or zip, as no Excel workbook. Told by the package's content types.
 */
export function checkWorkbook(bytes: Buffer): void {
  const contentTypes = checkUnzippedSize(bytes);
  if (contentTypes !== undefined && WORKBOOK_TYPE.test(contentTypes)) return;
  const other = contentTypes === undefined ? undefined : OTHER_DOCUMENTS.find((d) => d.mainType.test(contentTypes));
  if (!other) throw notAWorkbook();
  throw new LedgerError(`这是 ${other.what}，不是 Excel 工作簿，只改扩展名不会转换格式，未导入任何内容。请在 Excel 或 WPS 表格中打开台账（Word 中的表格可复制到 Excel 中），另存为“Excel 工作簿（*.xlsx）”后再导入。`);
}

/**
 * Refuses a zip whose members unpack to more than `limit` bytes in all, or that is not a plain zip; the text of its
 * {@link CONTENT_TYPES_PART}, if it has one, for {@link checkWorkbook}.
 */
export function checkUnzippedSize(bytes: Buffer, limit = MAX_UNZIPPED_BYTES): string | undefined {
  if (bytes.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) throw compoundFileRefusal(bytes);
  const end = endOfCentralDirectory(bytes);
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let budget = limit;
  let contentTypes: string | undefined;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw notAWorkbook();
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('latin1', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) throw notAWorkbook();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) throw notAWorkbook();
    const member = unpacked(bytes.subarray(start, start + compressed), method, budget, limit);
    budget -= member.length;
    if (name === CONTENT_TYPES_PART) contentTypes = member.toString('utf8');
  }
  return contentTypes;
}

/** A member unpacked, inflating at most `budget` bytes of it. */
function unpacked(data: Buffer, method: number, budget: number, limit: number): Buffer {
  if (method === STORED) {
    if (data.length > budget) throw tooLarge(limit);
    return data;
  }
  if (method !== DEFLATED) throw notAWorkbook();
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(budget, 1) });
  } catch (error) {
    if (error instanceof RangeError) throw tooLarge(limit);
    throw notAWorkbook();
  }
}

/** The end-of-central-directory record: in the last 22 bytes, or before a comment of at most 64 kB. */
function endOfCentralDirectory(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw notAWorkbook();
}
