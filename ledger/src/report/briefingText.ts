import { ALLIANCE_KIND_FIGURES, AGREEMENT_FIGURES, BRIEFING_SECTIONS, checkBriefingSections, FIGURE_NAMES, FIGURES, isStanding, jointValueName, newlySetUp, type BriefingPartDefinition, type BriefingSectionDefinition, type FigureName, type FigureValues } from '@linju/contract';
import { shownUnit } from '@linju/contract/shownUnit';
import { describeBriefingPeriod } from './briefingPeriod.ts';
import type { PeriodFigures } from './readBriefingFigures.ts';

/** A period the briefing compares with, named as the text names it (上期, 上年同期). */
export interface Comparison {
  readonly name: '上期' | '上年同期';
  readonly figures: PeriodFigures;
}

/** A part of a section (一是创新组织设置), and its sentences: the paragraph that says its figures. */
export interface BriefingPart {
  /** The seed report's heading with its ordinal among the parts said (一是, 二是 …), or without one when it is the section's only part. */
  readonly heading: string;
  readonly sentences: readonly string[];
}

/** A section of the briefing (一、组织联建，构建党建共同体) and the parts of it that have something to say. */
export interface BriefingSection {
  readonly heading: string;
  readonly parts: readonly BriefingPart[];
}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false });
/** Two decimals, or two significant digits where that shows more: a sum below 0.01 亿元 is not printed as 0. */
const scaled = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'morePrecision', useGrouping: false });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, useGrouping: false });

/** A figure's unit as printed, and its values in it. */
export interface PrintedUnit {
  readonly unit: string;
  format(value: number): string;
}

/**
 * The unit values of a catalogue unit are printed in, given the largest of them (the dashboard's
 * rule, `shownUnit`): 万元 from 1 亿元 on in 亿元 (6821000万元 reads 682.1亿元), as reports write
 * large sums; any other unit as it is. The text prints a figure's value and the values it is
 * compared with so (682.1亿元（上期新增0亿元）, never beside 0万元), the 附表 each row (its values
 * and its 单位 alike).
 */
export function printedUnit(unit: string, largest: number): PrintedUnit {
  const shown = shownUnit(unit, largest);
  if (shown.divisor !== 1) return { unit: shown.unit, format: (value) => scaled.format(value / shown.divisor) };
  return { unit, format: (value) => plain.format(value) };
}

/** A value with its unit as a report prints it: 1650平方米, 23.75公里; 万元 from 1 亿元 on in 亿元 (`largest`: of the values said with it). */
export function amount(value: number, unit: string, largest = value): string {
  const printed = printedUnit(unit, Math.max(Math.abs(value), Math.abs(largest)));
  return `${printed.format(value)}${printed.unit}`;
}

/** A standing figure's label after 新增 (the contract's, which the figures export's rows use too). */
export { newlySetUp };

/** A figure a sentence says: its value, and what follows it (what was newly set up in the periods compared with, in brackets). */
interface Said {
  readonly name: FigureName;
  readonly value: number;
  readonly note?: string;
  /** The largest of the values said with it (in its note), which picks the unit of both. */
  readonly largest?: number;
}

/** `交叉任职村党组织委员56人、…` for the figures that are not zero; not reported (null) is left out too. */
function items(names: readonly FigureName[], values: FigureValues): Said[] {
  return names.flatMap((name) => {
    const value = values[name];
    return value ? [{ name, value }] : [];
  });
}

/**
 * Figures as the text says them: each its catalogue label and its value with its unit; a figure of
 * things set up that stand (`isStanding`) after 新增, as the dashboard's card says it
 * (新增交叉任职村党组织委员24人): its value is what was newly set up in the period, and said without 新增
 * it read as what stands. A list of such figures alone says 新增 once before them, as a report writes
 * a list after its verb (新增改建闲置资产6个、联合作战室4个、党员活动室面积415平方米).
 */
