import { dateProblem, todayInChina } from '@linju/contract';
import { BRIEFING_DEFAULTS, checkMasthead } from '@linju/contract/briefingMasthead';
import { briefingCharts, monthsBefore } from './briefingCharts.ts';
import { briefingDocx, type BriefingContent } from './briefingDocument.ts';
import { chineseDate, describeBriefingPeriod, parsePeriod, previousPeriod, reportedPeriod, yearBefore, type BriefingPeriod } from './briefingPeriod.ts';
import { briefingComparisons, briefingSections, uncomparedPeriods } from './briefingText.ts';
import { briefingSides, readActivityMonths, readPeriodFigures } from './readBriefingFigures.ts';
import { asciiFileName, asciiPeriod } from '../asciiFileName.ts';
import { LedgerError } from '../LedgerError.ts';

export { BRIEFING_DEFAULTS };

/** What to write: the period and sides, where to read; the header's wording defaults to {@link BRIEFING_DEFAULTS} and today. */
export interface BriefingOptions extends Partial<Pick<BriefingContent, 'title' | 'office' | 'issuedOn'>> {
  /**
   * 期数 (第N期), a number or as typed (`7`, `７`); with `office` (印发单位, trimmed), read by
   * `checkMasthead` as the documents server reads the dashboard's, and refused before anything is read.
   */
  issue?: number | string;
  /** `2021-01-01..2021-06-30`, or the period itself. */
  period: string | BriefingPeriod;
  /** One side's key (sichuan, chongqing); every side of federation.json when absent. */
  jurisdiction?: string;
  gatewayUrl: string;
  /** The caller's token; the figures are public, so none is needed. */
  token?: string;
  /**
   * Today in China (ISO, YYYY-MM-DD), which decides whether the period is over; `todayInChina()` when
   * absent. Anything else is refused ({@link checkedDay}): compared as text, 2026-12-7 would take
   * December for over and title a briefing of its first days 2026年12月.
   */
  today?: string;
}

/** The document, and what it says: its figures, the periods compared with, its sections. */
export interface Briefing extends Pick<BriefingContent, 'figures' | 'comparisons' | 'sections' | 'charts'> {
  readonly docx: Buffer;
  /** A file name for it: 2021年上半年工作简报.docx. */
  readonly fileName: string;
  /** Its name in ASCII, for clients that cannot read the Chinese one: linju-briefing-2021-01-01_2021-06-30.docx. */
  readonly asciiName: string;
  readonly periodText: string;
}

/**
 * A day given by the caller (today, the date of issue), refused unless it is an ISO date: the period
 * is compared with it as text and the header prints it, so 2026-12-7 or a Date would give a wrong
 * title or 'NaN年'.
 */
function checkedDay(value: unknown, what: string): string {
  if (dateProblem(value)) throw new LedgerError(`${what}“${String(value)}”不是有效日期（应为 YYYY-MM-DD，例如 2026-12-07），简报未生成。`);
  return value as string;
}

/**
 * The briefing (简报) of a period as a Word document: its figures, the previous period's and the
 * same period a year before (each compared only when it has records) read through the gateway,
 * written into sentences from the figure catalogue, with charts rendered by ECharts.
 */
export async function writeBriefing(options: BriefingOptions): Promise<Briefing> {
  const asked = typeof options.period === 'string' ? parsePeriod(options.period) : parsePeriod(`${options.period.from}..${options.period.to}`);
  const today = options.today === undefined ? todayInChina() : checkedDay(options.today, '今天的日期（today）');
  const issuedOn = options.issuedOn === undefined ? today : checkedDay(options.issuedOn, '印发日期（issuedOn）');
  // 期数 and 印发单位 as the documents server reads the dashboard's (a 0 would print 第0期, a line break break the masthead).
  const masthead = checkMasthead({ issue: options.issue?.toString(), office: options.office });
  if (!masthead.ok) throw new LedgerError(`${masthead.message}，简报未生成。`);
  // A period that has not begun has no record to report: a briefing of it would only state zeros.
  if (asked.from > today) throw new LedgerError(`时间段 ${asked.from}..${asked.to} 尚未开始（今天是${chineseDate(today)}），没有可报告的数据，简报未生成。`);
  // One not yet over is reported up to today, named by its days and compared with periods as long.
  const period = reportedPeriod(asked, today);
  const sides = briefingSides(options.jurisdiction);
  const source = { gatewayUrl: options.gatewayUrl, token: options.token };
  const previous = previousPeriod(period);
  const lastYear = yearBefore(period);
  const sameAsPrevious = lastYear?.from === previous.from && lastYear.to === previous.to;
  // One period after another: each read asks every side's store for all its figures, and three at
  // once can keep a busy store past the gateway's timeout.
  const figures = await readPeriodFigures(source, period, sides);
  const before = await readPeriodFigures(source, previous, sides);
  // A period longer than a year has no 上年同期 (it would be mostly itself): not compared.
  const yearAgo = sameAsPrevious || !lastYear ? undefined : await readPeriodFigures(source, lastYear, sides);
  // A period within one month draws its activities beside the five months before it (图2), not as one bar.
  const earlier = monthsBefore(period);
  const monthsEarlier = earlier && (await readActivityMonths(source, earlier, sides));
  const beforeName = sameAsPrevious ? '上年同期' : '上期';
  const comparisons = briefingComparisons(figures, before, yearAgo, beforeName);
  const sections = briefingSections(figures, comparisons);
  const periodText = describeBriefingPeriod(period);
  const charts = briefingCharts(figures, monthsEarlier);
  const docx = await briefingDocx({
    title: options.title ?? BRIEFING_DEFAULTS.title,
    office: masthead.office ?? BRIEFING_DEFAULTS.office,
    issue: masthead.issue ?? BRIEFING_DEFAULTS.issue,
    issuedOn,
    figures,
    comparisons,
    uncompared: uncomparedPeriods(figures, before, yearAgo, beforeName),
    sections,
    charts,
    gatewayUrl: options.gatewayUrl,
  });
  const scope = options.jurisdiction ? sides[0]!.name : '';
  const asciiName = asciiFileName(['briefing', asciiPeriod(period), options.jurisdiction], 'docx');
  return { docx, fileName: `${periodText}${scope}工作简报.docx`, asciiName, periodText, figures, comparisons, sections, charts };
}
