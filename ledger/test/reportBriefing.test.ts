import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALLIANCE_KIND_FIGURES, FIGURE_NAMES, FIGURES, isStanding, type FigureName } from '@linju/contract';
import { SEED_000_ALLIANCES, SEED_000_FIGURES } from '@linju/border-seed';
import { startFederation, type Federation } from '@linju/testing';
import { briefingPdf, findSoffice, writeBriefing } from '../src/index.ts';
import { amount, newlySetUp } from '../src/report/briefingText.ts';
import { sentencesOf } from './periodFigures.ts';
import { SEED_000_PLACES, SEED_000_SECTIONS, wherePhrasesAre } from './seedSections.ts';
import { zipMember } from './zipMember.ts';

/**
 * The briefing (简报) of the seeded federation, read through a real gateway: seed 000's first half
 * of 2021 converted to PDF by LibreOffice and read back with pdftotext must state every figure of
 * the report it came from (border-seed's SEED_000_FIGURES and SEED_000_ALLIANCES, the report's own
 * numbers). In CI the PDF test runs whatever is installed; elsewhere it is skipped without soffice.
 */

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../src/reportCli.ts');
const H1_2021 = '2021-01-01..2021-06-30';
const soffice = await findSoffice();
const pdfSkipped = !soffice && process.env.CI !== 'true';

let federation: Federation;
let dir: string;
beforeAll(async () => {
  [federation, dir] = await Promise.all([startFederation(), mkdtemp(join(tmpdir(), 'ledger-report-'))]);
});
afterAll(async () => {
  await federation?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Text as pdftotext reads it, without the spaces and line breaks it puts between runs and lines. */
async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
  return stdout.replace(/\s+/g, '');
}

describe.skipIf(pdfSkipped)(`the 2021年上半年 briefing as a PDF${pdfSkipped ? ' (skipped: LibreOffice is not installed; CI installs libreoffice-writer-nogui)' : ''}`, () => {
  test('states every figure of seed 000 with its catalogue label and unit, in Chinese fonts, with the charts', async () => {
    const briefing = await writeBriefing({ period: H1_2021, gatewayUrl: federation.gatewayUrl, issuedOn: '2021-07-08' });
    const docx = join(dir, briefing.fileName);
    await writeFile(docx, briefing.docx);
    const pdf = await briefingPdf(docx);
    const text = await pdfText(pdf);

    const expected = [
      ...Object.entries(SEED_000_FIGURES).map(([name, value]) => `${FIGURES[name as FigureName].label}${value}${FIGURES[name as FigureName].unit}`),
      ...Object.entries(SEED_000_ALLIANCES).map(([name, count]) => {
        const { kind, unit } = ALLIANCE_KIND_FIGURES[name as keyof typeof ALLIANCE_KIND_FIGURES];
        return `${kind}${count}${unit}`;
      }),
    ];
    expect(expected).toHaveLength(Object.keys(SEED_000_FIGURES).length + Object.keys(SEED_000_ALLIANCES).length);
    expect(expected.filter((phrase) => !text.includes(phrase))).toEqual([]);
    // The joint totals are the sentence of both sides together; each side's part follows. A standing
    // figure is said once in its part, after 新增 (it read 交叉任职村党组织委员56人, then 新增… again).
    expect(text).toContain(`四川、重庆两地合计：新增${expected[0]}`);
    // Printed as the report has them: each section's heading, then its parts in its order, each part's
    // heading run in before its figures (一是创新组织设置。联合办公室登记：…), 志愿服务队伍 under 服务联抓.
    const printedOrder = SEED_000_SECTIONS.flatMap((section) => [section.heading, ...section.parts.map((part) => `${part.heading}。`)]).map((heading) => text.indexOf(heading));
    expect(printedOrder.every((at, i) => at >= 0 && (i === 0 || at > printedOrder[i - 1]!)), `headings in order: ${printedOrder.join(', ')}`).toBe(true);
    expect(text).toContain('一是创新组织设置。联合办公室登记：建立毗邻乡镇党建联建17个');
    expect(text).toContain(`二是基层服务共抓。四川、重庆两地合计：新增志愿服务队伍${SEED_000_FIGURES.volunteerTeams}个`);
    expect(text).not.toMatch(/活动联办|阵地共建，/);
    expect(text).toMatch(/其中，四川方面新增交叉任职村党组织委员\d+人；重庆方面新增交叉任职村党组织委员\d+人。/);
    expect(text).not.toMatch(/(?<!新增)交叉任职村党组织委员\d/);
    for (const part of ['遂潼川渝毗邻地区一体化发展', '党建联建工作简报', '第1期', '遂潼联合办公室', '2021年7月8日', '2021年上半年遂潼毗邻地区“邻聚党建”工作情况', '数据来源与统计口径', '数据截至', '图1', '附表', '主要指标']) {
      expect(text).toContain(part);
    }
    // 数据截至 of each store as the dashboard gives it (when it last changed), not the time it was read, in a briefing's words.
    const flowing = text.replace(/—\d+—/g, ''); // the text across a page break, without its page number
    expect(flowing).toMatch(/本简报数据取自四川省、重庆市组织部门“邻聚党建”台账（四川省数据截至\d{4}年\d+月\d+日\d\d:\d\d，重庆市数据截至\d{4}年\d+月\d+日\d\d:\d\d）/);
    expect(flowing).toMatch(/联盟与框架协议取自遂潼联合办公室登记（数据截至\d{4}年\d+月\d+日\d\d:\d\d）/);
    // The subject is broken between its parts, never inside a word: its first line ends with the scope.
    const subject = (await pdfLines(pdf)).findIndex((line) => line.text.startsWith('2021年上半年'));
    expect((await pdfLines(pdf)).slice(subject, subject + 2).map((line) => line.text)).toEqual(['2021年上半年遂潼毗邻地区', '“邻聚党建”工作情况']);

    // Chinese is drawn with a CJK font LibreOffice embedded, and the charts are images in the PDF.
    const { stdout: fonts } = await run('pdffonts', [pdf]);
    expect(fonts).toMatch(/WenQuanYi|Noto\S*CJK|SourceHan/);
    // Rows of `pdfimages -list` after its two header lines: page, num, type (image, or smask for a PNG's alpha) …
    const { stdout: images } = await run('pdfimages', ['-list', pdf]);
    const types = images.trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/)[2]);
    expect(types.filter((type) => type === 'image')).toHaveLength(3);
  }, 480_000);
});

