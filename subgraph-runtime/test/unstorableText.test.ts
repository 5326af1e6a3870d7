import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { unstorableTextPlugin } from '../src/server/unstorableText.ts';

/** The refusal the plugin raises for a request, or undefined when it lets the request through. */
async function refusalOf(query: string, variables?: Record<string, unknown>): Promise<GraphQLError | undefined> {
  const listener = (await unstorableTextPlugin().requestDidStart!({} as never)) as { didResolveOperation: (context: unknown) => Promise<void> };
  try {
    await listener.didResolveOperation({ request: { query, variables }, document: parse(query) });
  } catch (error) {
    return error as GraphQLError;
  }
  return undefined;
}

describe('text no store can hold', () => {
  it('lets ordinary text through', async () => {
    expect(await refusalOf('query ($s: String) { alliances(filter: { search: "联盟" }) { totalCount } }', { s: '毗邻' })).toBeUndefined();
  });

  it('names the variable that holds it, in both halves', async () => {
    const refusal = await refusalOf('query ($f: RecordFilter) { alliances(filter: $f) { totalCount } }', { f: { search: 'a\u0000b' } });
    expect(refusal?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'malformed', field: 'variables.f.search' });
    expect(refusal?.message).toMatch(/^名称包含：含有无法保存的字符.* \/ variables\.f\.search contains a NUL character/);
  });

  it('says a NUL in a literal of the document in Chinese first, on the field `query`', async () => {
    const refusal = await refusalOf('{ alliances(filter: { search: "a\\u0000b" }) { totalCount } }');
    expect(refusal?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'malformed', field: 'query' });
    const [chinese, english] = refusal!.message.split(' / ');
    // The Chinese half is Chinese from its first word; the English half has its subject.
    expect(chinese).toMatch(/^[\u4e00-\u9fff]/);
    expect(chinese).not.toMatch(/[A-Za-z]{3,}/);
    expect(english).toMatch(/^A string literal of the query contains a NUL character/);
  });
});
