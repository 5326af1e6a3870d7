import { describe, expect, test } from 'vitest';
import { checkIdArgument, ALLIANCE_ID } from '../src/globalId.ts';
import { Kind, parse } from 'graphql';
import { VALUE_TYPES_SDL } from '../src/contractTypeDefs.ts';
import { PERIOD_END_LABELS } from '../src/dateRange.ts';
import { chineseLabel } from '../src/descriptionLabel.ts';
import { dateLabel, fieldMessage } from '../src/fieldLabels.ts';
import { dateProblem } from '../src/period.ts';
import { excerpt, EXCERPT_LENGTH } from '../src/text.ts';

/** A refusal's message, split into its halves. */
const halves = (message: string | undefined) => {
  const cut = message!.indexOf(' / ');
  return [message!.slice(0, cut), message!.slice(cut + 3)] as const;
};

describe('what a refusal quotes of the input', () => {
  test.each([
    ['short text, as it is', '2024/01/01', '2024/01/01'],
    ['at most 40 characters, then …', '2'.repeat(20_000), `${'2'.repeat(EXCERPT_LENGTH)}…`],
    ['a right-to-left override and a zero-width space escaped', '2024-01-0\u202e1\u200b', '2024-01-0\\u202E1\\u200B'],
    ['a control and a tag character escaped', 'a\u0007\u{E0041}', 'a\\u0007\\u{E0041}'],
    ['Chinese and emoji counted by character, kept', '举办日期😀', '举办日期😀'],
    ['a number as JSON', 20240101, '20240101'],
    ['an object as JSON', { from: '2024' }, '{"from":"2024"}'],
  ])('%s', (_what, value, shown) => {
    expect(excerpt(value)).toBe(shown);
  });
});

describe('a date refused', () => {
  test.each([
    ['a variable’s field: its Chinese name, not the path', '2024/01/01', 'variables.i.heldOn', '举办日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“2024/01/01”）', 'variables.i.heldOn must be written YYYY-MM-DD; got "2024/01/01"'],
    ['an import row’s field', '2024-02-30', 'variables.rows[0].input.heldOn', '举办日期 2024-02-30 不存在，日历上没有这一天', 'variables.rows[0].input.heldOn: the day 2024-02-30 does not exist'],
    ['a period’s end, as PeriodInput names it', '3000-01-01', 'variables.p.to', '截止日期 3000-01-01 超出 1800-01-01 至 2999-12-31 的范围', 'variables.p.to: the day 3000-01-01 is outside 1800-01-01 … 2999-12-31'],
    ['a date no description names: 日期, never the client’s variable name', 'x', 'variables.d', '日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“x”）', 'variables.d must be written YYYY-MM-DD; got "x"'],
    ['no field at all', '2021-02-29', undefined, '日期 2021-02-29 不存在，日历上没有这一天', 'The day 2021-02-29 does not exist'],
    ['20 000 characters: 40 quoted', '2'.repeat(20_000), 'variables.i.heldOn', `举办日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“${'2'.repeat(40)}…”）`, `variables.i.heldOn must be written YYYY-MM-DD; got "${'2'.repeat(40)}…"`],
    ['hidden characters escaped in both halves', '2024-01-0\u202e1\u200b', 'variables.i.heldOn', '举办日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“2024-01-0\\u202E1\\u200B”）', 'variables.i.heldOn must be written YYYY-MM-DD; got "2024-01-0\\u202E1\\u200B"'],
  ])('%s', (_what, value, field, zh, en) => {
    expect(halves(dateProblem(value, field))).toEqual([zh, en]);
  });

  test('a date’s Chinese name', () => {
    expect([dateLabel('variables.input.birthDate'), dateLabel('period.from'), dateLabel('variables.x.y'), dateLabel(undefined)]).toEqual(['出生日期', '起始日期', '日期', '日期']);
  });

  // The one name of each end of a period, which the refusals (the API's, the dashboard's, the ledger's) call it by.
  test('a period’s ends are called as PeriodInput and Period describe them', () => {
    const described = parse(VALUE_TYPES_SDL).definitions.flatMap((d) =>
      (d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_DEFINITION) && ['PeriodInput', 'Period'].includes(d.name.value)
        ? (d.fields ?? []).map((field) => [field.name.value, chineseLabel(field.description?.value).replace(/（含）$/, '')])
        : [],
    );
    const ends = [['from', PERIOD_END_LABELS.from], ['to', PERIOD_END_LABELS.to]];
    expect(described).toEqual([...ends, ...ends]);
    expect([dateLabel('period.from'), dateLabel('variables.p.to')]).toEqual([PERIOD_END_LABELS.from, PERIOD_END_LABELS.to]);
  });
});

describe('an ID refused', () => {
  test('quoted short and escaped; the example of an alliance is the joint office’s', () => {
    const refusal = () => checkIdArgument(`joint:Alliance:\u202emoxi${'x'.repeat(100)}`, 'allianceId', ALLIANCE_ID);
    expect(refusal).toThrow(`所属联盟“joint:Alliance:\\u202Emoxi${'x'.repeat(20)}…”不是邻聚 ID / allianceId "joint:Alliance:\\u202Emoxi${'x'.repeat(20)}…" is not a Linju ID (<home>:<Type>:<key>, the key in a-z, 0-9 and hyphens) such as joint:Alliance:…`);
  });
});

test('a field nothing names keeps its API name, a space apart, in the Chinese half; the English half leads with it', () => {
  expect(fieldMessage('id', '已撤销', 'is withdrawn')).toBe('id 已撤销 / id is withdrawn');
  // An argument no description names has a Chinese name of its own (ARGUMENT_LABELS).
  expect(fieldMessage('idempotencyKey', '超过 200 个字符', 'is longer than 200 characters')).toBe('幂等键超过 200 个字符 / idempotencyKey is longer than 200 characters');
  expect(fieldMessage('sessions', '不能为负数（收到 -1）', 'must not be negative; got -1')).toBe('场次不能为负数（收到 -1） / sessions must not be negative; got -1');
});
