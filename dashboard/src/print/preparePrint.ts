import type { EChartsType } from 'echarts/core';
import type { PageShell } from '../view/pageShell.ts';

/** The width a chart is drawn at on A4 (portrait, 15 mm margins: about 680 CSS pixels). */
export const PRINT_CHART_WIDTH = 680;

/**
 * Before the page is printed (打印, Ctrl+P, or a PDF made from it): every category opened and every
 * chart redrawn at the paper's width; afterwards, both as they were. The rest is `@media print`.
 */
export function preparePrint(shell: PageShell, charts: () => EChartsType[]): void {
  let closed: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    closed = [...shell.headline.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
    for (const details of closed) details.open = true;
    for (const chart of charts()) chart.resize({ width: PRINT_CHART_WIDTH, animation: { duration: 0 } });
  });
  window.addEventListener('afterprint', () => {
    for (const details of closed) details.open = false;
    closed = [];
    for (const chart of charts()) chart.resize({ width: 'auto' });
  });
}
