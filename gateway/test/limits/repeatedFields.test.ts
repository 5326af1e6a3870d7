import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import { apiSchemaOf } from '@linju/schema';
import { loadExamples } from '../../src/loadExamples.ts';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits/QueryLimits.ts';
import { queryShapeError } from '../../src/limits/queryShapeLimits.ts';
import { countRepeatedFields, MAX_REPEATED_FIELDS } from '../../src/limits/repeatedFields.ts';

const names = (n: number) => Array.from({ length: n }, () => 'name').join(' ');

describe('fields selected again at the same place', () => {
  test.each([
    ['none', '{ jurisdictions { name code } }', 0],
    ['a field twice', '{ jurisdictions { name name } }', 1],
    ['a thousand times', `{ jurisdictions { ${names(1000)} } }`, 999],
    ['aliases are names of their own', '{ jurisdictions { a: name b: name } }', 0],
    ['an alias that is another field’s name', '{ jurisdictions { name: code name } }', 1],
    ['at different places', '{ a: jurisdictions { name } b: jurisdictions { name } }', 0],
    ['a repeated field’s selections merged', '{ jurisdictions { name } jurisdictions { name code } }', 2],
    ['an inline fragment is the same place', '{ jurisdictions { name ... on Jurisdiction { name } } }', 1],
    ['a fragment selecting what the query selects', '{ jurisdictions { name ...J } } fragment J on Jurisdiction { name code }', 1],
    ['a fragment spread twice counts once', '{ jurisdictions { ...J ...J } } fragment J on Jurisdiction { name code }', 0],
    ['two operations, summed', `query A { jurisdictions { name name } } query B { jurisdictions { code code } }`, 2],
    ['a fragment cycle ends', '{ jurisdictions { ...J } } fragment J on Jurisdiction { name children { ...J } }', 0],
  ])('%s', (_what, query, repeated) => {
    expect(countRepeatedFields(parse(query))).toBe(repeated);
  });
});

describe('the limit', () => {
  const limits = { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens, maxDepth: DEFAULT_QUERY_LIMITS.maxDepth, maxAliases: DEFAULT_QUERY_LIMITS.maxAliases };

  test('over it: refused naming the limit and the count, in both languages', () => {
    const error = queryShapeError(`{ jurisdictions { ${names(1000)} } }`, limits);
    expect(error?.extensions).toMatchObject({ code: 'TOO_MANY_REPEATED_FIELDS', limit: MAX_REPEATED_FIELDS, value: 999, http: { status: 400 } });
    expect(error?.message).toBe(
      `查询重复选择的字段过多：同一位置的同名字段重复了 999 次，至多 ${MAX_REPEATED_FIELDS} 次，请每个字段只选一次 / The query repeats fields too often: 999 fields are selected again under a name already selected at the same place, and the limit of repeated fields is ${MAX_REPEATED_FIELDS}; select each field once`,
    );
  });

  test('at it: accepted', () => {
    expect(queryShapeError(`{ jurisdictions { ${names(MAX_REPEATED_FIELDS + 1)} } }`, limits)).toBeUndefined();
  });

  test('every query within it is validated to the end: graphql-js never gives up (“Validation aborted.”)', () => {
    const schema = apiSchemaOf(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
    const within = [
      `{ jurisdictions { ${names(MAX_REPEATED_FIELDS + 1)} } }`,
      // A repeated field's selections are compared pair by pair: the most a query within the limit repeats of them.
      `{ ${Array.from({ length: 51 }, () => 'jurisdictions { name }').join(' ')} }`,
      `{ jurisdictions { ${Array.from({ length: 20 }, () => 'name code').join(' ')} ${Array.from({ length: 30 }, (_, i) => `a${i}: name`).join(' ')} } }`,
    ];
    for (const query of within) {
      expect(queryShapeError(query, limits), query.slice(0, 60)).toBeUndefined();
      expect(validate(schema, parse(query)).map((e) => e.message), query.slice(0, 60)).toEqual([]);
    }
  });

  test('the registered operations and the explorer’s examples are far within it', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../schema/operations/manifest.json', import.meta.url), 'utf8')) as { operations: Record<string, { name: string; document: string }> };
    const documents = [...Object.values(manifest.operations), ...(await loadExamples()).map((example) => ({ name: example.name, document: example.query }))];
    expect(documents.length).toBeGreaterThan(20);
    for (const { name, document } of documents) expect(countRepeatedFields(parse(document)), name).toBeLessThanOrEqual(MAX_REPEATED_FIELDS / 10);
  });
});
