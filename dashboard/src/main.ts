import './styles.css';
import allianceOperation from '../operations/DashboardAlliance.graphql';
import alliancesOperation from '../operations/DashboardAlliances.graphql';
import comparisonOperation from '../operations/DashboardComparison.graphql';
import figuresOperation from '../operations/DashboardFigures.graphql';
import sideFiguresOperation from '../operations/DashboardSideFigures.graphql';
import type { FigureName } from '@linju/contract/figures';
import { todayInChina } from '@linju/contract/todayInChina';
import { describeCaller, describeToken, SignInSession, splitAtName, type GatewayRefusal, type KnownSide, type TokenClaims } from '@linju/sign-in';
import { OperatorRegions } from './auth/OperatorRegions.ts';
import { renewingWrites } from './auth/renewingWrites.ts';
import { initialToken, storeToken } from './auth/token.ts';
import { drawActivityTrend, drawAllianceKinds, drawServiceCases, type Granularity } from './charts/drawCharts.ts';
import { chartIn } from './charts/chartIn.ts';
import { chartFileName, saveChartImage } from './charts/saveChartImage.ts';
import type { ComparisonAnswer } from './compare/answers.ts';
import { comparisonVariables } from './compare/comparisonVariables.ts';
import { ImportDraft } from './documents/ImportDraft.ts';
import { mountDocuments } from './documents/mountDocuments.ts';
import { openFigureRecords } from './drill/index.ts';
import type { ShownSide } from './figures/cardValues.ts';
import { formatChinaClock } from './format/formatDateTime.ts';
import { formatDate } from './format/formatNumber.ts';
import type { AllianceAnswer, AllianceRow, AlliancesAnswer, FiguresAnswer, SideFigures } from './graphql/answers.ts';
import { errorText, tokenRefusalOf } from './graphql/errorText.ts';
import { JOINT_SUBGRAPH, otherErrors, outagesOf, type Outage } from './graphql/outages.ts';
import { isRateLimited, rateLimitedText, retryAfterSeconds } from './graphql/rateLimit.ts';
import { sideFiguresVariables, sideKeysOf, sidesLostWithJointOffice, withSidesAnswered, type SideFiguresAnswer } from './graphql/sideFigures.ts';
import { sendOperation, type GraphQLAnswer, type GraphQLError } from './graphql/sendOperation.ts';
import { addressProblems, notBegunNote, pageChoiceSearch, periodProblems, pickerBounds, readPageChoice, unknownSideNote, type PageChoice } from './period/pageAddress.ts';
import { DEFAULT_PERIOD_ID, describePeriod, periodChoices, type Period } from './period/periodChoices.ts';
import { stillShown, updatedText, type ShownFigures } from './period/shownFigures.ts';
import { standingAlliancesPeriod } from './period/standingAlliances.ts';
import { preparePrint } from './print/preparePrint.ts';
import { mountRecordActivity, recordingOperatorOf, type RecordActivityPanel, type SendOperation } from './record/mountRecordActivity.ts';
import { findOperatorRegion } from './record/findOperatorRegion.ts';
import { RecordDraft } from './record/RecordDraft.ts';
import { recordingOperator } from './record/recordingOperator.ts';
import { h } from './view/h.ts';
import { pageShell } from './view/pageShell.ts';
import { renderAllianceDetail } from './view/renderAllianceDetail.ts';
import { renderAllianceList } from './view/renderAllianceList.ts';
import { returnFocus } from './view/returnFocus.ts';
import { renderBanner, type StandingNotice } from './view/renderBanner.ts';
import { renderDataAsOf } from './view/renderDataAsOf.ts';
import { renderFigures } from './view/renderFigures.ts';
import { ALL_SIDES, sideChoices, sideName } from './view/sideChoices.ts';
import { startWallMode, type WallMode } from './view/wallMode.ts';

/** While a store is down, the page asks again this often, so the banner goes once it is back. */
const RETRY_MS = 15_000;
/** Otherwise it reads the figures again this often (and when its tab is shown again): a wall screen left open stays current. */
const REFRESH_MS = 60_000;

/** The periods offered, for today in China (recomputed at each read: a screen left open past midnight moves on). */
const choices = () => periodChoices(todayInChina());
const shell = pageShell(document.getElementById('app')!, choices());
/**
 * Sign-in through the identity provider the gateway names (`/auth/config.json`), finished here
 * when the page is its answer. Without one, the page takes a token from its link or a paste.
 */
const session = await SignInSession.start('dashboard', new URL('../auth/config.json', document.baseURI));
/** A token from the page's link (`#token=…`) or pasted under 访问令牌; a signed-in person's token comes first. */
let pastedToken = initialToken(location, history, sessionStorage);
/**
 * The linked or pasted token the gateway has accepted: a request made with it was answered (the
 * gateway verifies its signature, issuer, audience and expiry before anything else). Anyone can
 * write a token naming anyone, so whose it is (and the panels of an operator) is shown only then.
 */
let acceptedToken: string | null = null;
/**
 * The linked or pasted token whose last check got no answer (the gateway unreachable), or an answer
 * refused before execution for another reason than the token: 未验证 says so.
 */
