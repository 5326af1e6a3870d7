import { describe, expect, test } from 'vitest';
import { buildSchema, getOperationAST, parse, type GraphQLError } from 'graphql';
import { MAX_ROOT_SELECTIONS, tooManyWrites, writesOf } from '@linju/contract';
import { oneWritePlugin } from '../../src/limits/oneWritePlugin.ts';
import { countingDocument } from '../support/countingDocument.ts';

const writes = (source: string, operationName?: string, variables?: Record<string, unknown>) => {
  const document = parse(source);
  return writesOf(document, getOperationAST(document, operationName)!, variables);
};

describe('a root that fragments multiply', () => {
  // A fragment spread twice into one spread twice…: 22 of them, a few hundred bytes, expanded to four million root selections (review: 30 s of the gateway's CPU, anonymous).
  const doubling = (n: number) =>
    `mutation { ...F0 }\n${Array.from({ length: n }, (_, i) => `fragment F${i} on Mutation { ...F${i + 1} ...F${i + 1} }`).join('\n')}\nfragment F${n} on Mutation { a(x: 1) }`;

  test('is expanded up to MAX_ROOT_SELECTIONS selections looked at, then refused as repeated fields, HTTP 400', () => {
    expect(writes(doubling(10))).toEqual(['a']);
    let refusal: GraphQLError | undefined;
    try {
      writes(doubling(22));
    } catch (error) {
      refusal = error as GraphQLError;
    }
    expect(refusal?.extensions).toEqual({ code: 'TOO_MANY_REPEATED_FIELDS', limit: MAX_ROOT_SELECTIONS, http: { status: 400 } });
    expect(refusal?.message).toMatch(/^操作的顶层字段展开片段后超过 10000 个.* \/ The operation's root selections, its fragments expanded, are more than 10000/);
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

  test('refuses a mutation of two root fields, and counts each operation once, not once per request', async () => {
    const plugin = oneWritePlugin();
    const { document, operation, reads } = countingDocument('mutation { a(x: 1) ...W } fragment W on Mutation { b(x: 1) }');
    const refusal = await resolve(plugin, document, operation).catch((error: GraphQLError) => error);
    expect((refusal as GraphQLError).extensions?.['code']).toBe('TOO_MANY_WRITES');
    const walked = reads();
    expect(walked).toBeGreaterThan(0);
    await expect(resolve(plugin, document, operation)).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_WRITES', value: 2 } });
    expect(reads()).toBe(walked);
  });

  test('lets one write through, and a request without an operation to others', async () => {
    const plugin = oneWritePlugin();
    const { document, operation } = countingDocument('mutation { __typename ...W } fragment W on Mutation { a(x: 1) }');
    await expect(resolve(plugin, document, operation)).resolves.toBeUndefined();
    await expect(resolve(plugin, document, undefined)).resolves.toBeUndefined();
  });

  test('decides by the variables of each request where @skip or @include stand on a write, the document still walked once', async () => {
    const plugin = oneWritePlugin();
    const { document, operation, reads } = countingDocument('mutation ($a: Boolean!, $b: Boolean = true) { p: a(x: 1) @include(if: $a) q: a(x: 2) @include(if: $b) r: b(x: 1) @skip(if: true) }');
    await expect(resolve(plugin, document, operation, { a: false })).resolves.toBeUndefined();
    const walked = reads();
    // The default of $b includes q: two writes.
    await expect(resolve(plugin, document, operation, { a: true })).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_WRITES', value: 2 } });
    await expect(resolve(plugin, document, operation, { a: true, b: false })).resolves.toBeUndefined();
    // Variables that do not coerce decide nothing: every write counts (the request would not run anyway).
    await expect(resolve(plugin, document, operation, { a: 'yes', b: false })).rejects.toMatchObject({ extensions: { code: 'TOO_MANY_WRITES', value: 2 } });
    expect(reads()).toBe(walked);
  });
});
