import { h } from '../view/h.ts';
import { DocumentsFailure, documentsUrl, download, downloadedLine, type Downloaded } from './documentsClient.ts';

/** Where a download's outcome is said (one line, replaced by the next). */
export type Say = (message: string, failed?: boolean) => void;

/** The buttons of one download: a label per format, each fetching `path` with the current parameters. */
export function downloadButtons(options: {
  /** What is downloaded, in Chinese (导出联盟名单, 简报): each button's accessible name is it and the format. */
  what: string;
  path: string;
  formats: readonly { format: string; label: string }[];
  params: () => Record<string, string | null | undefined> | string;
  token: () => string | null;
  say: Say;
}): HTMLElement {
  const { what, path, params, token } = options;
  return fileButtons({
    ...options,
    make: (format) => {
      const chosen = params();
      return typeof chosen === 'string' ? chosen : () => download(documentsUrl(path, { ...chosen, format }), token(), `${what}.${format}`);
    },
  });
}

/**
 * The buttons of one file, a label per format: `make` says why not (a string, said as a failure) or
 * gives what downloads it and resolves with its name (and the documents server's notice beside it).
 */
export function fileButtons(options: {
  what: string;
  formats: readonly { format: string; label: string }[];
  make: (format: string) => string | (() => Promise<Downloaded>);
  say: Say;
}): HTMLElement {
  const { what, formats, make, say } = options;
  const group = h('span', { class: 'download-buttons', role: 'group', 'aria-label': what });
  for (const { format, label } of formats) {
    const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': `${what}（${label}）`, 'data-format': format }, label);
    button.addEventListener('click', async () => {
      const chosen = make(format);
      if (typeof chosen === 'string') return say(chosen, true);
      button.disabled = true;
      say(`正在生成${what}（${label}）…`);
      try {
        say(downloadedLine('已下载：', await chosen()));
      } catch (error) {
        say(`${what}失败：${error instanceof DocumentsFailure ? error.message : '请稍后重试'}`, true);
      } finally {
        button.disabled = false;
      }
    });
    group.append(button);
  }
  return group;
}

/** 导出 xlsx / csv of a list or figure table (`list=`), with the page's filters. */
export const TABLE_FORMATS = [
  { format: 'xlsx', label: '导出 xlsx' },
  { format: 'csv', label: '导出 csv' },
] as const;

/** 简报 as Word and PDF. */
export const BRIEFING_FORMATS = [
  { format: 'docx', label: 'Word' },
  { format: 'pdf', label: 'PDF' },
] as const;
