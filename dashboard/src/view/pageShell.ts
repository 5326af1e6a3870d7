import type { Granularity } from '../charts/drawCharts.ts';
import type { PeriodChoice } from '../period/periodChoices.ts';
import { h } from './h.ts';

/** The page's fixed frame, built once; the parts that change are filled in by the renderers. */
export interface PageShell {
  readonly periodSelect: HTMLSelectElement;
  readonly fromInput: HTMLInputElement;
  readonly toInput: HTMLInputElement;
  readonly customDates: HTMLElement;
  readonly sideSelect: HTMLSelectElement;
  readonly tokenButton: HTMLButtonElement;
  /** 登录 and 退出: shown only when the gateway names an identity provider (then 访问令牌 is hidden). */
  readonly signInButton: HTMLButtonElement;
  readonly signOutButton: HTMLButtonElement;
  readonly tokenState: HTMLElement;
  readonly banner: HTMLElement;
  readonly periodText: HTMLElement;
  readonly status: HTMLElement;
  readonly main: HTMLElement;
  /**
   * Where the 登记活动 panel goes, for a jurisdiction operator only: first in `main`, under the
   * header, so that on a phone it is found without scrolling past every figure; on a screen at least
   * 1024 px wide it stands with 台账导入 in a column beside the figures (`#operator-panels`), so the
   * key indicators are on the first screen too. Hidden while empty.
   */
  readonly record: HTMLElement;
  readonly headline: HTMLElement;
  readonly legend: HTMLElement;
  readonly trendChart: HTMLElement;
  readonly casesChart: HTMLElement;
  readonly kindsChart: HTMLElement;
  readonly chartNotes: HTMLElement;
  /** 月 / 季 above the activity trend: its buttons by step, the pressed one `aria-pressed`. */
  readonly granularity: Record<Granularity, HTMLButtonElement>;
  /** 保存图片 on each chart, by the chart's container. */
  readonly saveImage: ReadonlyMap<HTMLElement, HTMLButtonElement>;
  /** 数据截至 per store, under the figures' heading and in the printout's header. */
  readonly dataAsOf: HTMLElement;
  /** The printout's header (title, period, print date, units, provenance): shown on paper only. */
  readonly printPeriod: HTMLElement;
  readonly printDate: HTMLElement;
  readonly printSources: HTMLElement;
  readonly wallButton: HTMLButtonElement;
  readonly printButton: HTMLButtonElement;
  readonly alliances: HTMLElement;
  readonly detailDialog: HTMLDialogElement;
  readonly detailTitle: HTMLElement;
  readonly detailBody: HTMLElement;
  readonly tokenDialog: HTMLDialogElement;
  readonly tokenInput: HTMLTextAreaElement;
}

/** A chart in its card: its title, its note (and what to press, `hint`, left out of a print), its controls and 保存图片. */
function chartFigure(id: string, title: string, [note, hint]: [string, string?], ...controls: HTMLElement[]): [HTMLElement, HTMLElement, HTMLButtonElement] {
  const canvas = h('div', { class: 'chart', id, role: 'img', 'aria-label': title });
  const save = h('button', { type: 'button', class: 'secondary save-image', 'data-title': title, 'aria-label': `保存“${title}”为图片` }, '保存图片');
  return [h('figure', { class: 'chart-card' }, h('figcaption', {}, h('h3', {}, title), h('span', { class: 'note' }, note, hint && h('span', { class: 'screen-only' }, hint)), ...controls, save), canvas), canvas, save];
}

