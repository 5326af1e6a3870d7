/**
 * The words the dashboard's 台账导入 panel shows for the import's options, by which the ledger's
 * messages tell a clerk on the page what to choose (ledger/src/importOptions.ts, `optionFor`): a
 * message names each control as the page labels it. Browser-safe.
 */
export const IMPORT_OPTION_WORDS = {
  /** The field that chooses the kind of ledger (`--kind`). */
  kind: '台账类型',
  /** 导入方式 row by row (`--mode row-by-row`). */
  rowByRow: '逐行导入',
  /** 导入方式 in one transaction (`--mode all-or-nothing`). */
  allOrNothing: '全部或不导入',
  /** The people ledger's correction of registered persons (`--update-registered`). */
  updateRegistered: '按台账更正已登记的人员',
} as const;

/**
 * The files a filled ledger is read from, one list for the command (ledger/src/readLedgerFile.ts), the documents
 * server's upload (ledger/src/server/ledgerUpload.ts) and the panel's 选择文件 (its `accept` and its note): an Excel
 * workbook, or a text ledger, whose encoding (UTF-8, GBK, UTF-16 with its byte order mark) and separator (comma, tab,
 * semicolon) the reader tells, whatever it is named: .csv, .tsv, or .txt, as Excel's and WPS's 文本文件 and Unicode 文本 save it.
 */
export const WORKBOOK_EXTENSION = '.xlsx';
export const TEXT_LEDGER_EXTENSIONS = ['.csv', '.tsv', '.txt'] as const;
export const LEDGER_FILE_EXTENSIONS = [WORKBOOK_EXTENSION, ...TEXT_LEDGER_EXTENSIONS] as const;

/** Whether a (lower-case) extension is a text ledger's. */
export const isTextLedger = (ext: string): boolean => (TEXT_LEDGER_EXTENSIONS as readonly string[]).includes(ext);

/** A file input's `accept`: `.xlsx,.csv,.tsv,.txt`. */
export const LEDGER_FILE_ACCEPT = LEDGER_FILE_EXTENSIONS.join(',');

/** The files said to a clerk: .xlsx 工作簿，或 .csv、.tsv、.txt 文本文件. */
export const LEDGER_FILES_SAID = `${WORKBOOK_EXTENSION} 工作簿，或 ${TEXT_LEDGER_EXTENSIONS.join('、')} 文本文件`;

/** Why a file of another extension is refused, unread: 不支持的文件类型“.xls”：请使用 .xlsx 工作簿，或 …（.xls 请先另存为 .xlsx）。 */
export const unsupportedLedgerFile = (ext: string, verb: '使用' | '选择'): string =>
  `不支持的文件类型“${ext || '（无扩展名）'}”：请${verb} ${LEDGER_FILES_SAID}（.xls 请先另存为 .xlsx）。`;