let uncheckedToken: string | null = null;
/** Whether the last check of `uncheckedToken` got an answer at all (then 网关未能核验, else 无法连接网关). */
let uncheckedAnswered = false;
const currentToken = (): string | null => session.accessToken ?? pastedToken;
/** Sends a registered operation with the token of the moment (a renewal changes it). */
const sendAsCaller: SendOperation = (operation, variables) => sendOperation(operation, variables, currentToken());
/** The regions tokens name by code, found once: the header names the person's region, the 登记活动 panel works within it. */
const operatorRegions = new OperatorRegions((operator) => findOperatorRegion(sendAsCaller, operator));
/** Every jurisdiction seen so far, by code, in the order the gateway lists them: names a side that is down. */
const knownSides = new Map<string, KnownSide>();
/**
 * Every side's Chinese name by key, as an answer named it (a side answering, or an outage naming a
 * side down): the 辖区 selector keeps each one, never showing a key.
 */
const sideNames = new Map<string, string>();
/** The sides the last refresh found down: the selector marks them （暂不可用）. */
let downSides = new Set<string>();
/** Sides being named (`nameUnseenSides`): asked once at a time. */
const namingSides = new Set<string>();
let generation = 0;
/** Counts the drill-downs opened: an answer for one the person has since left is not shown. */
let detailGeneration = 0;
let retry: ReturnType<typeof setTimeout> | undefined;
/**
 * The provider sends a person back to the page's plain address (its redirect URI has no query): the
 * choice made before 登录 is kept in the tab for that trip and put back in the address on return.
 */
const CHOICE_KEY = 'linju.dashboard.choiceBeforeSignIn';
const kept = sessionStorage.getItem(CHOICE_KEY);
sessionStorage.removeItem(CHOICE_KEY);
if (kept && !location.search) history.replaceState(history.state, '', `${location.pathname}${kept}${location.hash}`);

function signInKeepingChoice(): void {
  sessionStorage.setItem(CHOICE_KEY, pageChoiceSearch(choice));
  void session.signIn();
}

/** 退出 returns from the provider to the page's plain address too: the choice is kept for that trip as for 登录's. */
function signOutKeepingChoice(): void {
  sessionStorage.setItem(CHOICE_KEY, pageChoiceSearch(choice));
  void session.signOut();
}

/** The period, side and mode shown: from the address, written back to it on every change. */
let choice: PageChoice = readPageChoice(location.search, choices().map((c) => c.id));
/**
 * What was wrong with the address the page was opened with (or went Back to): a custom period's
 * date that is no day (no figures until the period is chosen again, as for dates in the wrong
 * order), a side that is no jurisdiction (ignored, said until the person chooses again).
 */