/** The page's frame, with the periods the filter offers (for today, in China). */
export function pageShell(root: HTMLElement, periods: readonly PeriodChoice[]): PageShell {
  const periodSelect = h('select', { id: 'period', name: 'period' }, periods.map((c) => h('option', { value: c.id }, c.label)), h('option', { value: 'custom' }, '自定义…'));
  const fromInput = h('input', { type: 'date', id: 'period-from', name: 'from', min: '2015-01-01' });
  const toInput = h('input', { type: 'date', id: 'period-to', name: 'to', min: '2015-01-01' });
  const customDates = h('span', { class: 'custom-dates', hidden: true },
    h('label', { for: 'period-from' }, '起'), fromInput, h('label', { for: 'period-to' }, '止'), toInput);
  const sideSelect = h('select', { id: 'side', name: 'side' }, h('option', { value: '' }, '全部辖区（合计）'));
  const tokenButton = h('button', { type: 'button', class: 'secondary', id: 'token-button' }, '访问令牌');
  const signInButton = h('button', { type: 'button', id: 'sign-in-button', hidden: true }, '登录');
  const signOutButton = h('button', { type: 'button', class: 'secondary', id: 'sign-out-button', hidden: true }, '退出');
  const tokenState = h('span', { class: 'token-state', id: 'token-state', 'aria-live': 'polite' });
  const banner = h('div', { class: 'banner', id: 'outage-banner', role: 'alert', hidden: true });
  const periodText = h('span', { class: 'period-text', id: 'period-text' });
  const status = h('p', { class: 'status', id: 'status', role: 'status', 'aria-live': 'polite' });
  const headline = h('div', { id: 'headline' });
  const legend = h('p', { class: 'note legend', id: 'figures-legend' });
  const granularity = {
    month: h('button', { type: 'button', class: 'secondary step', 'data-step': 'month', 'aria-pressed': 'true' }, '月'),
    quarter: h('button', { type: 'button', class: 'secondary step', 'data-step': 'quarter', 'aria-pressed': 'false' }, '季'),
  };
  const steps = h('span', { class: 'steps', role: 'group', 'aria-label': '按月或按季' }, granularity.month, granularity.quarter);
  const [trendFigure, trendChart, trendSave] = chartFigure('trend-chart', '活动趋势', ['各方活动项数'], steps);
  const [casesFigure, casesChart, casesSave] = chartFigure('cases-chart', '川渝通办', ['各方数字，名称与单位同指标卡', '；点按或悬停查看确切数字']);
  const [kindsFigure, kindsChart, kindsSave] = chartFigure('kinds-chart', '党建联盟（按类别）', ['新增与累计，联合办公室记录']);
  const saveImage = new Map([[trendChart, trendSave], [casesChart, casesSave], [kindsChart, kindsSave]]);
  const dataAsOf = h('p', { class: 'note data-as-of', id: 'data-as-of' });
  const printPeriod = h('span', { id: 'print-period' });
  const printDate = h('span', { id: 'print-date' });
  const printSources = h('p', { id: 'print-sources' });
  const printHeader = h('div', { class: 'print-only print-header', id: 'print-header' },
    h('h1', {}, '遂潼邻聚党建 · 联合看板 · 数据报告'),
    h('p', {}, '时间段：', printPeriod, '　打印日期：', printDate),
    h('p', {}, '数字后为单位（万元、亿元等如数字所示）；合计为各方之和，比率类指标为加权平均；未上报与 0 分别标注。'),
    printSources,
  );
  const wallButton = h('button', { type: 'button', class: 'secondary', id: 'wall-button', 'aria-pressed': 'false' }, '大屏');
  const printButton = h('button', { type: 'button', class: 'secondary', id: 'print-button' }, '打印');
  const chartNotes = h('p', { class: 'note', id: 'chart-notes' });
  const alliances = h('div', { id: 'alliance-list' });
  const record = h('div', { id: 'record-activity', hidden: true });
  // 登记活动 and 台账导入 (put after `record` by the documents): beside the figures on a wide screen, above them on a narrow one.
  const operatorPanels = h('div', { id: 'operator-panels' }, record);
  const detailTitle = h('h2', { id: 'detail-title' });
  const detailBody = h('div', { class: 'detail-body' });
  const closeDetail = h('button', { type: 'button', class: 'secondary close', 'aria-label': '关闭' }, '关闭');
  const detailDialog = h('dialog', { class: 'detail', id: 'alliance-detail', 'aria-labelledby': 'detail-title' },
    h('header', {}, detailTitle, closeDetail), detailBody);
  closeDetail.addEventListener('click', () => detailDialog.close());
  const tokenInput = h('textarea', { id: 'token-input', rows: 4, spellcheck: 'false', autocomplete: 'off', placeholder: 'eyJhbGciOi…' });
  const tokenDialog = h('dialog', { class: 'token', id: 'token-dialog', 'aria-labelledby': 'token-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'token-title' }, '访问令牌'),
      h('p', {}, '公开指标无需令牌。查看联盟名单、成员与协议需要查看者（viewer）或以上角色的令牌；令牌只保存在本标签页中，关闭即清除。'),
      h('label', { for: 'token-input' }, '粘贴令牌'),
      tokenInput,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', value: 'save' }, '保存'),
        h('button', { type: 'submit', value: 'clear', class: 'secondary' }, '清除令牌'),
        h('button', { type: 'submit', value: 'cancel', class: 'secondary' }, '取消'),
      ),
    ),
  );

  const main = h('main', { id: 'main' },
    banner,
    operatorPanels,
    h('section', { class: 'panel', 'aria-labelledby': 'figures-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'figures-heading' }, '主要指标 ', periodText), status), dataAsOf, legend, headline),
    h('section', { class: 'panel', 'aria-labelledby': 'charts-heading' },
      h('h2', { id: 'charts-heading' }, '趋势与构成'), h('div', { class: 'charts' }, trendFigure, casesFigure, kindsFigure), chartNotes),
    h('section', { class: 'panel', 'aria-labelledby': 'alliances-heading' },
      h('h2', { id: 'alliances-heading', tabindex: '-1' }, '党建联盟名单'), alliances),
  );
  root.replaceChildren(
    printHeader,
    h('header', { class: 'top' },
      h('div', { class: 'brand' }, h('h1', {}, '遂潼邻聚党建 · 联合看板'), h('p', {}, '四川省遂宁市 · 重庆市潼南区 毗邻地区党建联建')),
      h('form', { class: 'filters', role: 'search', 'aria-label': '筛选' },
        h('label', { for: 'period' }, '时间段'), periodSelect, customDates,
        h('label', { for: 'side' }, '辖区'), sideSelect,
        h('span', { class: 'view-buttons' }, wallButton, printButton),
        h('span', { class: 'account' }, tokenState, tokenButton, signInButton, signOutButton),
      ),
    ),
    main,
    h('footer', {}, '数据经 Linju 网关实时汇聚自各方数据库，任何一方的数据不复制到另一方。名称标注为示意者为示意数据。'),
    detailDialog,
    tokenDialog,
  );
  return { periodSelect, fromInput, toInput, customDates, sideSelect, tokenButton, signInButton, signOutButton, tokenState, banner, periodText, status, main, record, headline, legend, trendChart, casesChart, kindsChart, chartNotes, granularity, saveImage, dataAsOf, printPeriod, printDate, printSources, wallButton, printButton, alliances, detailDialog, detailTitle, detailBody, tokenDialog, tokenInput };
}
