import type { Period } from '../period/periodChoices.ts';
import { h } from '../view/h.ts';
import type { PageShell } from '../view/pageShell.ts';
import { BRIEFING_FORMATS, downloadButtons, TABLE_FORMATS, type Say } from './exportButtons.ts';
import { mountLedgerImport } from './mountLedgerImport.ts';

/** Who the 台账导入 panel is for: the side its rows go to, the token's subject and region. */
export interface ImportOperator {
  readonly side: string;
  readonly region: string;
  readonly subject: string;
}

/** What the documents' parts read from the page: its filters and its token. */
export interface DocumentsPage {
  period: () => Period;
  side: () => string | null;
  token: () => string | null;
  /** Redraws the figures after an import wrote rows. */
  refresh: () => void;
}

/** The page's documents: 导出 buttons on each table, 生成简报, and (for an operator) 台账导入. */
export interface MountedDocuments {
  /**
   * Shows the 台账导入 panel to this jurisdiction operator, or takes it away (null). Another operator
   * (another subject or region, even of the same side) gets a fresh panel: nothing of the last one's
   * import, its report or its 撤销本次导入 is left for them.
   */
  showImport(operator: ImportOperator | null): void;
  /**
   * Shows 导出联盟名单 to a caller with a token, and hides it from an anonymous one: the list is not
   * public (the figure tables and the briefing are, and stay for everyone).
   */
  showAllianceExport(withToken: boolean): void;
}

/**
 * Adds the documents to the page, each beside what it exports: 导出 (xlsx, csv) on the figures, on
 * each chart's table and on the alliance list, each with the page's period and side; 生成简报 (Word,
 * PDF) for the chosen period; and the 台账导入 panel under the 登记活动 panel, for an operator only.
 * Everything goes through `/documents/` under the page's own token.
 */
export function mountDocuments(shell: PageShell, page: DocumentsPage): MountedDocuments {
  const line = h('p', { class: 'note documents-status', role: 'status', 'aria-live': 'polite' });
  const say: Say = (message, failed = false) => {
    line.textContent = message;
    line.classList.toggle('failed', failed);
  };
  const filters = () => {
    const { from, to } = page.period();
    return { from, to, side: page.side() };
  };
  const table = (list: string, what: string) => downloadButtons({ what, path: 'export', formats: TABLE_FORMATS, params: () => ({ list, ...filters() }), token: page.token, say });

  shell.headline.parentElement!.querySelector('.panel-head')!.append(table('figures', '导出主要指标'));
  for (const [chart, list, what] of [
    [shell.trendChart, 'activitiesByMonth', '导出活动趋势'],
    [shell.casesChart, 'serviceCasesByKind', '导出川渝通办事项'],
    [shell.kindsChart, 'figures', '导出联盟与指标'],
  ] as const) chart.parentElement!.querySelector('figcaption')!.append(table(list, what));
  // The alliance list belongs to the joint office: not by side.
  const alliances = downloadButtons({ what: '导出联盟名单', path: 'export', formats: TABLE_FORMATS, params: () => ({ list: 'alliances', from: page.period().from, to: page.period().to }), token: page.token, say });
  // After the list, so the skip link's Tab from the heading still lands on the first alliance.
  const allianceExport = h('p', { class: 'list-exports', hidden: true }, alliances);
  shell.alliances.after(allianceExport);

  const briefing = downloadButtons({
    what: '生成简报',
    path: 'report',
    formats: BRIEFING_FORMATS,
    params: () => {
      const { from, to } = page.period();
      if (!from || !to) return '生成简报需要有起止日期的时间段：请在“时间段”中选择，或自定义起止日期。';
      return { period: `${from}..${to}`, jurisdiction: page.side() };
    },
    token: page.token,
    say,
  });
  const briefingPanel = h('section', { class: 'panel documents-panel', 'aria-labelledby': 'briefing-heading' },
    h('h2', { id: 'briefing-heading' }, '简报'),
    h('p', { class: 'note' }, '按当前选择的时间段和辖区生成工作简报（含各项指标、各方情况、与上期比较和图表）。'),
    h('div', { class: 'briefing-actions' }, h('span', {}, '生成简报：'), briefing),
    line,
  );
  shell.main.append(briefingPanel);

  const importSlot = h('div', { id: 'ledger-import' });
  shell.record.after(importSlot);
  let mounted: { operator: ImportOperator; unmount(): void } | null = null;
  const same = (a: ImportOperator | undefined, b: ImportOperator | null) => a?.side === b?.side && a?.region === b?.region && a?.subject === b?.subject;
  return {
    showAllianceExport(withToken) {
      allianceExport.hidden = !withToken;
    },
    showImport(operator) {
      if (same(mounted?.operator, operator)) return;
      mounted?.unmount();
      mounted = operator ? { operator, ...mountLedgerImport(importSlot, { side: operator.side, token: page.token, onImported: page.refresh }) } : null;
    },
  };
}
