import { GraphQLError } from 'graphql';
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
    expect(first?.message).toMatch(/^period\.from: /);
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
