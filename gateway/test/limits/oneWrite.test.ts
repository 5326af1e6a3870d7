import { describe, expect, test } from 'vitest';
import { buildSchema, getOperationAST, parse, type GraphQLError } from 'graphql';
import { oneWriteRefusal, tooManyWrites, writesOf } from '@linju/contract';
import { oneWritePlugin } from '../../src/limits/oneWritePlugin.ts';
import { countingDocument } from '../support/countingDocument.ts';
import { countedRows } from '../support/countedRows.ts';

const writes = (source: string, operationName?: string, variables?: Record<string, unknown>) => {
  const document = parse(source);
  return writesOf(document, getOperationAST(document, operationName)!, variables);
};

describe('a root that fragments multiply', () => {
  // A fragment spread twice into one spread twice…: 22 of them, a few hundred bytes, were expanded path by path to four million root selections (review: 30 s of the gateway's CPU, anonymous).
  const doubling = (n: number) =>
    `mutation { ...F0 }\n${Array.from({ length: n }, (_, i) => `fragment F${i} on Mutation { ...F${i + 1} ...F${i + 1} }`).join('\n')}\nfragment F${n} on Mutation { a(x: 1) }`;

  /** The document with every selection set counting the reads of its `selections`. */
  const counted = (source: string) => {
    let reads = 0;
    const count = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      for (const value of Object.values(node)) count(value);
      if ('selections' in node) {
        const selections = (node as { selections: unknown }).selections;
        Object.defineProperty(node, 'selections', { get: () => ((reads += 1), selections) });
      }
    };
    const document = parse(source, { noLocation: true });
    count(document);
    return { document, reads: () => reads };
  };

  test('is read a fragment once, however often it is spread: each selection set of the document at most once', () => {
    for (const n of [12, 40]) {
      const { document, reads } = counted(doubling(n));
      expect(writesOf(document, getOperationAST(document)!)).toEqual(['a']);
      // The operation's and each fragment's: n + 2 (path by path, 12 fragments were 8 191 reads).
      expect(reads()).toBeLessThanOrEqual(n + 2);
    }
  });

  test('a fragment first spread where it is skipped is read where it runs', () => {
    const source = 'mutation ($s: Boolean!) { ...W @skip(if: $s) ... { ...V } } fragment V on Mutation { ...W } fragment W on Mutation { a(x: 1) b: a(x: 2) }';
    expect(writes(source, undefined, { s: true })).toEqual(['a', 'a']);
    expect(writes(source, undefined, { s: false })).toEqual(['a', 'a']);
    expect(writes('mutation { ...W } fragment W on Mutation { a(x: 1) ...W }')).toEqual(['a']);
  });
});

describe('the writes of an operation', () => {
  test.each([
    ['one field', 'mutation { a(x: 1) { id } }', ['a']],
    ['one field and __typename, aliased or not', 'mutation { __typename t: __typename a(x: 1) { id } }', ['a']],
    ['two fields', 'mutation { a(x: 1) { id } b(x: 1) { id } }', ['a', 'b']],
    ['one field twice under two aliases', 'mutation { p: a(x: 1) { id } q: a(x: 2) { id } }', ['a', 'a']],
    ['one field twice under one key (merged, run once)', 'mutation { a(x: 1) { id } a(x: 1) { name } }', ['a']],
    ['a field beside a spread fragment', 'mutation { a(x: 1) { id } ...W } fragment W on Mutation { b(x: 1) { id } }', ['a', 'b']],
    ['fields in nested fragments, inline and spread', 'mutation { ... on Mutation { ...W } } fragment W on Mutation { ... { a(x: 1) { id } } b(x: 1) { id } }', ['a', 'b']],
    ['a query', '{ a b c }', []],
    ['only __typename', 'mutation { __typename }', []],
  ] as const)('%s', (_, source, expected) => {
    expect(writes(source)).toEqual(expected);
  });

  // A field @skip or @include leaves out with the variables given is no write (QA: `a … @include(if: $a) b … @skip(if: true)` was refused as two).
  test.each([
    ['one included by a variable, one skipped by a literal', 'mutation ($a: Boolean!) { a: w(x: 1) @include(if: $a) b: w(x: 2) @skip(if: true) }', { a: true }, ['w']],
    ['the same, the variable false', 'mutation ($a: Boolean!) { a: w(x: 1) @include(if: $a) b: w(x: 2) @skip(if: true) }', { a: false }, []],
    ['two included by variables, both true', 'mutation ($a: Boolean!, $b: Boolean!) { a: w(x: 1) @include(if: $a) b: w(x: 2) @include(if: $b) }', { a: true, b: true }, ['w', 'w']],
    ['either of two, by one variable', 'mutation ($a: Boolean!) { a: w(x: 1) @include(if: $a) b: w(x: 2) @skip(if: $a) }', { a: false }, ['w']],
    ['skipped by the fragment around it, spread or inline', 'mutation ($a: Boolean!) { a(x: 1) ...W @skip(if: $a) ... @include(if: false) { c(x: 1) } } fragment W on Mutation { b(x: 1) }', { a: true }, ['a']],
    ['a field under two conditions runs only if both let it', 'mutation ($a: Boolean!) { a(x: 1) ... @include(if: true) { b(x: 1) @skip(if: $a) } }', { a: true }, ['a']],
    ['one key written twice, one of them skipped: runs once', 'mutation { a(x: 1) @skip(if: true) a(x: 1) }', {}, ['a']],
    ['variables that do not decide (none given): each counts', 'mutation ($a: Boolean!) { a: w(x: 1) @include(if: $a) b: w(x: 2) @include(if: $a) }', undefined, ['w', 'w']],
  ] as const)('%s', (_, source, variables, expected) => {
    expect(writes(source, undefined, variables)).toEqual(expected);
  });

  test('of the operation that runs, not of the document', () => {
    const source = 'query Read { a } mutation Write { a(x: 1) { id } } mutation Both { a(x: 1) { id } b(x: 1) { id } }';
    expect(writes(source, 'Read')).toEqual([]);
    expect(writes(source, 'Write')).toEqual(['a']);
    expect(writes(source, 'Both')).toEqual(['a', 'b']);
  });
});

