import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A figure card as the page shows it: the machine-readable values behind the formatted text. */
export interface ShownFigure {
  total: string;
  /** The value as it reads, with its unit (56 人), without the kind of count before it. */
  totalText: string;
  /** The kind of count before the value: 新增 (a count of what was set up: alliances, what stands), or none. */
  countKind: string;
  parts: Record<string, string>;
  partTexts: Record<string, string>;
}

/** Every figure card of the page by its field: the total and each side's part, value and text. */
export function shownFigures(page: Page): Promise<Record<string, ShownFigure>> {
  return page.$$eval('article.figure', (cards) =>
    Object.fromEntries(
      cards.map((card) => {
        const total = card.querySelector('.total-value data') as HTMLDataElement;
        const parts: Record<string, string> = {};
        const partTexts: Record<string, string> = {};
        for (const li of card.querySelectorAll<HTMLElement>('.parts li')) {
          parts[li.dataset.side!] = (li.querySelector('data') as HTMLDataElement | null)?.value ?? 'missing';
          partTexts[li.dataset.side!] = li.querySelector('.part-value')!.textContent!;
        }
        const kind = card.querySelector('.total .count-kind')?.textContent ?? '';
        const totalText = card.querySelector('.total')!.textContent!.slice(kind.length);
        return [(card as HTMLElement).dataset.field!, { total: total.value, totalText, countKind: kind.trim(), parts, partTexts }];
      }),
    ),
  );
}

/** The number of the page's last completed refresh (body[data-loaded]). */
export async function refreshCount(page: Page): Promise<number> {
  return Number((await page.getAttribute('body', 'data-loaded')) ?? 0);
}

/** Waits until the page has finished a refresh after `previous`. */
export async function nextRefresh(page: Page, previous: number): Promise<void> {
  await page.waitForFunction((before) => Number(document.body.dataset.loaded ?? 0) > before, previous);
}

/**
 * Waits until the page's layout is still: the charts' drawings (their SVG) and every section's and
 * chart's box the same on two reads `interval` ms apart. So a chart's entry animation (300 ms) or its
 * drawing again at a new size is over, however long a loaded machine takes, where a fixed sleep guessed.
 */
export async function layoutSettled(page: Page, interval = 200): Promise<void> {
  let previous: string | undefined;
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(() =>
          JSON.stringify(
            [...document.querySelectorAll('section, footer, #outage-banner, svg')].map((element) => {
              const { x, y, width, height } = element.getBoundingClientRect();
              return [x, y, width, height, element.tagName.toLowerCase() === 'svg' ? element.innerHTML : ''];
            }),
          ),
        );
        const still = now === previous;
        previous = now;
        return still;
      },
      { interval, timeout: 15_000, message: 'the layout kept changing' },
    )
    .toBe(true);
}