function listed(said: readonly Said[]): string {
  const once = said.length > 1 && said.every(({ name }) => isStanding(name) && !FIGURES[name].label.startsWith('新增'));
  const label = (name: FigureName) => (isStanding(name) && !once ? newlySetUp(name) : FIGURES[name].label);
  return `${once ? '新增' : ''}${said.map(({ name, value, note, largest }) => `${label(name)}${amount(value, FIGURES[name].unit, largest)}${note ?? ''}`).join('、')}`;
}

/**
 * The part's figures the period's sentence says, each once: a figure above 0; a figure of things set
 * up that stand with what was newly set up in the periods compared with in brackets
 * (`新增交叉任职村党组织委员24人（上期新增32人）`), and at 0 too when one of them had some
 * (`新增交叉任职村党组织委员0人（上期新增27人，上年同期新增56人）`): side by side, with no claim of a rise or
 * a fall (减少27人（下降100%）read as 27 posts gone while all of them were still held). It was said twice,
 * once without 新增 (两地合计：交叉任职村党组织委员24人 … 新增交叉任职村党组织委员24人（上期新增32人）), and a
 * reader took 24 for the number in post.
 */
function saidNow(names: readonly FigureName[], now: FigureValues, comparisons: readonly Comparison[]): Said[] {
  return names.flatMap((name) => {
    const a = now[name];
    if (a === null || a === undefined) return [];
    const bases = isStanding(name)
      ? comparisons.flatMap((comparison) => {
          const b = comparison.figures.total[name];
          return b === null || b === undefined || (a === 0 && b === 0) ? [] : [{ name: comparison.name, value: b }];
        })
      : [];
    if (!a && !bases.length) return [];
    // The value and its bases in one unit: 682.1亿元（上期新增0亿元）.
    const largest = Math.max(Math.abs(a), ...bases.map((b) => Math.abs(b.value)));
    const earlier = bases.map((b) => `${b.name}新增${amount(b.value, FIGURES[name].unit, largest)}`);
    return [{ name, value: a, largest, note: earlier.length ? `（${earlier.join('，')}）` : '' }];
  });
}

