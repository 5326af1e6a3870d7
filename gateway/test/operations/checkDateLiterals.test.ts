import { buildSchema, GraphQLError, parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { checkDateLiterals } from '../../src/operations/dateLiteralsPlugin.ts';
import { countingDocument, memoSchema } from '../support/countingDocument.ts';

/** The error checkDateLiterals throws, or undefined. */
function refusal(check: () => void): GraphQLError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe('date literals, checked once per document', () => {
  test('a bad literal is refused each time, naming the field, with the document walked once', () => {
    const { document, reads } = countingDocument('{ overview(period: { from: "2021-02-30", to: "0000-01-01" }) { id } }');
    const first = refusal(() => checkDateLiterals(memoSchema, document));
    expect(first).toBeInstanceOf(GraphQLError);
    expect(first?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.from', rule: 'malformed', http: { status: 400 } });
    // Called by its Chinese name, as the same date sent as a variable is: the path is the English half's.
    expect(first?.message).toBe('起始日期 2021-02-30 不存在，日历上没有这一天 / period.from: the day 2021-02-30 does not exist');
    const walked = reads();
    expect(walked).toBeGreaterThan(0);
    const second = refusal(() => checkDateLiterals(memoSchema, document));
    // The same answer, a new error (Apollo may add to the one it is given), and no second walk.
    expect(second).not.toBe(first);
    expect([second?.message, second?.extensions]).toEqual([first?.message, first?.extensions]);
    expect(reads()).toBe(walked);
  });

  test('good literals and variables pass, the document walked once', () => {
    const { document, reads } = countingDocument('query ($p: Period = { from: "2021-01-01" }) { a: overview(period: $p) { id } b: overview(period: { to: "2021-12-31" }) { id } }');
    checkDateLiterals(memoSchema, document);
    const walked = reads();
    checkDateLiterals(memoSchema, document);
    checkDateLiterals(memoSchema, document);
    expect(reads()).toBe(walked);
  });

  test("a variable's default is a literal of the document too", () => {
    const { document } = countingDocument('query ($p: Period = { from: "2021-13-01" }) { overview(period: $p) { id } }');
    expect(refusal(() => checkDateLiterals(memoSchema, document))?.extensions['field']).toBe('$p.from');
    expect(refusal(() => checkDateLiterals(memoSchema, document))?.extensions['field']).toBe('$p.from');
  });
});

describe('where a date literal is, as a variable\'s path is written', () => {
  const schema = buildSchema(`
    scalar Date
    input ActivityInput { heldOn: Date! }
    input Row { input: ActivityInput! }
    type Query { days(on: [Date!]): Int  day(on: Date): Int }
    type Mutation { importActivities(rows: [Row!]!): Int }
  `);
  const refused = (source: string) => refusal(() => checkDateLiterals(schema, parse(source)));

  test("a list's item by its index, the field by its Chinese name", () => {
    const error = refused('mutation { importActivities(rows: [{ input: { heldOn: "2021-01-01" } }, { input: { heldOn: "1700-01-01" } }]) }');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows[1].input.heldOn' });
    expect(error?.extensions['rule']).toBeUndefined();
    expect(error?.message).toBe('举办日期 1700-01-01 超出 1800-01-01 至 2999-12-31 的范围 / rows[1].input.heldOn: the day 1700-01-01 is outside 1800-01-01 … 2999-12-31');
    expect(refused('{ days(on: ["2021-01-01", "2021-13-01"]) }')?.extensions).toMatchObject({ field: 'on[1]', rule: 'malformed' });
  });

  test('a list of good dates passes; a list, a number or an object where one date goes is malformed', () => {
    expect(refused('{ days(on: ["2021-01-01", "2021-12-31"]) a: day(on: "2021-06-30") b: day(on: null) }')).toBeUndefined();
    for (const literal of ['["2021-01-01"]', '20210101', '{ y: 2021 }', 'TODAY']) {
      expect(refused(`{ day(on: ${literal}) }`)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on', rule: 'malformed' });
    }
  });
});
