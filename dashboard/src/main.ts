import './styles.css';
import allianceOperation from '../operations/DashboardAlliance.graphql';
import alliancesOperation from '../operations/DashboardAlliances.graphql';
import figuresOperation from '../operations/DashboardFigures.graphql';
import { describeCaller, describeToken, SignInSession, tokenClaims, type KnownSide } from '@linju/sign-in';
import { initialToken, storeToken } from './auth/token.ts';
import { drawActivityTrend, drawAllianceKinds, drawServiceCases } from './charts/drawCharts.ts';
import { chartIn } from './charts/chartIn.ts';
import { mountDocuments } from './documents/mountDocuments.ts';
import { DEFAULT_PERIOD, describePeriod, PERIOD_CHOICES, type Period } from './figures/periods.ts';
import { formatDate } from './format/formatNumber.ts';
import type { AllianceAnswer, AllianceRow, AlliancesAnswer, FiguresAnswer, SideFigures } from './graphql/answers.ts';
import { otherErrors, outagesOf, type Outage } from './graphql/outages.ts';
import { sendOperation, type GraphQLAnswer } from './graphql/sendOperation.ts';
import { mountRecordActivity, recordingOperatorOf, type RecordActivityPanel } from './record/mountRecordActivity.ts';
import { h } from './view/h.ts';
import { pageShell } from './view/pageShell.ts';
import { renderAllianceDetail } from './view/renderAllianceDetail.ts';
import { renderAllianceList } from './view/renderAllianceList.ts';
import { renderBanner } from './view/renderBanner.ts';
import { renderHeadline, type ShownSide } from './view/renderHeadline.ts';

/** While a store is down, the page asks again this often, so the banner goes once it is back. */
const RETRY_MS = 15_000;

const shell = pageShell(document.getElementById('app')!);
/**
 * Sign-in through the identity provider the gateway names (`/auth/config.json`), finished here
 * when the page is its answer. Without one, the page takes a token from its link or a paste.
 */
const session = await SignInSession.start('dashboard', new URL('../auth/config.json', document.baseURI));
/** A token from the page's link (`#token=…`) or pasted under 访问令牌; a signed-in person's token comes first. */
let pastedToken = initialToken(location, history, sessionStorage);
const currentToken = (): string | null => session.accessToken ?? pastedToken;
/** Every jurisdiction seen so far, by code, in the order the gateway lists them: names a side that is down. */
const knownSides = new Map<string, KnownSide>();
let generation = 0;
/** Counts the drill-downs opened: an answer for one the person has since left is not shown. */
let detailGeneration = 0;
let retry: ReturnType<typeof setTimeout> | undefined;
/** A message for the person that outlives the refresh it caused (a refused token, a sign-out). */
let notice: string | null = session.state.kind === 'signed-out' ? session.state.notice : null;
/** The 登记活动 panel, while the token's holder is a jurisdiction operator with a region. */
let recordPanel: RecordActivityPanel | null = null;

shell.periodSelect.value = DEFAULT_PERIOD.id;
/** 导出 on every table, 生成简报, and 台账导入 for an operator: through the gateway's `/documents/`. */
const documents = mountDocuments(shell, { period: chosenPeriod, side: chosenSide, token: currentToken, refresh: () => void refresh() });

function chosenPeriod(): Period {
  if (shell.periodSelect.value === 'custom') return { from: shell.fromInput.value || null, to: shell.toInput.value || null };
  return (PERIOD_CHOICES.find((c) => c.id === shell.periodSelect.value) ?? DEFAULT_PERIOD).period;
}

function chosenSide(): string | null {
  return shell.sideSelect.value || null;
}

/** The side filter lists every jurisdiction seen, keeping the choice. */
function updateSideOptions(): void {
  const chosen = shell.sideSelect.value;
  const options = [...knownSides.values()].map((side) => h('option', { value: side.key }, side.name));
  shell.sideSelect.replaceChildren(h('option', { value: '' }, '全部辖区（合计）'), ...options);
  shell.sideSelect.value = chosen;
}

