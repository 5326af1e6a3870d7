import { describe, expect, test } from 'vitest';
import { costEstimateMemo } from '../../src/limits/costEstimateMemo.ts';
import { estimateCost } from '../../src/limits/estimateCost.ts';
import { countingDocument, memoSchema } from '../support/countingDocument.ts';

describe('the cost estimate, remembered per operation and the values of its `first` variables', () => {
  test('an operation without variables is estimated once', () => {
    const estimate = costEstimateMemo({});
    const { document, operation, reads } = countingDocument('{ people(first: 5) { name friends(first: 2) { name } } }');
    const first = estimate(memoSchema, document, operation, undefined);
    expect(first).toEqual(estimateCost(memoSchema, document, operation, undefined));
    expect(first).toMatchObject({ cost: 1 + 5 * (1 + 1 + 2 * 1), largestList: { coordinate: 'Query.people', size: 5 }, variablesRead: [] });
    const walked = reads();
    // Variables it does not read change nothing.
    expect(estimate(memoSchema, document, operation, { unrelated: 1 })).toBe(first);
    expect(reads()).toBe(walked);
  });

  test('the same values of the variables it reads reuse the estimate; others are estimated again', () => {
    const estimate = costEstimateMemo({});
    const { document, operation, reads } = countingDocument('query ($n: Int = 3, $m: Int) { people(first: $n) { ...F } } fragment F on Person { friends(first: $m) { name } }');
    const seven = estimate(memoSchema, document, operation, { n: 7 });
    expect(seven.largestList).toEqual({ coordinate: 'Person.friends', size: 20 });
    expect([...seven.variablesRead].sort()).toEqual(['m', 'n']);
    const walked = reads();
    expect(estimate(memoSchema, document, operation, { n: 7, other: 'x' })).toBe(seven);
    expect(reads()).toBe(walked);

    const large = estimate(memoSchema, document, operation, { n: 7, m: 500 });
    expect(large.largestList).toEqual({ coordinate: 'Person.friends', size: 500 });
    expect(reads()).toBeGreaterThan(walked);
    // Left out (the variable's default) is not the same as null (the argument's default).
    const left = estimate(memoSchema, document, operation, {});
    expect(left).toEqual(estimateCost(memoSchema, document, operation, {}));
    expect(left.largestList?.size).toBe(20);
    expect(estimate(memoSchema, document, operation, { n: null })).toEqual(estimateCost(memoSchema, document, operation, { n: null }));
    expect(estimate(memoSchema, document, operation, { n: 100 }).cost).toBe(estimateCost(memoSchema, document, operation, { n: 100 }).cost);
  });

  test('list sizes are the memo’s own', () => {
    const { document, operation } = countingDocument('{ overviews { id } }');
    expect(costEstimateMemo({})(memoSchema, document, operation, undefined).cost).toBe(1 + 20);
    expect(costEstimateMemo({ 'Query.overviews': 2 })(memoSchema, document, operation, undefined).cost).toBe(1 + 2);
  });
});
