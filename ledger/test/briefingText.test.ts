import { describe, expect, test } from 'vitest';
import { FIGURE_CATEGORY_LEADS, FIGURE_NAMES, FIGURES } from '@linju/contract';
import { briefingComparisons, briefingSections, introSentence, subjectLines, uncomparedPeriods } from '../src/report/briefingText.ts';
import { periodOf } from './periodFigures.ts';

describe('a category with nothing to say', () => {
  test('nothing reported reads 未上报, never 0', () => {
    const sentences = briefingSections(periodOf(null), []).flatMap((section) => section.sentences);
    expect(sentences.some((s) => s.includes('本期未上报此类数据'))).toBe(true);
    expect(sentences.some((s) => s.includes('均为0'))).toBe(false);
  });

  test('zero reported reads 此类指标均为0 (of the figures, not 无此类记录: a kind of record no figure counts may be there)', () => {
    const sentences = briefingSections(periodOf(0), []).flatMap((section) => section.sentences);
    expect(sentences).toContain('四川省本期此类指标均为0。');
    expect(sentences.some((s) => s.includes('本期未上报此类数据') || s.includes('无此类记录'))).toBe(false);
  });

  test('of two sides, a side without any of the category says so in its part: 0, or not reported', () => {
    const names = FIGURE_NAMES.filter((name) => FIGURES[name].category === FIGURES[FIGURE_NAMES[0]!].category);
    const sichuan = Object.fromEntries(names.map((name) => [name, 5]));
    const two = periodOf(0, [{ key: 'sichuan', code: '510000', name: '四川省', figures: sichuan }, { key: 'chongqing', code: '500000', name: '重庆市' }]);
    expect(briefingSections(two, [])[0]!.sentences.at(-1)).toMatch(/^其中，四川方面.+；重庆方面此类指标均为0。$/);
  });

  test('a reported figure is said with its catalogue label and unit', () => {
    const first = FIGURE_NAMES[0]!;
    const sentences = briefingSections(periodOf(7), []).flatMap((section) => section.sentences).join('');
    expect(sentences).toContain(`${FIGURES[first].label}7${FIGURES[first].unit}`);
  });
});

describe('the opening paragraph', () => {
  test('a period with records says the work went on in every category', () => {
    expect(introSentence(periodOf(7))).toMatch(/^2021年上半年，四川毗邻镇村持续推进“邻聚党建”，在组织联建、.*等方面取得新进展。/);
  });

  test('a period without any record says so, and claims no progress', () => {
    const two = periodOf(0, [{ key: 'sichuan', code: '510000', name: '四川省' }, { key: 'chongqing', code: '500000', name: '重庆市' }]);
    const sentence = introSentence(two);
    expect(sentence).toBe('2021年上半年，四川、重庆两地“邻聚党建”各项指标均为0或未上报，本期不作进展描述。现将有关数据简报如下。');
    expect(introSentence(periodOf(null))).toBe('2021年上半年，四川“邻聚党建”各项指标均为0或未上报，本期不作进展描述。现将有关数据简报如下。');
  });

  test('names only the categories with a figure above 0 (组织联建 also for an alliance founded), never one its section says is 0', () => {
    const governance = FIGURE_NAMES.find((name) => FIGURES[name].category === '治理共抓')!;
    const lead = (category: keyof typeof FIGURE_CATEGORY_LEADS) => FIGURE_CATEGORY_LEADS[category].split('，')[0];
    const one = periodOf(0, [{ key: 'sichuan', code: '510000', name: '四川省', figures: { [governance]: 17 } }]);
    expect(introSentence(one)).toBe(`2021年上半年，四川毗邻镇村持续推进“邻聚党建”，在${lead('治理共抓')}方面取得新进展。现将有关数据简报如下。`);
    const founded = { ...one, alliances: { ...one.alliances, townshipAlliances: 1 } } as typeof one;
    expect(introSentence(founded)).toContain(`在${lead('组织联建')}、${lead('治理共抓')}等方面取得新进展`);
    // Every category said in the opening has a section that says a figure, not 此类指标均为0.
    const sections = briefingSections(one, []);
    const said = sections.filter((section) => introSentence(one).includes(lead(section.category)!));
    expect(said.map((section) => section.sentences.join(''))).not.toContainEqual(expect.stringContaining('此类指标均为0'));
  });

  test('a period whose only record is an agreement signed is not called empty (its joint office section says the agreement)', () => {
    const agreed = { ...periodOf(0), agreements: { agreements: 1, signatories: 2, cooperationItems: 4, categories: 3 } };
    expect(introSentence(agreed)).toMatch(/取得新进展/);
    expect(briefingSections(agreed, []).flatMap((section) => section.sentences).join('')).toContain('签订框架协议1份（签署镇村2个、合作事项4项、合作类别3类）');
  });
});

