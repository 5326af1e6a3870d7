import { describe, expect, test } from 'vitest';
import { buildSchema, getOperationAST, parse, type GraphQLError } from 'graphql';
import { oneWritePlugin, tooManyWrites, writesOf } from '../../src/limits/oneWritePlugin.ts';
import { countingDocument } from '../support/countingDocument.ts';

const writes = (source: string, operationName?: string) => {
  const document = parse(source);
  return writesOf(document, getOperationAST(document, operationName)!);
};

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
  const resolve = async (plugin: ReturnType<typeof oneWritePlugin>, document: unknown, operation: unknown) => {
    const hooks = (await plugin.requestDidStart!({} as never)) as { didResolveOperation: (context: unknown) => Promise<void> };
    return hooks.didResolveOperation({ schema, document, operation });
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
});
