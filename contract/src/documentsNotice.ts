/**
 * The header in which the documents server says what a download's clerk must know of the file beside
 * it (an export's cells the joint office could not fill: `unavailableNote`), percent-encoded UTF-8 (a
 * header is Latin-1). The gateway passes it on; the dashboard says it after 已下载. Browser-safe.
 */
export const NOTICE_HEADER = 'x-linju-notice';
