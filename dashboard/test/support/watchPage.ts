import type { Page } from 'playwright-core';

/**
 * Records what a tab does: every request it makes (URL and body) and every error it reports: an
 * exception, or a console error other than an HTTP status (a Content-Security-Policy violation,
 * something inline or from elsewhere, is one).
 */
export function watchPage(page: Page): { requests: { url: string; body: string | null }[]; errors: string[] } {
  const requests: { url: string; body: string | null }[] = [];
  page.on('request', (request) => requests.push({ url: request.url(), body: request.postData() }));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d|status of 5\d\d/.test(message.text())) errors.push(message.text());
  });
  return { requests, errors };
}