/** How a side is named in running text: 四川方面, 重庆方面. */
export const sideShortName = (name: string) => name.replace(/(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/, '');

/**
 * The sides' joint values of a part's figures ({@link saidNow}), each called what it is
 * (`jointValueName`): the sums after 合计, a ratio's weighted mean after 加权平均
 * (四川、重庆两地合计：新增受益农户300户；两地加权平均户均增收1500元), never a mean said as a total
 * (两地合计：…户均增收1500元).
 */
function jointSentence(sides: string, said: readonly Said[]): string {
  const of = (kind: ReturnType<typeof jointValueName>) => said.filter(({ name }) => jointValueName(name) === kind);
  const [sums, means] = [of('合计'), of('加权平均')];
  // Said once in full (四川、重庆两地), then 两地 again.
  const meanSides = sums.length ? sides.replace(/^.*(两地)$/, '$1') : sides;
  return [sums.length && `${sides}合计：${listed(sums)}`, means.length && `${meanSides}加权平均${listed(means)}`].filter(Boolean).join('；');
}

/** The alliances founded and agreements signed in the period (the joint office's records). */
function jointOfficeSentence(figures: PeriodFigures): string | undefined {
  const alliances = Object.entries(ALLIANCE_KIND_FIGURES).flatMap(([name, { kind, unit }]) => {
    const count = figures.alliances[name as keyof typeof ALLIANCE_KIND_FIGURES];
    return count ? [`${kind}${amount(count, unit)}`] : [];
  });
  const agreements = Object.entries(AGREEMENT_FIGURES).flatMap(([name, { label, unit }]) => {
    const count = figures.agreements[name as keyof typeof AGREEMENT_FIGURES];
    return count ? [`${label}${amount(count, unit)}`] : [];
  });
  // The agreements first, what they cover in brackets: 签订框架协议1份（签署镇村2个、合作事项4项、合作类别3类）, not 签订…、签署镇村2个.
  const [signed, ...covered] = agreements;
  const agreed = figures.agreements.agreements && signed ? `签订${signed}${covered.length ? `（${covered.join('、')}）` : ''}` : agreements.length ? `签订${agreements.join('、')}` : '';
  const parts = [alliances.length ? `建立${alliances.join('、')}` : '', agreed].filter(Boolean);
  return parts.length ? `联合办公室登记：${parts.join('；')}。` : undefined;
}

/**
 * `与上期（…）相比，联合座谈交流增加3场次（增长7.9%）、…。` for the figures of events either period has.
 * Figures of things set up that stand (`isStanding`) are not compared so: their value is what was
 * newly set up in the period, and 0 after 27 is no fall of what stands; the period's sentence says
 * what was newly set up in each ({@link saidNow}).
 */
function comparisonSentence(names: readonly FigureName[], now: FigureValues, comparison: Comparison): string | undefined {
  const before = comparison.figures.total;
  const changes = names.flatMap((name) => {
    const [a, b] = [now[name], before[name]];
    if (isStanding(name) || a === null || b === null || (a === 0 && b === 0)) return [];
    const { label, unit } = FIGURES[name];
    if (a === b) return [`${label}持平`];
    const rate = b > 0 ? `（${a > b ? '增长' : '下降'}${percent.format((Math.abs(a - b) / b) * 100)}%）` : '';
    return [`${label}${a > b ? '增加' : '减少'}${amount(Math.abs(a - b), unit)}${rate}`];
  });
  if (!changes.length) return undefined;
  return `与${comparison.name}（${describeBriefingPeriod(comparison.figures.period)}）相比，${changes.join('、')}。`;
}

/**
 * What is said of a side, or of the period, none of whose part's figures is above 0 (those reported):
 * `此类指标均为0`, of a part of one figure that figure (`打击非法宗教活动为0`: 此类指标均为0 said of one figure
 * read as of several); of things set up that stand `无新增` (此类指标均为0 would read as none standing),
 * of one such figure `无新增社会治理工作队`.
 */
function noneOf(names: readonly FigureName[]): string {
  const [only] = names;
  if (names.every(isStanding)) return names.length === 1 ? `无${newlySetUp(only!)}` : '无新增';
  return names.length === 1 ? `${FIGURES[only!].label}为0` : '此类指标均为0';
}

const ORDINALS = '一二三四五六七八九十';

/** What a section is called in the opening: 组织联建 of 组织联建，构建党建共同体. */
const sectionName = (section: BriefingSectionDefinition) => section.lead.split('，')[0]!;

/** Whether a part has a figure above 0 in the period, or (its joint office part) an alliance founded or an agreement signed. */
const partProgressed = (part: BriefingPartDefinition, figures: PeriodFigures) => part.figures.some((name) => figures.total[name]) || (part.jointOffice === true && jointOfficeSentence(figures) !== undefined);

/**
 * A part's sentences: the joint office's registrations (its part only), the joint total (or the one
 * side's figures), each figure once (of standing things what was newly set up, with what was in the
 * periods compared with: {@link saidNow}), each side's part, and the comparisons of the others; none
 * when it has nothing to say, neither a figure above 0 nor a registration, nor a figure above 0 in a
 * period compared with (whose fall, or that none is reported now, it then says: 联合座谈交流减少41场次（下降100%）;
 * of standing things 新增交叉任职村党组织委员0人（上期新增27人）).
 */
function partSentences(part: BriefingPartDefinition, figures: PeriodFigures, comparisons: readonly Comparison[]): string[] {
  const names = part.figures;
  const office = part.jointOffice ? jointOfficeSentence(figures) : undefined;
  const above = items(names, figures.total);
  if (!office && !above.length && !comparisons.some((comparison) => names.some((name) => comparison.figures.total[name]))) return [];
  const joint = figures.sides.length > 1;
  const sentences: string[] = office ? [office] : [];
  const sides = joint ? `${figures.sides.map((s) => sideShortName(s.name)).join('、')}两地` : `${figures.sides[0]!.name}`;
  // Nothing reported by any side is not the same as nothing done: 未上报 is said as such, never as 0.
  // Zero is said of the part's figures, not of its records: 丰富活动载体 is 0 while the 志愿服务 that
  // no figure of it counts are recorded (and drawn in 图2).
  const reported = (values: FigureValues) => names.some((name) => values[name] !== null && values[name] !== undefined);
  const none = noneOf(names);
  const said = saidNow(names, figures.total, comparisons);
  sentences.push(said.length ? `${joint ? jointSentence(sides, said) : `${sides}：${listed(said)}`}。` : reported(figures.total) ? `${sides}本期${none}。` : `${sides}本期未上报此类数据。`);
  if (joint && above.length) {
    // A side without any says so of the figures the total says: of one, that one (四川方面联合座谈交流为0,
    // where 此类指标均为0 beside 两地合计：联合座谈交流3场次 spoke of several).
    const sideNone = noneOf(above.map(({ name }) => name));
    const parts = figures.sides.map((side) => {
      const own = items(names, side.figures);
      return `${sideShortName(side.name)}方面${own.length ? listed(own) : reported(side.figures) ? sideNone : '未上报此类数据'}`;
    });
    sentences.push(`其中，${parts.join('；')}。`);
  }
  for (const comparison of comparisons) {
    const sentence = comparisonSentence(names, figures.total, comparison);
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}

/**
 * The briefing's sections and their parts, as the report it imitates has them (`BRIEFING_SECTIONS`,
 * seed 000's order and words): each part's paragraph says its figures ({@link partSentences}). A part
 * with nothing to say is left out, and a section without a part left; those said are numbered as
 * printed (一、二、…; 一是、二是 …, a section's only part without 一是, which would promise a 二是).
 * Every label and unit is the catalogue's.
 */
export function briefingSections(figures: PeriodFigures, comparisons: readonly Comparison[]): BriefingSection[] {
  // A figure added to the catalogue at run time must have its part too: never left unsaid.
  checkBriefingSections();
  const said = BRIEFING_SECTIONS.flatMap((section) => {
    const parts = section.parts.flatMap((part) => {
      const sentences = partSentences(part, figures, comparisons);
      return sentences.length ? [{ heading: part.heading, sentences }] : [];
    });
    return parts.length ? [{ lead: section.lead, parts }] : [];
  });
  return said.map((section, index) => ({
    heading: `${ORDINALS[index]}、${section.lead}`,
    parts: section.parts.map((part, i) => ({ heading: section.parts.length > 1 ? `${ORDINALS[i]}是${part.heading}` : part.heading, sentences: part.sentences })),
  }));
}

/**
 * The opening paragraph: the period, the sides, and the sections in which work was done, those with
 * a figure above 0 in a part (组织联建 also with an alliance founded or an agreement signed, which its
 * first part says); never a section whose parts only say 此类指标均为0 (2021年下半年 claimed progress in
 * 活动联办 beside 联合座谈交流减少41场次（下降100%）). It says that work was done there, no more: the figures
 * that follow say how much (取得新进展 stood over a quarter of 3 场次). A period without any record says
 * so instead, plainly (本期无记录, or 未上报 when nothing is reported), and that no table follows.
 */
export function introSentence(figures: PeriodFigures): string {
  const periodText = describeBriefingPeriod(figures.period);
  const sides = `${figures.sides.map((s) => sideShortName(s.name)).join('、')}${figures.sides.length > 1 ? '两地' : ''}`;
  if (!hasRecords(figures)) {
    // Said plainly, and no table follows (briefingDocx): 各项指标均为0或未上报 stood over a table of 0s.
    const reported = FIGURE_NAMES.some((name) => figures.total[name] !== null && figures.total[name] !== undefined);
    return reported ? `${periodText}，${sides}“邻聚党建”本期无记录，不作进展描述，不附指标表。` : `${periodText}，${sides}${figures.sides.length > 1 ? '均' : ''}未上报“邻聚党建”数据，本期不作进展描述，不附指标表。`;
  }
  const sections = BRIEFING_SECTIONS.filter((section) => section.parts.some((part) => partProgressed(part, figures))).map(sectionName);
  return `${periodText}，${sides}毗邻镇村持续推进“邻聚党建”，在${sections.join('、')}${sections.length > 1 ? '等' : ''}方面开展工作。现将有关情况简报如下。`;
}

/** How wide a title's characters are, in half-width units: a CJK character 2, a digit 1.5 (a Western font's digit beside CJK, with the space put around it), any other 1. */
function titleWidth(text: string): number {
  let width = 0;
  for (const character of text) width += /[\u2014\u2018-\u201D\u2E80-\u9FFF\uFF00-\uFFEF]/u.test(character) ? 2 : /\d/.test(character) ? 1.5 : 1;
  return width;
}

/** What one line of the subject holds, in half-width units: 二号 (22 pt) on the 156 mm of the text is about 20 characters; a little less, for safety. */
const SUBJECT_LINE = 36;

/**
 * The subject (标题) in lines broken where its sense breaks, never inside a word: the period, whose
 * (遂潼毗邻地区, 四川省) and “邻聚党建”工作情况 kept whole, as many on a line as fit
 * (2021年上半年遂潼毗邻地区 / “邻聚党建”工作情况, never …工作情 / 况).
 */
export function subjectLines(periodText: string, scope: string): string[] {
  const parts = [periodText, scope, '“邻聚党建”工作情况'];
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && titleWidth(last + part) <= SUBJECT_LINE) lines[lines.length - 1] = last + part;
    else lines.push(part);
  }
  return lines;
}

