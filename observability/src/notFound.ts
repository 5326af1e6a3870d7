import type { RequestHandler } from 'express';

/** A page a person may have meant, offered on the not-found page (看板 at /dashboard/). */
export interface PageLink {
  href: string;
  label: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** 没有这个地址 / No such path: the words of every server's not-found answer. */
export const NOT_FOUND_WORDS = '没有这个地址，请检查网址 / No such path';

/**
 * The last route of a server: a path nothing answers is 404 in Linju's words, never Express's
 * English page (`Cannot POST /`). A browser (Accept: text/html first) gets a short Chinese page
 * with links to `pages`; anything else a GraphQL-shaped JSON error with code NOT_FOUND.
 */
export function notFoundHandler(pages: readonly PageLink[] = []): RequestHandler {
  const links = pages.map((page) => `<li><a href="${escapeHtml(page.href)}">${escapeHtml(page.label)}</a></li>`).join('');
  const html =
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>找不到页面 · 邻聚</title></head><body style="font-family: sans-serif; margin: 2rem">' +
    `<h1>找不到页面</h1><p>${escapeHtml(NOT_FOUND_WORDS.split(' / ')[0]!)}。</p>${links ? `<ul>${links}</ul>` : ''}</body></html>`;
  return (request, response) => {
    if (request.accepts(['json', 'html']) === 'html' && pages.length) response.status(404).type('html').send(html);
    else response.status(404).json({ errors: [{ message: NOT_FOUND_WORDS, extensions: { code: 'NOT_FOUND' } }] });
  };
}
