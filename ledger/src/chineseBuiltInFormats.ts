import { createRequire } from 'node:module';
// Loaded first: its table of ids by format, for writing, is made without the entries filled in below.
import 'exceljs';

/**
 * Excel's built-in number formats that depend on the language (ids 27–36 and 50–58), as Chinese
 * Excel and WPS mean them: a cell typed 1985年3月 is saved with id 57 and no format text, which
 * exceljs 4.4 reads as no format at all (it knows these ids only per language), so the cell came in
 * as a bare number and its missing day went unseen. Filled in once, for reading: the formats that
 * exceljs writes were chosen when it loaded (its table of ids by format), so no export changes.
 */
const require = createRequire(import.meta.url);
const builtIn = require(require.resolve('exceljs/lib/xlsx/defaultnumformats.js')) as Record<string, { f?: string; 'zh-cn'?: string }>;
for (const format of Object.values(builtIn)) if (format.f === undefined && format['zh-cn']) format.f = format['zh-cn'];
