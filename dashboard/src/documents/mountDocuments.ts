import { formatDate } from '../format/formatNumber.ts';
import { describePeriod, type Period } from '../period/periodChoices.ts';
import { standingAlliancesPeriod } from '../period/standingAlliances.ts';
import { chartFileName } from '../charts/saveChartImage.ts';
import { h } from '../view/h.ts';
import type { PageShell } from '../view/pageShell.ts';
import { CHART_OF_OTHER_PERIOD, chartTableOf } from '../charts/chartTable.ts';
import { chartCsv, chartXlsx } from './chartWorkbook.ts';
import { saveFile } from './documentsClient.ts';
import { briefingFields } from './briefingFields.ts';
import { BRIEFING_FORMATS, downloadButtons, fileButtons, TABLE_FORMATS, type Say } from './exportButtons.ts';
import { ImportDraft } from './ImportDraft.ts';
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
   * import, its report or its 撤销本次导入 is left for them. Taken away (null: the token lapsed), the
   * panel is only hidden, its chosen file with it, and shown again to the same operator; its choices
   * and preview are kept in the tab too (`ImportDraft`), for a sign-in that reloads the page.
   */
  showImport(operator: ImportOperator | null): void;
  /** The person leaves (退出, 清除): the panel and what it kept go. */
  forgetImport(): void;
  /**
   * Shows 导出联盟名单 to a caller with a token, and hides it from an anonymous one: the list is not
   * public (the figure tables and the briefing are, and stay for everyone). `listed` is how many
   * alliances the list shows for which period (null: not known, the joint office not read): a period
   * without any offers 导出全部联盟名单 instead, saying so, never an export of the header alone.
   */
  showAllianceExport(withToken: boolean, listed?: ListedAlliances | null): void;
  /**
   * The charts were drawn for `period` and `side` (null: every side); `note` is what the page says under them (a side left out:
   * 重庆市暂不可用，图中仅含四川省的数据). A chart's 导出 holds that period's figures, named and captioned
   * with it, and is refused while the page shows another period or side (read, or failed to read).
   */
  chartsDrawn(period: Period, side: string | null, note: string): void;
}


/** How many alliances the page's list holds (founded by the period's end), and for which period. */
export interface ListedAlliances {
  readonly period: Period;
  readonly count: number;
}

/**
 * Said beside 导出全部联盟名单 when no alliance was founded by the period's end. The empty list just
 * above says that, in its words and with the day (renderAllianceList: 截至2019年6月30日尚无党建联盟。);
 * this says only what may be exported instead.
 */
