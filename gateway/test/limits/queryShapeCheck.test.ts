import { describe, expect, test } from 'vitest';
import { MEMO_MAX_TEXT_LENGTH } from '@linju/contract/memo';
import { queryShapeCheck } from '../../src/limits/queryShapeLimits.ts';

const limits = { maxTokens: 3000, maxDepth: 3, maxAliases: 2 };
const deep = '{ a { b { c { d } } } }';
const aliased = '{ x: a y: a z: a }';

describe('the query shape check, remembered per text', () => {
  test('the same bad text gets the same refusal, checked once: the very same error', () => {
    const check = queryShapeCheck(limits);
    const first = check(deep);
    expect(first?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 3, value: 4 });
    // A second check would build a new error: the same object means the text was not checked again.
    expect(check(deep)).toBe(first);
    const aliases = check(aliased);
    expect(aliases?.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: 2, value: 3 });
    expect(check(aliased)).toBe(aliases);
  });

  test('an accepted text stays accepted, and a syntax error is left to Apollo', () => {
    const check = queryShapeCheck(limits);
    for (let i = 0; i < 2; i++) {
      expect(check('{ a { b } }')).toBeUndefined();
      expect(check('{ a {')).toBeUndefined();
    }
  });

  test('each check keeps its own limits', () => {
    expect(queryShapeCheck(limits)(deep)).toBeDefined();
    expect(queryShapeCheck({ ...limits, maxDepth: 4 })(deep)).toBeUndefined();
  });

  test('a text too long to keep is refused alike, checked every time', () => {
    const check = queryShapeCheck({ ...limits, maxTokens: 100_000 });
    const long = `{ a { b { c { d } } } }${' '.repeat(MEMO_MAX_TEXT_LENGTH)}`;
    const first = check(long);
    const second = check(long);
    expect(second).not.toBe(first);
    expect([first?.extensions['code'], second?.extensions['code']]).toEqual(['QUERY_TOO_DEEP', 'QUERY_TOO_DEEP']);
  });
});