describe('the subject', () => {
  test.each([
    ['2021年上半年', '遂潼毗邻地区', ['2021年上半年遂潼毗邻地区', '“邻聚党建”工作情况']],
    ['2021年3月', '遂潼毗邻地区', ['2021年3月遂潼毗邻地区', '“邻聚党建”工作情况']],
    ['2021年下半年', '四川省', ['2021年下半年四川省', '“邻聚党建”工作情况']],
    ['2021年3月15日至2021年5月20日', '遂潼毗邻地区', ['2021年3月15日至2021年5月20日', '遂潼毗邻地区“邻聚党建”工作情况']],
  ])('%s%s is broken between its parts, never inside a word', (period, scope, lines) => {
    expect(subjectLines(period, scope)).toEqual(lines);
  });

  test('a short subject stays on one line', () => {
    expect(subjectLines('2021年', '四川省')).toEqual(['2021年四川省“邻聚党建”工作情况']);
  });
});

describe('the joint office’s sentence', () => {
  test('the agreements signed, what they cover in brackets', () => {
    const period = { ...periodOf(0), alliances: { townshipAlliances: 17, jointVillageOrganizations: 11, industryChainOrganizations: 2, talentAlliances: 0, byKind: [] }, agreements: { agreements: 1, signatories: 2, cooperationItems: 4, categories: 3 } } as unknown as Parameters<typeof briefingSections>[0];
    expect(briefingSections(period, [])[0]!.sentences[0]).toBe('联合办公室登记：建立毗邻乡镇党建联建17个、毗邻村联村党组织11个、产业链联合党组织2个；签订框架协议1份（签署镇村2个、合作事项4项、合作类别3类）。');
  });
});

describe('the periods compared with', () => {
  const earlier = (value: number | null) => ({ ...periodOf(value), period: { from: '2020-07-01', to: '2020-12-31' } });
  const yearAgo = (value: number | null) => ({ ...periodOf(value), period: { from: '2020-01-01', to: '2020-06-30' } });

  test('a period with records is compared with the previous one and a year before, each when it has records', () => {
    expect(briefingComparisons(periodOf(3), earlier(5), yearAgo(7)).map((c) => c.name)).toEqual(['上期', '上年同期']);
    expect(briefingComparisons(periodOf(3), earlier(0), yearAgo(7)).map((c) => c.name)).toEqual(['上年同期']);
    // A year's previous period is the year before: named once, as such.
    expect(briefingComparisons(periodOf(3), yearAgo(7), undefined).map((c) => c.name)).toEqual(['上年同期']);
  });

  test('a period read to compare with and left out for having no record is named, for the note of provenance to say so', () => {
    expect(uncomparedPeriods(periodOf(3), earlier(5), yearAgo(0))).toEqual([{ name: '上年同期', period: { from: '2020-01-01', to: '2020-06-30' } }]);
    expect(uncomparedPeriods(periodOf(3), earlier(0), yearAgo(7))).toEqual([{ name: '上期', period: { from: '2020-07-01', to: '2020-12-31' } }]);
    expect(uncomparedPeriods(periodOf(3), earlier(5), yearAgo(7))).toEqual([]);
    // Without records of its own, the period is compared with nothing, and its note says that instead.
    expect(uncomparedPeriods(periodOf(0), earlier(0), yearAgo(0))).toEqual([]);
  });

  test('a period without any record is compared with nothing: its sections claim no fall (减少17个（下降100%）) after an opening that claims no progress', () => {
    expect(briefingComparisons(periodOf(0), earlier(5), yearAgo(17))).toEqual([]);
    expect(briefingComparisons(periodOf(null), yearAgo(17), undefined)).toEqual([]);
    const sentences = briefingSections(periodOf(0), briefingComparisons(periodOf(0), earlier(5), yearAgo(17))).flatMap((section) => section.sentences).join('');
    expect(sentences).not.toMatch(/减少|下降/);
  });
});