/** A PDF's lines in reading order, each with where it starts on its page (`pdftotext -bbox-layout`). */
async function pdfLines(pdf: string): Promise<{ text: string; xMin: number }[]> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', pdf, '-']);
  return [...stdout.matchAll(/<line xMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map(([, xMin, words]) => ({
    xMin: Number(xMin),
    text: [...words!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(''),
  }));
}

describe.skipIf(pdfSkipped)(`the 2021年下半年 briefing as a PDF${pdfSkipped ? ' (skipped: LibreOffice is not installed)' : ''}`, () => {
  test('a large sum reads in 亿元 in the 附表 as in the text; a wrapped 统计口径 line stays indented under its item', async () => {
    const briefing = await writeBriefing({ period: { from: '2021-07-01', to: '2021-12-31' }, gatewayUrl: federation.gatewayUrl, issuedOn: '2022-01-08' });
    const investment = briefing.figures.total.majorProjectInvestmentWan!;
    expect(investment, 'seed 000 has 重大项目 in 2021年下半年').toBeGreaterThanOrEqual(10_000);
    const docx = join(dir, briefing.fileName);
    await writeFile(docx, briefing.docx);
    const pdf = await briefingPdf(docx);
    const { stdout: layout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-']);

    // It was 6821000 under 万元; the text says 682.1亿元. The row's 单位 is the unit its values are in.
    const yi = String(investment / 10_000);
    expect(sentencesOf(briefing.sections).join('')).toContain(`${FIGURES.majorProjectInvestmentWan.label}${yi}亿元`);
    // The 附表's row, after its heading: a line of the text's paragraph may start with the label too. A
    // project stands once set up: its row says 新增, as the text does.
    const table = layout.slice(layout.indexOf('主要指标（'));
    const row = table.split('\n').find((line) => line.trim().startsWith(newlySetUp('majorProjectInvestmentWan')) && /\d/.test(line))!;
    expect(row.trim().split(/\s+/).slice(0, 5)).toEqual([newlySetUp('majorProjectInvestmentWan'), '亿元', yi, '0', yi]);
    // Amounts under 1 亿元 keep the catalogue's unit.
    expect(layout).toMatch(new RegExp(`${FIGURES.housingFundLoanAmountWan.label}\\s+万元\\s+`));

    // The 统计口径 list: an item wrapped (it started its second line at the left margin) continues under its first line's indent.
    const lines = await pdfLines(pdf);
    const labels = FIGURE_NAMES.map((name) => `${isStanding(name) ? newlySetUp(name) : FIGURES[name].label}：`);
    const first = lines.findIndex((l) => l.text.startsWith(labels[0]!));
    // Up to the closing rule's office (遂潼联合办公室 … 印发); page numbers (— 7 —) are no part of it.
    const end = lines.findIndex((l, i) => i > first && (l.text.startsWith('遂潼联合办公室') || l.text.includes('印发')));
    let item = lines[first]!;
    const continued: { text: string; xMin: number; item: number }[] = [];
    for (const line of lines.slice(first, end).filter((l) => !/^—\d+—$/.test(l.text))) {
      if (labels.some((label) => line.text.startsWith(label))) item = line;
      else continued.push({ ...line, item: item.xMin });
    }
    expect(continued.length, 'some 口径 is longer than a line (户均增收)').toBeGreaterThan(0);
    expect(continued.filter((line) => line.xMin <= line.item)).toEqual([]);
  }, 480_000);
});

describe('the briefing through the gateway', () => {
  test('a period compared with the one before it when that one has records; H1 2021 has none before it', async () => {
    const first = await writeBriefing({ period: H1_2021, gatewayUrl: federation.gatewayUrl });
    const second = await writeBriefing({ period: { from: '2021-07-01', to: '2021-12-31' }, gatewayUrl: federation.gatewayUrl });
    expect(first.comparisons).toEqual([]);
    // Seed 000's sections and parts, in its order and words; each of its figures said under its own part and no other.
    expect(first.sections.map((section) => [section.heading, section.parts.map((part) => part.heading)])).toEqual(SEED_000_SECTIONS.map((section) => [section.heading, section.parts.map((part) => part.heading)]));
    expect(wherePhrasesAre(first.sections, SEED_000_FIGURES)).toEqual(SEED_000_PLACES);
    // Each store's 数据截至 as it says of itself (the dashboard's), for the note of provenance.
    expect(first.figures.sides.map((s) => Number.isNaN(Date.parse(s.dataAsOf ?? ''))).concat(Number.isNaN(Date.parse(first.figures.jointDataAsOf ?? '')))).toEqual([false, false, false]);
    expect(second.periodText).toBe('2021年下半年');
    expect(second.comparisons.map((c) => c.name)).toContain('上期');
    const previous = second.comparisons.find((c) => c.name === '上期')!;
    expect(previous.figures.total).toEqual(first.figures.total);
    const sentences = sentencesOf(second.sections);
    expect(sentences.some((s) => s.startsWith('与上期（2021年上半年）相比，'))).toBe(true);
    // A figure of events that fell from H1 to H2 reads as 减少 by the difference.
    const fell = (Object.keys(SEED_000_FIGURES) as FigureName[]).filter((name) => second.figures.total[name] !== null && second.figures.total[name]! < (first.figures.total[name] ?? 0));
    const event = fell.find((name) => !isStanding(name))!;
    expect(event).toBeDefined();
    const drop = first.figures.total[event]! - second.figures.total[event]!;
    expect(sentences.join('')).toContain(`${FIGURES[event].label}减少${drop}${FIGURES[event].unit}`);
    // One of things set up that stand (交叉任职: all still in post) is said as what was newly set up in each, never as a fall.
    const standing = fell.filter(isStanding);
    expect(standing).toContain('crossAppointments');
    for (const name of standing) {
      expect(sentences.join('')).toContain(`${FIGURES[name].label}${amount(second.figures.total[name]!, FIGURES[name].unit)}（上期新增${amount(first.figures.total[name]!, FIGURES[name].unit)}）`);
      expect(sentences.join('')).not.toMatch(new RegExp(`${FIGURES[name].label}(减少|增加|持平)`));
    }
  }, 300_000);

  // Today is pinned (China's day, as writeBriefing takes it), so no case depends on the day the tests run.
  test.each([
    // asked, today, named, 上期 as its sentence names it (when that period has records)
    ['2021-12-01..2021-12-31', '2021-12-07', '2021年12月1日至2021年12月7日', undefined],
    // Cut short on the last day of a month, of a half year, and on 12-31: its days, compared with as many days.
    ['2021-01-01..2021-12-31', '2021-03-31', '2021年1月1日至2021年3月31日', undefined],
    ['2021-01-01..2021-12-31', '2021-06-30', '2021年1月1日至2021年6月30日', undefined],
    ['2021-07-01..2022-06-30', '2021-12-31', '2021年7月1日至2021年12月31日', '2020年12月29日至2021年6月30日'],
    // Asked for a period ending today: that period, compared as such, its last day said to be in progress.
    ['2021-07-01..2021-12-31', '2021-12-31', '2021年下半年', '2021年上半年'],
  ])('%s asked on %s is reported up to that day as %s', async (asked, today, name, previous) => {
    const briefing = await writeBriefing({ period: asked, today, gatewayUrl: federation.gatewayUrl });
    expect(briefing.figures.period).toMatchObject({ from: asked.slice(0, 10), to: today });
    expect(briefing.periodText).toBe(name);
    expect(briefing.fileName).toBe(`${name}工作简报.docx`);
    const xml = zipMember(briefing.docx, 'word/document.xml');
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    expect(text).toContain(`${name}，四川、重庆两地`);
    const [year, month, day] = today.split('-').map(Number);
    expect(text).toContain(`本期截至${year}年${month}月${day}日，当日尚未结束`);
    const sentences = sentencesOf(briefing.sections).join('');
    if (previous) expect(sentences).toContain(`与上期（${previous}）相比，`);
    else expect(briefing.comparisons.find((c) => c.name === '上期')).toBeUndefined();
  }, 300_000);

  // 1990..2026 was compared with 1989-01-01..2025-12-07, mostly its own days: every figure 持平.
  test('a period longer than a year is not compared with a 上年同期 that is mostly itself, and says so', async () => {
    const briefing = await writeBriefing({ period: '2019-01-01..2026-12-31', today: '2026-12-07', gatewayUrl: federation.gatewayUrl });
    expect(briefing.comparisons.map((c) => c.name)).not.toContain('上年同期');
    expect(sentencesOf(briefing.sections).join('')).not.toContain('上年同期');
    const xml = zipMember(briefing.docx, 'word/document.xml');
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    expect(text).toContain('本期长于一年，与上年同期大部分重叠，不作同比。');
    // The period before it is named 上期, not 上年同期 (as the period before a whole year is).
    expect(text).toContain('比较期：上期为2011年1月25日至2018年12月31日。');
  }, 300_000);

  // A monthly briefing's 图2 drew one month's bars: no trend. It draws the five months before it too,
  // each side's as its store counts them (the same months read over 2021年上半年).
  test('a month’s briefing draws its activities after the five months before it, as the stores count them', async () => {
    const june = await writeBriefing({ period: '2021-06-01..2021-06-30', gatewayUrl: federation.gatewayUrl });
    const half = await writeBriefing({ period: H1_2021, gatewayUrl: federation.gatewayUrl });
    const chart = june.charts.find((c) => c.title.startsWith('各方活动数'))!;
    expect(chart?.title).toBe('各方活动数（2021年上半年，按月，项）');
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!);
    expect(texts).toEqual(expect.arrayContaining(['1月', '2月', '3月', '4月', '5月', '6月']));
    // Every month of the half year with activities is labelled with its count, the months before June's included.
    const counts = half.figures.sides.flatMap((side) => side.activitiesByMonth.filter((m) => m.activities > 0));
    expect(counts.filter((m) => m.month < '2021-06').length, 'seed 000 has activities before June').toBeGreaterThan(0);
    expect(texts).toEqual(expect.arrayContaining(counts.map((m) => String(m.activities))));
    // The half year's own chart is its months, as before.
    expect(half.charts.find((c) => c.title.startsWith('各方活动数'))?.title).toBe('各方活动数（按月，项）');
    // Compared with 2021年5月 only: its note of provenance says why there is no 上年同期 (2020年6月 has no record).
    expect(june.comparisons.map((c) => c.name)).toEqual(['上期']);
    const text = [...zipMember(june.docx, 'word/document.xml').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    expect(text).toContain('比较期：上期为2021年5月。上年同期（2020年6月）无记录，不作比较。');
  }, 300_000);

  test('a period over by today is named as the whole span, and not said to be in progress', async () => {
    const briefing = await writeBriefing({ period: '2021-07-01..2021-12-31', today: '2022-01-01', gatewayUrl: federation.gatewayUrl });
    expect(briefing.periodText).toBe('2021年下半年');
    expect(briefing.figures.period).toEqual({ from: '2021-07-01', to: '2021-12-31' });
    expect(zipMember(briefing.docx, 'word/document.xml')).not.toContain('尚未结束');
  }, 300_000);

  test('one side’s briefing (npm run report -- --jurisdiction sichuan) states that side’s own figures', async () => {
    const out = join(dir, '四川简报.docx');
    const { stdout } = await run('npx', ['tsx', CLI, '--period', H1_2021, '--jurisdiction', 'sichuan', '--gateway', federation.gatewayUrl, '--out', out]);
    // Whose briefing it is, as its file name says (it said 已生成2021年上半年简报 of one side's too).
    expect(stdout).toContain('已生成2021年上半年四川省工作简报：');
    expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');

    const briefing = await writeBriefing({ period: H1_2021, jurisdiction: 'sichuan', gatewayUrl: federation.gatewayUrl });
    const answer = await federation.query<{ jurisdictions: { figures: { crossAppointments: number } }[] }>(
      `query ($period: PeriodInput) { jurisdictions(keys: ["sichuan"]) { figures(period: $period) { crossAppointments } } }`,
      { period: { from: '2021-01-01', to: '2021-06-30' } },
    );
    const own = answer.data!.jurisdictions[0]!.figures.crossAppointments;
    expect(own).toBeGreaterThan(0);
    expect(own).toBeLessThan(SEED_000_FIGURES.crossAppointments!);
    expect(briefing.sections[0]!.parts[0]!.sentences).toContain(`四川省：新增交叉任职村党组织委员${own}人。`);
    expect(briefing.fileName).toBe('2021年上半年四川省工作简报.docx');
  }, 300_000);

  test('a bad period, 期数 or 印发单位, an unknown side or an unreachable gateway is refused in Chinese and writes nothing', async () => {
    const out = join(dir, '不应生成.docx');
    for (const [args, message] of [
      [['--period', '2021-06-30..2021-01-01'], '晚于截止日期'],
      [['--period', H1_2021, '--jurisdiction', 'guizhou'], '没有辖区“guizhou”'],
      [['--period', H1_2021, '--gateway', 'http://127.0.0.1:9/graphql'], '无法连接网关 http://127.0.0.1:9/graphql；简报未生成'],
      [['--period', '2999-01-01..2999-06-30'], '尚未开始'],
      [['--period', H1_2021, '--bogus'], '没有选项“--bogus”'],
      // 期数 and 印发单位 as the documents server reads the dashboard's (checkMasthead).
      [['--period', H1_2021, '--issue', '7.5'], '期数“7.5”应为 1 至 9999 的整数，简报未生成。'],
      [['--period', H1_2021, '--office', ' '], '印发单位不能为空，简报未生成。'],
      [['--period', H1_2021, '--office', '中共遂宁市委组织部 中共潼南区委组织部'], '印发单位至多 18 字（现有 19 字），请精简，简报未生成。'],
    ] as const) {
      const failure = await run('npx', ['tsx', CLI, '--gateway', federation.gatewayUrl, ...args, '--out', out]).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(message);
    }
    await expect(stat(out)).rejects.toThrow();
  }, 300_000);
});
