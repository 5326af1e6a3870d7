import { GraphQLError } from 'graphql';
import { expect, test } from 'vitest';
import { overviewId } from '@linju/contract';
import { Query } from '../src/resolvers/Query.ts';
import type { JointContext } from '../src/resolvers/JointContext.ts';

/** A context whose alliance loader knows `known` only, and counts what it was asked. */
function contextKnowing(known: string[]) {
  const asked: string[] = [];
  const alliance = { load: async (id: string) => (asked.push(id), known.includes(id) ? { id } : null) };
  return { asked, context: { loaders: { alliance } } as unknown as JointContext };
}

test('the overview of every alliance looks no alliance up: it costs no statement more', async () => {
  const { asked, context } = contextKnowing([]);
  expect(await Query.overview(undefined, { period: { from: '2021-01-01', to: '2021-06-30' } }, context)).toEqual({ id: overviewId({ from: '2021-01-01', to: '2021-06-30' }, null) });
  expect(asked).toEqual([]);
});

test("one alliance's overview is of an alliance the joint office has; another is refused, not answered as zeros", async () => {
  const { asked, context } = contextKnowing(['joint:Alliance:moxi-shuangjiang']);
  expect(await Query.overview(undefined, { allianceId: 'joint:Alliance:moxi-shuangjiang' }, context)).toEqual({ id: overviewId({ from: null, to: null }, 'joint:Alliance:moxi-shuangjiang') });
  const refusal = await Query.overview(undefined, { allianceId: 'joint:Alliance:nope' }, context).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(GraphQLError);
  expect((refusal as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'unknown-alliance' });
  expect((refusal as GraphQLError).message).toBe('所属联盟：遂潼联合办公室没有这个联盟（所填 ID 不存在），请从联盟列表中选择 / allianceId joint:Alliance:nope names no alliance of the joint office');
  expect(asked).toEqual(['joint:Alliance:moxi-shuangjiang', 'joint:Alliance:nope']);
});