export const NO_ALLIANCE_IN_PERIOD = '可导出全部联盟名单（含已结束的）：';

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
  const samePeriod = (a: Period, b: Period) => a.from === b.from && a.to === b.to;
  /** The period and side the charts were last drawn for, and the page's note under them. */
  let charts: { period: Period; side: string | null; note: string } | null = null;
  // A chart's 导出 is the table of what it drew (chartTable.ts), written here: its figures, names and
  // units, of the period and sides it shows, never another table of the documents server.
  for (const [chart, what] of [
    [shell.trendChart, '导出活动趋势'],
    [shell.casesChart, '导出川渝通办'],
    [shell.kindsChart, '导出党建联盟（按类别）'],
  ] as const) {
    const make = (format: string) => {
      const drawn = chartTableOf(chart);
      if (!drawn || !charts) return '图表尚未绘制，请稍候再导出。';
      if (!samePeriod(charts.period, page.period()) || charts.side !== page.side()) return CHART_OF_OTHER_PERIOD;
      // Named and captioned as the chart's picture (保存图片) and the page's heading name the period.
      const periodName = describePeriod(charts.period, formatDate);
      const caption = `${drawn.title} ${periodName}${charts.note ? `（${charts.note.replace(/。$/, '')}）` : ''}`;
      return async () => {
        const name = chartFileName(drawn.title, periodName, format);
        saveFile(format === 'xlsx' ? chartXlsx(drawn, caption) : chartCsv(drawn, caption), name);
        return { fileName: name, notice: null };
      };
    };
    chart.parentElement!.querySelector('figcaption')!.append(fileButtons({ what, formats: TABLE_FORMATS, make, say }));
  }
  // The alliance list belongs to the joint office: not by side. Its export holds what the list shows,
  // the alliances founded by the period's end; a period before the first offers them all.
  let listed: ListedAlliances | null = null;
  const periodAlliances = () => {
    const { from, to } = page.period();
    // The period was changed and the list not read again yet: what it holds is not known.
    if (listed && !samePeriod(listed.period, { from, to })) return '正在读取本期的联盟名单，请稍候再导出。';
    return { list: 'alliances', ...standingAlliancesPeriod({ from, to }) };
  };
  const inPeriod = downloadButtons({ what: '导出联盟名单', path: 'export', formats: TABLE_FORMATS, params: periodAlliances, token: page.token, say });
  const everyAlliance = downloadButtons({ what: '导出全部联盟名单', path: 'export', formats: TABLE_FORMATS, params: () => ({ list: 'alliances' }), token: page.token, say });
  const noneInPeriod = h('span', { class: 'note list-exports-none' }, NO_ALLIANCE_IN_PERIOD);
  const allInstead = h('span', { class: 'list-exports-all', hidden: true }, noneInPeriod, everyAlliance);
  // After the list, so the skip link's Tab from the heading still lands on the first alliance.
  const allianceExport = h('p', { class: 'list-exports', hidden: true }, inPeriod, allInstead);
  shell.alliances.after(allianceExport);

  const masthead = briefingFields();
  const briefing = downloadButtons({
    what: '生成简报',
    path: 'report',
    formats: BRIEFING_FORMATS,
    params: () => {
      const { from, to } = page.period();
      if (!from || !to) return '生成简报需要有起止日期的时间段：请在“时间段”中选择，或自定义起止日期。';
      const issueAndOffice = masthead.read();
      if (typeof issueAndOffice === 'string') return issueAndOffice;
      return { period: `${from}..${to}`, jurisdiction: page.side(), ...issueAndOffice };
    },
    token: page.token,
    say,
  });
  const briefingPanel = h('section', { class: 'panel documents-panel', 'aria-labelledby': 'briefing-heading' },
    h('h2', { id: 'briefing-heading' }, '简报'),
    h('p', { class: 'note' }, '按当前选择的时间段和辖区生成工作简报（含各项指标、各方情况、与上期比较和图表）；期数和印发单位印在报头和文末。'),
    masthead.element,
    h('div', { class: 'briefing-actions' }, h('span', {}, '生成简报：'), briefing),
    line,
  );
  shell.main.append(briefingPanel);

  const importSlot = h('div', { id: 'ledger-import' });
  shell.record.after(importSlot);
  let mounted: { operator: ImportOperator; unmount(): void } | null = null;
  const forget = () => {
    mounted?.unmount();
    mounted = null;
  };
  const same = (a: ImportOperator | undefined, b: ImportOperator | null) => a?.side === b?.side && a?.region === b?.region && a?.subject === b?.subject;
  return {
    chartsDrawn(period, side, note) {
      charts = { period: { from: period.from, to: period.to }, side, note };
    },
    showAllianceExport(withToken, shown = null) {
      allianceExport.hidden = !withToken;
      listed = shown;
      const none = shown?.count === 0;
      inPeriod.hidden = none;
      allInstead.hidden = !none;
    },
    showImport(operator) {
      importSlot.hidden = !operator;
      if (!operator || same(mounted?.operator, operator)) return;
      forget();
      const draft = operator.subject ? new ImportDraft(sessionStorage, { subject: operator.subject, side: operator.side }) : undefined;
      mounted = { operator, ...mountLedgerImport(importSlot, { side: operator.side, token: page.token, onImported: page.refresh, ...(draft && { draft }) }) };
    },
    forgetImport() {
      forget();
      ImportDraft.keepOnly(sessionStorage, null);
    },
  };
}
