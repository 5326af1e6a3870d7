import type { ExportStats } from './tableWriters.ts';

/**
 * `npm run export`'s line for a finished export: its rows, and the records they hold where the two
 * differ (an alliance of three members is three rows, a member that left and rejoined two), so the
 * line reads against the API's totalCount: 已导出 80 行（34 条记录）, where 已导出 80 行 of 34 alliances
 * looked like a count that did not match.
 */
export function exportedLine({ rows, records, path }: Pick<ExportStats, 'rows' | 'records'> & { path: string }): string {
  return `已导出 ${rows} 行${rows === records ? '' : `（${records} 条记录）`}：${path}`;
}