test('more than one write is refused with TOO_MANY_WRITES, HTTP 400, the limit and the value, both halves', () => {
  expect(tooManyWrites([])).toBeUndefined();
  expect(tooManyWrites(['sichuanRecordActivity'])).toBeUndefined();
  const error = tooManyWrites(['sichuanRecordActivity', 'chongqingRecordActivity'])!;
  expect(error.extensions).toEqual({ code: 'TOO_MANY_WRITES', limit: 1, value: 2, http: { status: 400 } });
  const [chinese, english] = error.message.split(' / ');
  expect(chinese).toMatch(/^每次请求只能做一项写入（一个写入字段），本次有 2 项，请分开发送；未作任何更改。/);
  expect(chinese).not.toMatch(/[A-Za-z]/);
  expect(english).toContain('sichuanRecordActivity, chongqingRecordActivity');
});

describe('the plugin', () => {
  const schema = buildSchema('type Query { a: Int } type Mutation { a(x: Int): Int b(x: Int): Int }');
  const resolve = async (plugin: ReturnType<typeof oneWritePlugin>, document: unknown, operation: unknown, variables?: Record<string, unknown>) => {
    const hooks = (await plugin.requestDidStart!({} as never)) as { didResolveOperation: (context: unknown) => Promise<void> };
    return hooks.didResolveOperation({ schema, document, operation, request: { variables } });
  };

  test('refuses a mutation of two root fields, each time', async () => {
    const plugin = oneWritePlugin();
    const { document, operation } = countingDocument('mutation { a(x: 1) ...W } fragment W on Mutation { b(x: 1) }');
    const refusal = await resolve(plugin, document, operation).catch((error: GraphQLError) => error);
    expect((refusal as GraphQLError).extensions?.['code']).toBe('TOO_MANY_WRITES');
    await expect(resolve(plugin, document, operation)).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_WRITES', value: 2 } });
  });

  test('does not look at a query', async () => {
    const { document, operation, reads } = countingDocument('query { a ...Q } fragment Q on Query { a }');
    await expect(resolve(oneWritePlugin(), document, operation)).resolves.toBeUndefined();
    expect(reads()).toBe(0);
  });

  test('lets one write through, and a request without an operation to others', async () => {
    const plugin = oneWritePlugin();
    const { document, operation } = countingDocument('mutation { __typename ...W } fragment W on Mutation { a(x: 1) }');
    await expect(resolve(plugin, document, operation)).resolves.toBeUndefined();
    await expect(resolve(plugin, document, undefined)).resolves.toBeUndefined();
  });

  test('decides by the variables of each request where @skip or @include stand on a write', async () => {
    const plugin = oneWritePlugin();
    const { document, operation } = countingDocument('mutation ($a: Boolean!, $b: Boolean = true) { p: a(x: 1) @include(if: $a) q: a(x: 2) @include(if: $b) r: b(x: 1) @skip(if: true) }');
    await expect(resolve(plugin, document, operation, { a: false })).resolves.toBeUndefined();
    // The default of $b includes q: two writes.
    await expect(resolve(plugin, document, operation, { a: true })).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_WRITES', value: 2 } });
    await expect(resolve(plugin, document, operation, { a: true, b: false })).resolves.toBeUndefined();
    // Variables that do not coerce decide nothing: every write counts (the request would not run anyway).
    await expect(resolve(plugin, document, operation, { a: 'yes', b: false })).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_WRITES', value: 2 } });
  });
});

test("one write's variables are not read (an import's rows not coerced again): only @skip or @include on more than one write need them", () => {
  const schema = buildSchema('input Row { title: String! } type Query { a: Int } type Mutation { importRows(rows: [Row!]!): Int b: Int }');
  const refusal = (source: string, variables: Record<string, unknown>) => {
    const document = parse(source);
    return oneWriteRefusal(schema, document, getOperationAST(document)!, variables);
  };
  const one = countedRows(1000);
  expect(refusal('mutation ($rows: [Row!]!, $t: Boolean = true) { __typename @include(if: $t) importRows(rows: $rows) }', { rows: one.rows })).toBeUndefined();
  expect(one.reads()).toBe(0);
  // Two writes, one of them left out by a variable: the variables decide, so they are read.
  const two = countedRows(2);
  expect(refusal('mutation ($rows: [Row!]!, $b: Boolean!) { importRows(rows: $rows) b @include(if: $b) }', { rows: two.rows, b: false })).toBeUndefined();
  expect(two.reads()).toBe(2);
  expect(refusal('mutation ($rows: [Row!]!, $b: Boolean!) { importRows(rows: $rows) b @include(if: $b) }', { rows: two.rows, b: true })?.extensions).toMatchObject({ code: 'TOO_MANY_WRITES', value: 2 });
});
