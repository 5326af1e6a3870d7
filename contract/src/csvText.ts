// Browser-safe (no imports): the dashboard's chart exports write CSV with it, as the documents server's do.

/** A CSV field: quoted when it holds a quote, a comma or a line end, its quotes doubled. */
export const csvQuoted = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * A text cell Excel would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first)
 * written with a leading apostrophe, so opening an export never runs what a record's name says (CSV injection).
 */
export const csvInert = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