let addressDates: string[] = [];
let sideNote: string | null = null;
/** A period the address names that the page does not offer (?period=bogus): 本年 shown, said until the person chooses again. */
let periodNote: string | null = null;
/** What the banner says of the address (`sideNote`, `periodNote`). */
const addressNotes = (): string[] => [periodNote, sideNote].filter((note): note is string => note !== null);
function readAddressProblems(): void {
  ({ dates: addressDates, side: sideNote, period: periodNote } = addressProblems(location.search, choices().map((c) => c.id)));
  // The address then names what is shown (本年), as after ?side=tibet.
  const search = pageChoiceSearch(choice);
  if (periodNote && search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}
readAddressProblems();
let granularity: Granularity = 'month';
/** The sides last answered, for redrawing the trend by month or by quarter without asking again. */
let answeredSides: SideFigures[] = [];
/** Where the charts drawn last come from, for a saved image: the sides' stores, or the joint office's. */
let chartSources = { sides: '', joint: '数据来源：联合办公室库（经 Linju 网关实时汇聚）。' };
let wall: WallMode | null = null;
/**
 * The period and side whose figures are on screen, and when they were read (更新于): a read that
 * cannot reach the gateway keeps them only under their own period and side (`stillShown`).
 */
let shownFigures: ShownFigures | null = null;
/**
 * A message for the person that outlives the refreshes after it (a sign-in that expired, a refused
 * token): it stays in the banner until a token is held again (signed in, a token pasted) or the
 * person closes it (关闭提示), so someone who looked away still learns they were signed out.
 */
let notice: string | null = session.state.kind === 'signed-out' ? session.state.notice : null;
/**
 * The banner's standing notice, as drawn: closing it forgets it. Not on the wall screen, which shows
 * nothing that needs a sign-in and offers no 登录: a notice there (请重新登录, in front of a room, at
 * every sign-in's end) would ask the audience for what it cannot do; it waits for 退出大屏.
 */
// 关闭提示 closes the notice it was drawn with, never a newer one that replaced it meanwhile.
const standingNotice = (): StandingNotice | null => {
  const shown = notice;
  if (choice.wall) return null;
  return shown ? { text: shown, dismiss: () => void (notice === shown && (notice = null)) } : null;
};
/** The 登记活动 panel, while the token's holder is a jurisdiction operator with a region. */
let recordPanel: RecordActivityPanel | null = null;
/** Whose the 登记活动 panel is (the token's subject): another person's token gets a fresh panel, without the last one's 已登记 and its 撤销这条记录. */
let recordPanelSubject = '';
/** When a linked or pasted token expires: the header says so then, and the page reads again (as anyone may). */
let tokenExpiry: ReturnType<typeof setTimeout> | undefined;
/** The longest a timer waits (setTimeout's limit, about 24.8 days). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** 导出 on every table, 生成简报, and 台账导入 for an operator: through the gateway's `/documents/`. */
const documents = mountDocuments(shell, { period: chosenPeriod, side: chosenSide, token: currentToken, refresh: () => void refresh() });

function chosenPeriod(): Period {
  if (choice.period === 'custom') return { from: choice.from || null, to: choice.to || null };
  const all = choices();
  return (all.find((c) => c.id === choice.period) ?? all.find((c) => c.id === DEFAULT_PERIOD_ID)!).period;
}

/** The period a page opens on (本年): read for what depends on no period while the chosen one cannot be read. */
function defaultPeriod(): Period {
  return choices().find((c) => c.id === DEFAULT_PERIOD_ID)!.period;
}

function chosenSide(): string | null {
  return choice.side || null;
}

/** The filters show the choice (on start, and after Back or Forward). */
function showChoice(): void {
  shell.periodSelect.value = choice.period;
  shell.customDates.hidden = choice.period !== 'custom';
  shell.fromInput.value = choice.from;
  shell.toInput.value = choice.to;
  boundPickers();
  updateSideOptions();
  if (choice.wall !== !!wall) {
    wall?.stop();
    wall = choice.wall ? startWallMode(shell) : null;
  }
  shell.wallButton.setAttribute('aria-pressed', String(choice.wall));
  shell.wallButton.textContent = choice.wall ? '退出大屏' : '大屏';
}

/** The pickers offer 2015 to this year's end, 起 up to 止 and 止 from 起 (`pickerBounds`). */
function boundPickers(): void {
  const bounds = pickerBounds(shell.fromInput.value, shell.toInput.value, todayInChina());
  Object.assign(shell.fromInput, bounds.from);
  Object.assign(shell.toInput, bounds.to);
}

/** A new choice: into the address (a new history entry, so Back returns to the one before), then read. */
function choose(change: Partial<PageChoice>): void {
  choice = { ...choice, ...change };
  sideNote = null;
  periodNote = null;
  if ('period' in change || 'from' in change || 'to' in change) addressDates = [];
  const search = pageChoiceSearch(choice);
  if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}`);
  showChoice();
  void refresh();
}

/**
 * The side filter lists every side by its Chinese name, one down marked （暂不可用） (`sideChoices`),
 * and shows the choice (one named by a link before any answer reads 所选辖区).
 */
function updateSideOptions(): void {
  const options = sideChoices(sideKeysOf(sideFiguresOperation.document), sideNames, downSides, choice.side).map((side) => h('option', { value: side.value, ...(side.down && { 'data-down': 'true' }) }, side.text));
  shell.sideSelect.replaceChildren(h('option', { value: '' }, ALL_SIDES), ...options);
  shell.sideSelect.value = choice.side;
}

/**
 * The page opened on one side asks for that side alone, so the selector would not know the others:
 * each side no answer has named yet is asked for once, through its own root field
 * (DashboardSideFigures, public), and the selector lists it. Nothing of it is shown but its name.
 * Its answer says what the figures' would of a linked or pasted token (`learnOfToken`): under a wrong
 * period (`checkToken`), which reads no figures, it is the token's only check, so one side is asked
 * for it even when every side is named.
 */
async function nameUnseenSides(period: Period, checkToken = false): Promise<void> {
  const sides = sideKeysOf(sideFiguresOperation.document);
  const token = currentToken();
  const unseen = sides.filter((key) => !sideNames.has(key) && !namingSides.has(key));
  const asked = unseen.length === 0 && checkToken && tokenUnverified(token) ? sides.slice(0, 1) : unseen;
  if (asked.length === 0) return;
  for (const key of unseen) namingSides.add(key);
  const before = [acceptedToken, uncheckedToken, uncheckedAnswered].join();
  let named = false;
  try {
    const answer = await sendOperation<SideFiguresAnswer>(sideFiguresOperation, { period, ...Object.fromEntries(sides.map((key) => [key, asked.includes(key)])) }, token);
    if (await learnOfToken(token, answer)) {
      void refresh();
      return;
    }
    const byKey = (answer.data ?? {}) as Readonly<Record<string, SideFigures | null | undefined>>;
    for (const key of unseen) {
      const item = byKey[key];
      if (item) named = nameSide(item) || named;
    }
    nameSidesDown(outagesOf(answer.errors));
  } catch {
    // The gateway unreachable: the next refresh says so, and asks again.
    await learnOfToken(token, null);
  } finally {
    for (const key of unseen) namingSides.delete(key);
  }
  updateSideOptions();
  // The header names a jurisdiction operator's role after the jurisdiction (四川省操作员), now that it
  // is named, and the holder of a token now verified (or why it is not).
  if (named || [acceptedToken, uncheckedToken, uncheckedAnswered].join() !== before) showAccount(knownSides.values());
}

/** Whether `token` is a linked or pasted one the gateway has not accepted yet (the header says 未验证). */
const tokenUnverified = (token: string | null): token is string => !!token && token === pastedToken && token !== acceptedToken;

/**
 * What an answer to a request sent with `token` says of it (`answer` null: the gateway unreachable),
 * whichever request it was (the figures', or under a wrong period the sides' names): a linked or
 * pasted token not yet accepted is accepted by an answer the gateway executed (`executed`: it
 * verified the token first), and stays 未验证 otherwise, saying why. A token the gateway refused
 * (`UNAUTHENTICATED`, its own) is renewed once when it is a sign-in's, else signed out (the session
 * says why; an account the gateway refuses, one without a Linju role, at once); a bad or expired
 * linked or pasted token is forgotten, the banner saying so. True when it was refused: the page then
 * reads again, showing what anyone may see.
 */
async function learnOfToken(token: string | null, answer: GraphQLAnswer<unknown> | null): Promise<boolean> {
  // The page has moved on to another token (renewed, pasted, signed in or out) since the request was
  // sent: nothing is learnt of either; a refusal of the old one is read again with the new.
  if (token !== currentToken()) return !!tokenRefusal(answer);
  const refusal = tokenRefusal(answer);
  if (!refusal) {
    if (tokenUnverified(token)) {
      // A token held again: what the notice said (the last token refused) no longer holds.
      if (answer?.executed) [acceptedToken, notice] = [token, null];
      else [uncheckedToken, uncheckedAnswered] = [token, answer !== null];
    }
    return false;
  }
  if (token === session.accessToken) {
    if (!(await session.renewAfterRefusal(refusal, token)) && session.state.kind === 'signed-out') notice = session.state.notice;
  } else {
    pastedToken = storeToken(sessionStorage, null);
    // The way back is the button the header now shows: 登录 beside an identity provider, else 访问令牌.
    notice = session.state.kind === 'unavailable'
      ? '令牌无效或已过期，已改为匿名访问（仅公开指标）。如需查看联盟名单，请点“访问令牌”重新输入。'
      : '令牌无效或已过期，已改为匿名访问（仅公开指标）。如需查看联盟名单，请点“登录”。';
  }
  return true;
}

/** A side that answered: known by its code (the header's region names) and named in the selector; true when it was not before. */
function nameSide(item: { key: string; name: string; code: string }): boolean {
  const unseen = !knownSides.has(item.code);
  knownSides.set(item.code, { key: item.key, name: item.name, code: item.code });
  sideNames.set(item.key, item.name);
  return unseen;
}

/** The sides an outage names (the gateway gives a side's name with it; a bare key is no name). */
function nameSidesDown(outages: readonly Outage[]): void {
  for (const outage of outages) if (outage.subgraph !== JOINT_SUBGRAPH && outage.name !== outage.subgraph) sideNames.set(outage.subgraph, outage.name);
}

/** The gateway's refusal of the token (`UNAUTHENTICATED`, not a subgraph's), with its reason and message, or null. */
const tokenRefusal = (answer: GraphQLAnswer<unknown> | null): GatewayRefusal | null => tokenRefusalOf(answer?.errors ?? []);

/**
 * The sides to show, in the gateway's order: those that answered and, named from the errors, those
 * that did not (a null item of `jurisdictions`).
 */
function shownSides(answer: FiguresAnswer | null, outages: readonly Outage[], side: string | null): ShownSide[] {
  const items = answer?.jurisdictions ?? [];
  const down = outages.filter((o) => o.subgraph !== JOINT_SUBGRAPH && (!side || o.subgraph === side));
  const shown: ShownSide[] = [];
  items.forEach((item, slot) => {
    if (item) {
      nameSide(item);
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

/** What stands in the cards' place while the period cannot be read (the banner says why). */
const WRONG_PERIOD_MESSAGE = '请更正时间段后查看指标。图表与联盟名单同样在更正后显示。';
/** What stands in the cards' place while the gateway cannot be reached for the period and side chosen. */
const UNREAD_MESSAGE = '无法连接网关，尚未读到所选时间段和辖区的指标；连接恢复后自动显示，图表与联盟名单同样。';

/**
 * A period that cannot be read (dates in the wrong order or out of range, a date that is no day, or
 * a period the gateway refused): said here, in the person's words, rather than as the gateway's
 * BAD_USER_INPUT, and never as a store down (no 暂缺, no 暂不可用); nothing of the period shown
 * before stays beside the wrong one, on screen or on paper.
 */
function showWrongPeriod(run: number, wrongDates: readonly string[]): void {
  // The header as always (登录 or who is signed in), though nothing is read.
  showAccount(knownSides.values());
  // The sides' names (the 辖区 selector, 四川省操作员 · 磨溪镇 in the header) depend on no period:
  // read for the period offered first, as the figures' answer would have named them (QA). That answer
  // checks a linked or pasted token too, as the figures' would: refused, it is forgotten and the banner
  // says so; unchecked, it is asked again later, as the header says (稍后自动重试); accepted, the
  // banner's notice of a token refused before goes.
  const drawBanner = () => renderBanner(shell.banner, [], [...addressNotes(), ...wrongDates], standingNotice());
  void nameUnseenSides(defaultPeriod(), true).then(() => {
    if (run !== generation) return;
    drawBanner();
    if (tokenUnverified(currentToken()) && uncheckedToken === currentToken()) retry = setTimeout(refresh, RETRY_MS);
  });
  drawBanner();
  shell.periodText.textContent = '';
  shell.printPeriod.textContent = wrongDates.join('');
  showNoFigures(WRONG_PERIOD_MESSAGE, '请更正时间段后查看图表');
  document.body.dataset.loaded = String(run);
}

/**
 * No figures of the period and side chosen (a wrong period, or one the gateway could not be reached
 * for): the message stands in the cards' place; the charts, the alliance list, the briefing and
 * every 导出 are left out (`main.wrong-period` in styles.css), not shown as empty frames, and nothing
 * read for another period or side stays under this one's name.
 */
function showNoFigures(message: string, chartsLater: string): void {
  shell.main.classList.add('wrong-period');
  shell.headline.replaceChildren(h('p', { class: 'empty wrong-period-message' }, message));
  shell.legend.textContent = '';
  shell.status.textContent = '';
  shell.main.removeAttribute('aria-busy');
  for (const chart of [shell.trendChart, shell.casesChart, shell.kindsChart]) {
    chartIn(chart).clear();
    // No description of a chart no longer drawn.
    chart.setAttribute('aria-label', `${shell.saveImage.get(chart)!.dataset.title!}：${chartsLater}`);
  }
  shell.chartNotes.textContent = `${chartsLater}。`;
  shownFigures = null;
}

/** Reads the figures (and, with a token, the alliances) for the filters, and redraws the page. */
async function refresh(): Promise<void> {
  clearTimeout(retry);
  const run = ++generation;
  const period = chosenPeriod();
  const side = chosenSide();
  const wrongDates = addressDates.length ? addressDates : periodProblems(period, formatDate);
  if (wrongDates.length) return showWrongPeriod(run, wrongDates);
  shell.main.classList.remove('wrong-period');
  shell.main.setAttribute('aria-busy', 'true');
  shell.status.textContent = '正在读取…';
  const periodName = describePeriod(period, formatDate);
  const label = choice.period === 'custom' ? '' : (choices().find((c) => c.id === choice.period)?.label ?? '');
  shell.periodText.textContent = `（${label && label !== periodName ? `${label}：` : ''}${periodName}）`;
  const printedPeriod = () => `${label && label !== periodName ? `${label}（${periodName}）` : periodName}${side ? ` · ${sideName(sideNames, side)}` : ' · 全部辖区'}`;
  shell.printPeriod.textContent = printedPeriod();
  showAccount(knownSides.values());
  const token = currentToken();
  let figures: GraphQLAnswer<FiguresAnswer>;
  let comparison: GraphQLAnswer<ComparisonAnswer>;
  let alliances: GraphQLAnswer<AlliancesAnswer> | null;
  try {
    [figures, comparison, alliances] = await Promise.all([
      sendOperation<FiguresAnswer>(figuresOperation, { period, sides: side ? [side] : null, allSides: !side }, token),
      sendOperation<ComparisonAnswer>(
        comparisonOperation,
        comparisonVariables(period, side),
        token,
      ),
      // The alliances standing in the period, not only those founded in it (standingAlliances.ts).
      token ? sendOperation<AlliancesAnswer>(alliancesOperation, { period: standingAlliancesPeriod(period) }, token) : Promise.resolve(null),
    ]);
    // The joint office down took the sides' figures with it (it serves `jurisdictions`): each side's
    // store answers for itself through its own root field. The next refresh asks DashboardFigures again.
    if (sidesLostWithJointOffice(figures.data, figures.errors)) {
      const own = await sendOperation<SideFiguresAnswer>(sideFiguresOperation, sideFiguresVariables(sideFiguresOperation.document, period, side), token);
      figures = { ...figures, data: withSidesAnswered(figures.data, sideFiguresOperation.document, side, own.data), errors: [...figures.errors, ...own.errors] };
    }
  } catch {
    if (run !== generation) return;
    if (tokenUnverified(token)) {
      await learnOfToken(token, null);
      showAccount(knownSides.values());
    }
    renderBanner(shell.banner, [], ['无法连接网关，请检查网络；稍后自动重试。'], standingNotice());
    // The figures on screen stay only under their own period and side, with when they were read: a
    // period chosen meanwhile read 2021年上半年 over 本年's figures, and a wall left open lost its 更新于.
    if (shownFigures && stillShown(shownFigures, period, side)) {
      shell.status.textContent = `${updatedText(shownFigures, todayInChina())}，此后未能连接网关`;
      shell.main.removeAttribute('aria-busy');
    } else showNoFigures(UNREAD_MESSAGE, '连接网关后显示图表');
    retry = setTimeout(refresh, RETRY_MS);
    return;
  }
  if (run !== generation) return;
  if (side && figures.errors.some((error) => error.extensions?.code === 'BAD_USER_INPUT' && error.extensions.field === 'keys')) {
    // A side the address names that no jurisdiction is (?side=tibet): all sides instead, said in the banner.
    sideNote = unknownSideNote(side);
    choice = { ...choice, side: '' };
    history.replaceState(history.state, '', `${location.pathname}${pageChoiceSearch(choice)}${location.hash}`);
    showChoice();
    return refresh();
  }
  // Refused: renewed, signed out or forgotten, and the page shows what anyone may see. Executed (a
  // data entry, even null: a store down, a figure that failed), not refused: the gateway has verified
  // the linked or pasted token, whose holder may now be named. An answer refused before execution for
  // another reason (an operation it does not know) says nothing of the token: the check is made again
  // at the next refresh, and the header says so.
  if (await learnOfToken(token, figures)) {
    if (run === generation) return refresh();
    return;
  }
  // A period the gateway refuses (a check the page does not make itself) reads as one, not as stores down.
  const periodRefusal = figures.errors.find((error) => error.extensions?.code === 'BAD_USER_INPUT' && String(error.extensions.field ?? '').startsWith('period'));
  if (periodRefusal) return showWrongPeriod(run, [`时间段有误：${periodRefusal.message.split(' / ')[0]!.replace(/[。，]$/, '')}。`]);

  // The comparison's outages are the same stores': the banner names each once.
  const errors = [...figures.errors, ...comparison.errors, ...(alliances?.errors ?? [])];
  const outages = outagesOf(errors);
  const problems = [...new Set(otherErrors(errors).map(errorText))];
  // Read with a token again: what the notice said (signed out, the token refused) no longer holds.
  if (token) notice = null;
  const sides = shownSides(figures.data, outages, side);
  nameSidesDown(outages);
  downSides = new Set(sides.filter((s) => !s.figures).map((s) => s.key));
  updateSideOptions();
  // The side's name, now that an answer has given it.
  shell.printPeriod.textContent = printedPeriod();
  void nameUnseenSides(period);
  // Again, now that the gateway has named its members (a side that is down is named by its outage).
  showAccount([...knownSides.values(), ...sides]);
  const notBegun = notBegunNote(period, todayInChina(), (p) => describePeriod(p, formatDate));
  renderBanner(shell.banner, outages, [...addressNotes(), ...(notBegun ? [notBegun] : []), ...problems], standingNotice(), side);
  renderFigures(shell.headline, shell.legend, { figures: figures.data, comparison: comparison.data, sides, side, period }, (figure, drilled, opener) =>
    void openFigureRecords({
      figure: figure.name as FigureName, side: drilled.key, period, token: currentToken(), opener,
      // The records need a token: the dialog offers the header's way to one.
      signIn: session.state.kind !== 'unavailable' ? { label: '登录', start: signInKeepingChoice } : { label: '输入访问令牌', start: openTokenDialog },
      // Its token refused is the page's, as for the figures: renewed once, else signed out or forgotten, and the page reads again.
      // A token already replaced (renewed, signed in or out while the records were asked): nothing to
      // learn and no page to read again; the dialog asks again with the one held.
      tokenRefused: async (token, answer) => {
        if (token === currentToken() && (await learnOfToken(token, answer))) void refresh();
        const held = currentToken();
        return held !== token ? held : null;
      },
    }),
  );
  showDataAsOf(figures.data, sides);
  wall?.update();

  const answered = sides.flatMap((s) => (s.figures ? [s.figures] : []));
  answeredSides = answered;
  drawActivityTrend(chartIn(shell.trendChart), answered, granularity, { period, today: todayInChina() });
  drawServiceCases(chartIn(shell.casesChart), answered);
  drawAllianceKinds(chartIn(shell.kindsChart), figures.data?.overview?.alliances.byKind ?? [], comparison.data?.cumulative?.alliances.byKind ?? null);
  const missing = sides.filter((s) => !s.figures).map((s) => s.name);
  // The alliances by kind are the joint office's own: without it that chart is empty, and says why.
  // (A chart exported carries the sides' note only: that one is about every chart's series.)
  const jointDown = outages.find((o) => o.subgraph === JOINT_SUBGRAPH);
  const sidesNote = missing.length ? `${missing.join('、')}暂不可用，图中仅含${answered.map((s) => s.name).join('、') || '无'}的数据。` : '';
  shell.chartNotes.textContent = `${sidesNote}${jointDown ? `${jointDown.name}暂不可用，党建联盟（按类别）暂缺。` : ''}`;
  chartSources = {
    sides: `数据来源：${answered.map((s) => `${s.name}库`).join('、') || '无'}（经 Linju 网关实时汇聚）。${sidesNote}`,
    joint: `数据来源：联合办公室库（经 Linju 网关实时汇聚）。${jointDown ? `${jointDown.name}暂不可用，本图暂缺。` : ''}`,
  };
  documents.chartsDrawn(period, side, sidesNote);

  const listedAlliances = alliances?.data?.alliances;
  documents.showAllianceExport(!!token, listedAlliances ? { period, count: listedAlliances.totalCount } : null);
  if (!token && session.state.kind !== 'unavailable') {
    const signIn = h('button', { type: 'button', class: 'secondary' }, '登录');
    signIn.addEventListener('click', signInKeepingChoice);
    shell.alliances.replaceChildren(h('p', { class: 'empty' }, '联盟名单、成员与协议需要登录（查看者或以上）。公开指标无需登录。'), signIn);
  } else if (!token) {
    const open = h('button', { type: 'button', class: 'secondary' }, '输入访问令牌');
    open.addEventListener('click', openTokenDialog);
    shell.alliances.replaceChildren(h('p', { class: 'empty' }, '联盟名单、成员与协议需要访问令牌（查看者或以上）。公开指标无需令牌。'), open);
  } else if (alliances?.data?.alliances) {
    renderAllianceList(shell.alliances, alliances.data.alliances.edges.map((e) => e.node), alliances.data.alliances.totalCount, knownSides, sides.map((s) => s.name), openAlliance, period);
  } else {
    const why = outages.some((o) => o.subgraph === JOINT_SUBGRAPH)
      ? '联合办公室数据暂不可用，联盟名单稍后再试。'
      : isRateLimited(alliances?.errors ?? []) ? `联盟名单：${rateLimitedText(retryAfterSeconds(alliances!.errors), 'retried')}` : '无法读取联盟名单。';
    shell.alliances.replaceChildren(h('p', { class: 'empty' }, why));
  }
  shownFigures = { period, side, readOn: todayInChina(), at: formatChinaClock(new Date()) };
  shell.status.textContent = updatedText(shownFigures, shownFigures.readOn);
  shell.main.removeAttribute('aria-busy');
  document.body.dataset.loaded = String(run);
  retry = setTimeout(refresh, isRateLimited(errors) ? rateLimitWait(errors) : outages.length > 0 ? RETRY_MS : REFRESH_MS);
}

/** How long a rate-limited page waits before reading again: what the proxy's Retry-After asks (at least a second), else as after an outage. */
function rateLimitWait(errors: readonly GraphQLError[]): number {
  const seconds = retryAfterSeconds(errors);
  return seconds === undefined ? RETRY_MS : Math.max(1, seconds) * 1000;
}

/**
 * 数据截至, as each store says of itself (`dataAsOf`: its last write), never the browser's clock: each
 * side shown, then the joint office. A store that did not answer reads 暂不可用.
 */
function showDataAsOf(answer: FiguresAnswer | null, sides: readonly ShownSide[]): void {
  const asOf = (item: object | null | undefined): string | null | undefined => (item ? ((item as { dataAsOf?: string | null }).dataAsOf ?? undefined) : null);
  const stores = [
    ...sides.map((s) => ({ name: s.name, asOf: asOf(s.figures) })),
    { name: '联合办公室', asOf: asOf(answer?.overview) },
  ];
  renderDataAsOf(shell.dataAsOf, stores, todayInChina());
  shell.printSources.replaceChildren(`数据来源：${sides.map((s) => `${s.name}库`).join('、')}、联合办公室库（经 Linju 网关实时汇聚）。`, Object.assign(shell.dataAsOf.cloneNode(true) as HTMLElement, { id: '' }));
  shell.printDate.textContent = formatDate(todayInChina());
}

async function openAlliance(alliance: AllianceRow, opener: HTMLElement): Promise<void> {
  const opened = ++detailGeneration;
  const period = chosenPeriod();
  shell.detailTitle.textContent = alliance.name;
  shell.detailBody.replaceChildren(h('p', { role: 'status' }, '正在读取…'));
  shell.detailDialog.dataset.loaded = 'false';
  shell.detailDialog.showModal();
  // The alliance as the list now shows it; if the list no longer does, its heading.
  const inList = () => shell.alliances.querySelector<HTMLElement>(`[data-alliance="${CSS.escape(alliance.id)}"]`) ?? document.getElementById('alliances-heading');
  shell.detailDialog.addEventListener('close', () => returnFocus(opener, inList), { once: true });
  try {
    const answer = await sendOperation<AllianceAnswer>(allianceOperation, { id: alliance.id, period }, currentToken());
    if (opened !== detailGeneration) return;
    const outages = outagesOf(answer.errors);
    const body = shell.detailBody;
    renderAllianceDetail(body, answer.data ?? { alliance: null, jurisdictions: null }, outages, describePeriod(period, formatDate), knownSides);
    if (outages.length > 0) body.prepend(h('div', { class: 'banner', role: 'alert' }, outages.map((o) => h('p', {}, h('strong', {}, `${o.name}数据暂不可用`), '：其成员与指标暂缺，其他辖区照常显示。'))));
  } catch {
    if (opened !== detailGeneration) return;
    shell.detailBody.replaceChildren(h('p', { role: 'alert' }, '无法连接网关，请检查网络后再试。'));
  }
  shell.detailDialog.dataset.loaded = 'true';
}

/**
 * The claims of the token the page sends, as far as they may be shown: a signed-in person's (from
 * the identity provider's token endpoint), or a linked or pasted token's once the gateway has
 * accepted it (`acceptedToken`); null otherwise.
 */
function callerClaims(): TokenClaims | null {
  if (session.state.kind === 'signed-in') return session.state.claims;
  return pastedToken && pastedToken === acceptedToken ? session.claimsOf(pastedToken) : null;
}

/**
 * The header's account line and buttons: who is signed in (name, role, region) with 退出, or 登录;
 * without an identity provider, the pasted token's role with 访问令牌. A linked or pasted token is
 * 未验证 until the gateway has accepted a request made with it: nothing of its claims is shown before.
 */
function showAccount(sides: Iterable<KnownSide>): void {
  const state = session.state;
  // Every side the page has a name for (one down is named by its outage): a role reads 四川省操作员, never its key.
  const known = [...sides];
  for (const [key, name] of sideNames) if (!known.some((side) => side.key === key)) known.push({ key, name });
  const names = operatorRegions.names;
  shell.tokenButton.hidden = state.kind !== 'unavailable';
  shell.signInButton.hidden = state.kind !== 'signed-out';
  shell.signOutButton.hidden = state.kind !== 'signed-in';
  const claims = callerClaims();
  // A linked or pasted token past its 有效至 says 已过期 at once, not at the next refresh (up to a minute later).
  const expired = state.kind !== 'signed-in' && !!claims?.exp && claims.exp * 1000 <= Date.now();
  const unverified = state.kind !== 'signed-in' && pastedToken !== null && !claims;
  const line = state.kind === 'signed-in'
    ? `已登录：${describeCaller(state.claims, known, names)}`
    : unverified ? `令牌：未验证（${pastedToken !== uncheckedToken ? '正在向网关核验' : uncheckedAnswered ? '网关未能核验此令牌，稍后自动重试' : '无法连接网关核验，稍后自动重试'}）`
    : expired ? `令牌：${describeCaller(claims!, known, names)}，已过期` : describeToken(pastedToken, known, names, session.config.claims);
  // The name on its own, cut short with an ellipsis when long (whole in its tooltip): the role and region stay in sight.
  const parts = splitAtName(line, claims?.name);
  shell.tokenState.replaceChildren(...(parts ? [parts.before, h('span', { class: 'caller-name', title: parts.name }, parts.name), parts.after] : [line]));
  watchTokenExpiry(state.kind === 'signed-in' ? undefined : claims?.exp);
  // The region is named by its name; its code is in the tooltip. A region not yet named is found
  // (a jurisdiction operator's, in that side's regions), and the line is written again.
  const region = claims?.region;
  const named = region !== undefined && (names.has(region) || known.some((side) => side.code === region));
  shell.tokenState.title = region && named ? `区划代码：${region}` : '';
  const holder = recordingOperator(claims, known.map((side) => side.key));
  if (holder && !named) {
    void operatorRegions.find(holder).then(
      (found) => {
        if (found.ok && found.region) showAccount(knownSides.values());
      },
      () => undefined,
    );
  }
  showRecordPanel();
}

/**
 * At a linked or pasted token's expiry (`exp`, in seconds), the header is written again (已过期) and the
 * page reads again: the gateway refuses the token, so the page shows the public figures and says why,
 * and the 登记活动 panel goes (what was typed in it is kept for its owner: `RecordDraft`).
 */
function watchTokenExpiry(exp: number | undefined): void {
  clearTimeout(tokenExpiry);
  const left = exp ? exp * 1000 - Date.now() : 0;
  if (left <= 0) return;
  // A second past it: the gateway, on its own clock, then refuses the token too.
  tokenExpiry = setTimeout(() => {
    showAccount(knownSides.values());
    void refresh();
  }, Math.min(left + 1_000, LONGEST_TIMER_MS));
}

/** Shows the 登记活动 panel to a jurisdiction operator (signed in, or by a pasted token), and to no one else. */
function showRecordPanel(): void {
  // Only a token the gateway has accepted (or a signed-in person's) opens 登记活动 and 台账导入 to its holder.
  const claims = callerClaims();
  const operator = recordingOperatorOf(claims);
  // Another person of the same side and region (a token pasted over another) gets a fresh panel too.
  documents.showImport(operator && { ...operator, subject: claims?.sub ?? '' });
  const subject = claims?.sub ?? '';
  // A token naming someone else: the last person's unsent 登记活动 is forgotten (kept while nobody is signed in).
  if (subject) {
    RecordDraft.keepOnly(sessionStorage, subject);
    ImportDraft.keepOnly(sessionStorage, subject);
  }
  if (recordPanel && operator?.side === recordPanel.operator.side && operator.region === recordPanel.operator.region && subject === recordPanelSubject) return;
  recordPanel?.unmount();
  recordPanelSubject = subject;
  recordPanel = operator
    ? mountRecordActivity(shell.record, {
        ...operator,
        // A write refused for the token it went with is renewed once, as the figures are, then sent again (a pasted token is not renewed).
        ...renewingWrites(sendOperation, currentToken, session),
        findRegion: (operator) => operatorRegions.find(operator),
        onRecorded: () => void refresh(),
        onWithdrawn: () => void refresh(),
        ...(subject && { draft: new RecordDraft(sessionStorage, { subject, side: operator.side }) }),
        ...(session.state.kind !== 'unavailable' && { signIn: signInKeepingChoice }),
      })
    : null;
  shell.record.hidden = !recordPanel;
}

function openTokenDialog(): void {
  shell.tokenInput.value = '';
  shell.tokenDialog.showModal();
}

shell.tokenButton.addEventListener('click', openTokenDialog);
shell.signInButton.addEventListener('click', signInKeepingChoice);
// 退出 (and 清除 of a pasted token) is the person leaving: nothing they typed stays in the tab.
shell.signOutButton.addEventListener('click', () => {
  RecordDraft.keepOnly(sessionStorage, null);
  documents.forgetImport();
  signOutKeepingChoice();
});
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
  else if (choice === 'clear') {
    pastedToken = storeToken(sessionStorage, null);
    RecordDraft.keepOnly(sessionStorage, null);
    documents.forgetImport();
  }
  else return;
  void refresh();
});
shell.periodSelect.addEventListener('change', () => {
  const period = shell.periodSelect.value;
  if (period !== 'custom') return choose({ period, from: '', to: '' });
  // 自定义 starts from the dates of the period shown.
  const { from, to } = chosenPeriod();
  choose({ period, from: choice.from || from || '', to: choice.to || to || '' });
});
for (const input of [shell.fromInput, shell.toInput]) {
  input.addEventListener('change', () => choose({ from: shell.fromInput.value, to: shell.toInput.value }));
  input.addEventListener('input', boundPickers);
}
shell.sideSelect.addEventListener('change', () => choose({ side: shell.sideSelect.value }));
shell.wallButton.addEventListener('click', () => choose({ wall: !choice.wall }));
shell.printButton.addEventListener('click', () => window.print());
// Back and Forward: the choice that address holds.
window.addEventListener('popstate', () => {
  choice = readPageChoice(location.search, choices().map((c) => c.id));
  readAddressProblems();
  showChoice();
  void refresh();
});
// A tab shown again reads at once rather than at its next minute.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
for (const [step, button] of Object.entries(shell.granularity) as [Granularity, HTMLButtonElement][]) {
  button.addEventListener('click', () => {
    granularity = step;
    for (const [other, b] of Object.entries(shell.granularity)) b.setAttribute('aria-pressed', String(other === step));
    drawActivityTrend(chartIn(shell.trendChart), answeredSides, granularity, { period: chosenPeriod(), today: todayInChina() });
  });
}
/** Each chart's unit, said on its saved image (川渝通办's figures have their own, on its axis). */
const chartUnits = new Map([[shell.trendChart, '单位：项'], [shell.casesChart, '单位：见各指标名称后的括号'], [shell.kindsChart, '单位：个']]);
for (const [container, button] of shell.saveImage) {
  button.addEventListener('click', () => {
    const title = container === shell.trendChart ? `${button.dataset.title!}（${granularity === 'quarter' ? '按季度' : '按月'}）` : button.dataset.title!;
    const source = container === shell.kindsChart ? chartSources.joint : chartSources.sides;
    void saveChartImage(chartIn(container), chartFileName(button.dataset.title!, describePeriod(chosenPeriod(), formatDate)), { title, period: shell.printPeriod.textContent ?? '', unit: chartUnits.get(container)!, source });
  });
}
preparePrint(shell, () => [shell.trendChart, shell.casesChart, shell.kindsChart].map(chartIn));

showChoice();
void refresh();