/**
 * The periods the briefing compares with: the previous period (`beforeName`: 上期, or 上年同期 when
 * it is the same dates a year before, a year's period read once for both, `yearAgo` then not read
 * apart) and the same period a year before, each only when it has records; a period longer than a
 * year has no 上年同期 (`overlapsYearBefore`), its period before still 上期. A
 * period without any record is compared with nothing: its opening claims no progress, so its
 * sections must not claim a fall (解决难题减少17个（下降100%）) either; its figures are missing, not
 * down.
 */
export function briefingComparisons(figures: PeriodFigures, before: PeriodFigures, yearAgo: PeriodFigures | undefined, beforeName: Comparison['name']): Comparison[] {
  if (!hasRecords(figures)) return [];
  return [
    ...(hasRecords(before) ? [{ name: beforeName, figures: before }] : []),
    ...(yearAgo && hasRecords(yearAgo) ? [{ name: '上年同期' as const, figures: yearAgo }] : []),
  ];
}

/**
 * The periods read to compare with and left out for having no record, as {@link briefingComparisons}
 * names them: the note of provenance says them (上年同期（2020年6月）无记录，不作比较), or a reader of a
 * briefing compared with 上期 alone is not told why it has no 上年同期. None for a period without any
 * record of its own, whose note says it is compared with nothing.
 */
export function uncomparedPeriods(figures: PeriodFigures, before: PeriodFigures, yearAgo: PeriodFigures | undefined, beforeName: Comparison['name']): { name: Comparison['name']; period: PeriodFigures['period'] }[] {
  if (!hasRecords(figures)) return [];
  return [
    ...(hasRecords(before) ? [] : [{ name: beforeName, period: before.period }]),
    ...(yearAgo && !hasRecords(yearAgo) ? [{ name: '上年同期' as const, period: yearAgo.period }] : []),
  ];
}

/**
 * Whether a period has any record at all: the sides' figures, the alliances founded or the agreements
 * signed (the joint office's section says them, so the opening must not call the period empty). A
 * period without any is no basis for a comparison either.
 */
export function hasRecords(figures: PeriodFigures): boolean {
  return (
    FIGURE_NAMES.some((name) => figures.total[name]) ||
    Object.keys(ALLIANCE_KIND_FIGURES).some((name) => figures.alliances[name as keyof typeof ALLIANCE_KIND_FIGURES]) ||
    Object.keys(AGREEMENT_FIGURES).some((name) => figures.agreements[name as keyof typeof AGREEMENT_FIGURES])
  );
}