function unauthenticated(answer: GraphQLAnswer<unknown> | null): boolean {
  return !!answer?.errors.some((error) => error.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * The sides to show, in the gateway's order: those that answered and, named from the errors, those
 * that did not (a null item of `jurisdictions`).
 */
function shownSides(answer: FiguresAnswer | null, outages: readonly Outage[], side: string | null): ShownSide[] {
  const items = answer?.jurisdictions ?? [];
  const down = outages.filter((o) => o.subgraph !== 'joint' && (!side || o.subgraph === side));
  const shown: ShownSide[] = [];
  items.forEach((item, slot) => {
    if (item) {
      knownSides.set(item.code, { key: item.key, name: item.name, code: item.code });
      shown.push({ key: item.key, name: item.name, figures: item });
    } else {
      // The gateway's error may not give the item's path: then the null items take the sides named
      // in the errors, in order (exact whenever one side is down).
      const outage = down.find((o) => o.slot === slot) ?? down.find((o) => o.slot === undefined && !shown.some((s) => s.key === o.subgraph));
      if (outage) shown.push({ key: outage.subgraph, name: outage.name, figures: null });
    }
  });
  for (const outage of down) if (!shown.some((s) => s.key === outage.subgraph)) shown.push({ key: outage.subgraph, name: outage.name, figures: null });
  return shown;
}

/** Reads the figures (and, with a token, the alliances) for the filters, and redraws the page. */
async function refresh(): Promise<void> {
  clearTimeout(retry);
  const run = ++generation;
  const period = chosenPeriod();
  const side = chosenSide();
  if (period.from && period.to && period.from > period.to) {
    // Said here, in the person's words, rather than as the gateway's BAD_USER_INPUT.
    renderBanner(shell.banner, [], [`时间段有误：起始日期（${formatDate(period.from)}）晚于截止日期（${formatDate(period.to)}）。`]);
    return;
  }
  shell.main.setAttribute('aria-busy', 'true');
  shell.status.textContent = '正在读取…';
  shell.periodText.textContent = `（${describePeriod(period, formatDate)}）`;
  showAccount(knownSides.values());
  const token = currentToken();
  let figures: GraphQLAnswer<FiguresAnswer>;
  let alliances: GraphQLAnswer<AlliancesAnswer> | null;
  try {
    [figures, alliances] = await Promise.all([
      sendOperation<FiguresAnswer>(figuresOperation, { period, sides: side ? [side] : null, allSides: !side }, token),
      token ? sendOperation<AlliancesAnswer>(alliancesOperation, { period }, token) : Promise.resolve(null),
    ]);
  } catch (error) {
    if (run !== generation) return;
    renderBanner(shell.banner, [], [`无法连接网关：${(error as Error).message}。稍后自动重试。`]);
    shell.status.textContent = '';
    shell.main.removeAttribute('aria-busy');
    retry = setTimeout(refresh, RETRY_MS);
    return;
  }
  if (run !== generation) return;
  if (unauthenticated(figures)) {
    // A refused sign-in is renewed once, else signed out (the session says why); a bad or expired
    // pasted token is forgotten. Either way the page shows what anyone may see.
    if (token === session.accessToken) {
      if (!(await session.renewAfterRefusal()) && session.state.kind === 'signed-out') notice = session.state.notice;
    } else {
      pastedToken = storeToken(sessionStorage, null);
      notice = '令牌无效或已过期，已改为匿名访问（仅公开指标）。如需查看联盟名单，请点“访问令牌”重新输入。';
    }
    if (run === generation) return refresh();
    return;
  }

  const outages = outagesOf([...figures.errors, ...(alliances?.errors ?? [])]);
  const problems = [...(notice ? [notice] : []), ...otherErrors([...figures.errors, ...(alliances?.errors ?? [])]).map((e) => `出错：${e.message}`)];
  notice = null;
  const sides = shownSides(figures.data, outages, side);
  updateSideOptions();
  // Again, now that the gateway has named its members (a side that is down is named by its outage).
  showAccount([...knownSides.values(), ...sides]);
  renderBanner(shell.banner, outages, problems);
  renderHeadline(shell.headline, shell.legend, figures.data?.overview ?? null, sides, !side);

  const answered = sides.flatMap((s) => (s.figures ? [s.figures] : []));
  drawActivityTrend(chartIn(shell.trendChart), answered);
  drawServiceCases(chartIn(shell.casesChart), answered);
  drawAllianceKinds(chartIn(shell.kindsChart), figures.data?.overview?.alliances.byKind ?? []);
  const missing = sides.filter((s) => !s.figures).map((s) => s.name);
  shell.chartNotes.textContent = missing.length ? `${missing.join('、')}暂不可用，图中仅含${answered.map((s) => s.name).join('、') || '无'}的数据。` : '';

  if (!token && session.state.kind !== 'unavailable') {
    const signIn = h('button', { type: 'button', class: 'secondary' }, '登录');
    signIn.addEventListener('click', () => void session.signIn());
    shell.alliances.replaceChildren(h('p', { class: 'empty' }, '联盟名单、成员与协议需要登录（查看者或以上）。公开指标无需登录。'), signIn);
  } else if (!token) {
    const open = h('button', { type: 'button', class: 'secondary' }, '输入访问令牌');
    open.addEventListener('click', openTokenDialog);
    shell.alliances.replaceChildren(h('p', { class: 'empty' }, '联盟名单、成员与协议需要访问令牌（查看者或以上）。公开指标无需令牌。'), open);
  } else if (alliances?.data?.alliances) {
    renderAllianceList(shell.alliances, alliances.data.alliances.edges.map((e) => e.node), alliances.data.alliances.totalCount, knownSides, sides.map((s) => s.name), openAlliance);
  } else {
    shell.alliances.replaceChildren(h('p', { class: 'empty' }, outages.some((o) => o.subgraph === 'joint') ? '联合办公室数据暂不可用，联盟名单稍后再试。' : '无法读取联盟名单。'));
  }
  shell.status.textContent = `更新于 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
  shell.main.removeAttribute('aria-busy');
  document.body.dataset.loaded = String(run);
  if (outages.length > 0) retry = setTimeout(refresh, RETRY_MS);
}

async function openAlliance(alliance: AllianceRow, opener: HTMLElement): Promise<void> {
  const opened = ++detailGeneration;
  const period = chosenPeriod();
  shell.detailTitle.textContent = alliance.name;
  shell.detailBody.replaceChildren(h('p', { role: 'status' }, '正在读取…'));
  shell.detailDialog.dataset.loaded = 'false';
  shell.detailDialog.showModal();
  shell.detailDialog.addEventListener('close', () => opener.focus(), { once: true });
  try {
    const answer = await sendOperation<AllianceAnswer>(allianceOperation, { id: alliance.id, period }, currentToken());
    if (opened !== detailGeneration) return;
    const outages = outagesOf(answer.errors);
    const body = shell.detailBody;
    renderAllianceDetail(body, answer.data ?? { alliance: null, jurisdictions: null }, outages, describePeriod(period, formatDate), knownSides);
    if (outages.length > 0) body.prepend(h('div', { class: 'banner', role: 'alert' }, outages.map((o) => h('p', {}, h('strong', {}, `${o.name}数据暂不可用`), '：其成员与指标暂缺，其他辖区照常显示。'))));
  } catch (error) {
    if (opened !== detailGeneration) return;
    shell.detailBody.replaceChildren(h('p', { role: 'alert' }, `无法连接网关：${(error as Error).message}`));
  }
  shell.detailDialog.dataset.loaded = 'true';
}

/**
 * The header's account line and buttons: who is signed in (name, role, region) with 退出, or 登录;
 * without an identity provider, the pasted token's role with 访问令牌.
 */
function showAccount(sides: Iterable<KnownSide>): void {
  const state = session.state;
  shell.tokenButton.hidden = state.kind !== 'unavailable';
  shell.signInButton.hidden = state.kind !== 'signed-out';
  shell.signOutButton.hidden = state.kind !== 'signed-in';
  shell.tokenState.textContent = state.kind === 'signed-in' ? `已登录：${describeCaller(state.claims, sides)}` : describeToken(pastedToken, sides);
  showRecordPanel();
}

/** Shows the 登记活动 panel to a jurisdiction operator (signed in, or by a pasted token), and to no one else. */
function showRecordPanel(): void {
  const token = currentToken();
  const operator = recordingOperatorOf(session.state.kind === 'signed-in' ? session.state.claims : token ? tokenClaims(token) : null);
  documents.showImport(operator);
  if (recordPanel && operator?.side === recordPanel.operator.side && operator.region === recordPanel.operator.region) return;
  recordPanel?.unmount();
  recordPanel = operator
    ? mountRecordActivity(shell.record, {
        ...operator,
        send: (operation, variables) => sendOperation(operation, variables, currentToken()),
        onRecorded: () => void refresh(),
        ...(session.state.kind !== 'unavailable' && { signIn: () => void session.signIn() }),
      })
    : null;
  shell.record.hidden = !recordPanel;
}

function openTokenDialog(): void {
  shell.tokenInput.value = '';
  shell.tokenDialog.showModal();
}

shell.tokenButton.addEventListener('click', openTokenDialog);
shell.signInButton.addEventListener('click', () => void session.signIn());
shell.signOutButton.addEventListener('click', () => void session.signOut());
// A renewal changes only the token (the next request carries it); a sign-out changes what may be shown.
session.onChange((state) => {
  if (state.kind === 'signed-in') {
    showAccount(knownSides.values());
    return;
  }
  if (state.kind === 'signed-out') notice = state.notice;
  void refresh();
});
shell.tokenDialog.addEventListener('close', () => {
  const choice = shell.tokenDialog.returnValue;
  if (choice === 'save' && shell.tokenInput.value.trim()) pastedToken = storeToken(sessionStorage, shell.tokenInput.value);
  else if (choice === 'clear') pastedToken = storeToken(sessionStorage, null);
  else return;
  void refresh();
});
shell.periodSelect.addEventListener('change', () => {
  shell.customDates.hidden = shell.periodSelect.value !== 'custom';
  if (shell.periodSelect.value === 'custom') {
    const { from, to } = DEFAULT_PERIOD.period;
    shell.fromInput.value ||= from ?? '';
    shell.toInput.value ||= to ?? '';
  }
  void refresh();
});
for (const input of [shell.fromInput, shell.toInput]) input.addEventListener('change', () => void refresh());
shell.sideSelect.addEventListener('change', () => void refresh());

void refresh();
