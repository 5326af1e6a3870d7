// Browser-safe (no imports): the dashboard's chart exports write CSV with it, as the documents server's do.

/** A CSV field: quoted when it holds a quote, a comma or a line end, its quotes doubled. */
export const csvQuoted = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * A text cell Excel would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first)
 * written with a leading apostrophe, so opening an export never runs what a record's name says (CSV injection).
 */
export const csvInert = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * RFC 4180 rows: fields separated by `separator`, quoted with double quotes (a quote doubled inside),
 * rows ended by CRLF or LF.
 * @throws {Error} when a quote is left open (`unclosedQuote`, the message)
 */
export function csvRows(text: string, separator = ',', unclosedQuote = 'a quoted field is not closed'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (quoted) throw new Error(unclosedQuote);
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/**
 * A cell of a CSV the exports wrote, as its text: `="0825"` (digits kept as text, `keptAsText` in the
 * ledger's table writers) is `0825`, and `'=…` (a formula made inert, {@link csvInert}) is `=…`.
 */
export const csvCellText = (cell: string): string => (/^="[^"]*"$/.test(cell) ? cell.slice(2, -1) : /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/**
 * The text of a CSV file's bytes, in the encodings Excel and WPS save one in: UTF-16 (little- or
 * big-endian) when it begins with that byte order mark (Excel's “Unicode 文本”), else UTF-8 (with or
 * without BOM), or, when the bytes are not valid UTF-8, GBK as Excel on a Chinese Windows saves a
 * “CSV (逗号分隔)”. The byte order mark is left out. `encoding` when the bytes are none of them,
 * `control-characters` when the text holds a C0 control other than a tab or a line end (a binary
 * file, UTF-16 without its mark): each reader says in its own words what to save the file as.
 */
export function csvFileText(bytes: Uint8Array): { text: string } | { refused: 'encoding' | 'control-characters' } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (utf16) return { refused: 'encoding' };
    try {
      text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
    } catch {
      return { refused: 'encoding' };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? { refused: 'control-characters' } : { text };
}
