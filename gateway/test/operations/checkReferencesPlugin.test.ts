import { expect, test } from 'vitest';
import { buildSchema, getOperationAST, parse, print, type FormattedExecutionResult } from 'graphql';
import { INTERNAL_ERROR_MESSAGE, maskInternalErrors } from '@linju/observability';
import { checkReferencesPlugin, namedReferences, type ExecuteRead } from '../../src/operations/checkReferencesPlugin.ts';
import { countedRows } from '../support/countedRows.ts';

/**
 * The reference check answers in place of the operation, and Apollo Server sends such an answer as
 * it is: the plugin applies the server's formatError itself, so a read's internal error (its text,
 * its extensions) never reaches the client.
 */
const schema = buildSchema(`
  scalar Date
  type Alliance { id: ID! }
  type Query { alliance(id: ID!): Alliance }
  type Mutation { addAllianceMember(allianceId: ID!, version: Int!, organizationId: ID!, joinedOn: Date!): Alliance }
`);
const document = parse('mutation ($organizationId: ID!) { addAllianceMember(allianceId: "joint:Alliance:a", version: 1, organizationId: $organizationId, joinedOn: "2024-06-01") { id } }');

async function answerWith(result: FormattedExecutionResult, sent = document) {
  const masked: string[] = [];
  const plugin = checkReferencesPlugin(() => (async () => result) as ExecuteRead, maskInternalErrors({ log: (message) => masked.push(message) }));
  const hooks = await plugin.requestDidStart!({} as never);
  const response = await (hooks as { responseForOperation: (context: unknown) => Promise<{ body: { singleResult: FormattedExecutionResult } } | null> }).responseForOperation({
    schema,
    document: sent,
    operation: getOperationAST(sent)!,
    request: { variables: { organizationId: 'chongqing:Organization:x' } },
    contextValue: { caller: { role: 'joint-operator', subject: 'office' } },
    logger: console,
    overallCachePolicy: {},
  });
  return { errors: response!.body.singleResult.errors!, masked };
}

test("a read's internal error is masked as the server masks it: no text, no extensions of its own", async () => {
  const { errors, masked } = await answerWith({ data: null, errors: [{ message: 'connect ECONNREFUSED 10.1.2.3:5432', extensions: { code: 'SOMETHING_INTERNAL', stacktrace: ['at x'] } }] });
  expect(errors).toEqual([{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: ['addAllianceMember'] }]);
  expect(masked).toHaveLength(1);
});

test("the check's own refusals keep their code, field and words, under the write's root field", async () => {
  const { errors } = await answerWith({ data: { chongqing: { r0: { edges: [] } } } });
  expect(errors).toEqual([{ message: expect.stringMatching(/^加入的党组织 ID 在重庆市的库中不存在/), extensions: { code: 'NOT_FOUND', field: 'organizationId' }, path: ['addAllianceMember'] }]);
});

test('an aliased write is named by its alias, as the answer names it', async () => {
  const aliased = parse(print(document).replace('addAllianceMember(', 'join: addAllianceMember('));
  const { errors } = await answerWith({ data: { chongqing: { r0: { edges: [] } } } }, aliased);
  expect(errors.map((e) => [e.extensions?.['code'], e.path])).toEqual([['NOT_FOUND', ['join']]]);
});

test('a write @skip or @include leaves out with the variables sent is not made: nothing is read for it', async () => {
  const reads: unknown[] = [];
  const plugin = checkReferencesPlugin(() => (async (...args: unknown[]) => (reads.push(args), { data: { chongqing: { r0: { edges: [] } } } })) as ExecuteRead, maskInternalErrors({ log: () => {} }));
  const sent = parse('mutation ($organizationId: ID!, $go: Boolean!) { addAllianceMember(allianceId: "joint:Alliance:a", version: 1, organizationId: $organizationId, joinedOn: "2024-06-01") @include(if: $go) { id } }');
  const answer = async (go: boolean) => {
    const hooks = (await plugin.requestDidStart!({} as never)) as { responseForOperation: (context: unknown) => Promise<unknown> };
    return hooks.responseForOperation({
      schema,
      document: sent,
      operation: getOperationAST(sent)!,
      request: { variables: { organizationId: 'chongqing:Organization:x', go } },
      contextValue: { caller: { role: 'joint-operator', subject: 'office' } },
      logger: console,
      overallCachePolicy: {},
    });
  };
  await expect(answer(false)).resolves.toBeNull();
  expect(reads).toHaveLength(0);
  // Included, it is checked as ever.
  await expect(answer(true)).resolves.toMatchObject({ body: { singleResult: { errors: [{ extensions: { code: 'NOT_FOUND' } }] } } });
  expect(reads).toHaveLength(1);
});

test("a write naming no other store's records (an import) has its variables left unread: its rows are not coerced for nothing", () => {
  const imports = buildSchema('input Row { title: String! } type Query { a: Int } type Mutation { sichuanImportActivities(rows: [Row!]!): Int }');
  const sent = parse('mutation ($rows: [Row!]!) { sichuanImportActivities(rows: $rows) }');
  const { rows, reads } = countedRows(1000);
  expect(namedReferences(imports, sent, getOperationAST(sent)!, { rows }, { role: 'sichuan-operator', subject: 'clerk' } as never)).toEqual([]);
  expect(reads()).toBe(0);
});
