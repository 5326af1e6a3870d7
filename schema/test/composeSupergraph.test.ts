import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CompositionError } from '../src/CompositionError.ts';
import { composeSupergraph } from '../src/composeSupergraph.ts';
import { subgraphs } from '../src/subgraphs.ts';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

function service(name: string, sdl: string) {
  return { name, url: `http://127.0.0.1:0/${name}`, typeDefs: parse(`${link}\n${sdl}`) };
}

describe('composeSupergraph', () => {
  it('composes the real subgraphs, recording every member and its default URL', async () => {
    const { supergraphSdl } = await composeSupergraph();
    for (const { name, defaultUrl } of subgraphs) {
      expect(supergraphSdl).toContain(`@join__graph(name: "${name}", url: "${defaultUrl}")`);
    }
  });

  it('composes services it is given', async () => {
    const { supergraphSdl } = await composeSupergraph([
      service('a', 'type Query { a: String }'),
      service('b', 'type Query { b: Int }'),
    ]);
    expect(supergraphSdl).toContain('a: String @join__field(graph: A)');
  });

  it('throws a CompositionError naming each error code and message', async () => {
    const failure = composeSupergraph([
      service('a', 'type Query { thing: Thing } type Thing @key(fields: "id") { id: ID! name: String }'),
      service('b', 'type Query { other: Thing } type Thing @key(fields: "id") { id: ID! name: Int }'),
    ]);
    await expect(failure).rejects.toBeInstanceOf(CompositionError);
    const error = (await failure.catch((caught: unknown) => caught)) as CompositionError;
    expect(error.problems.map((problem) => problem.code)).toContain('FIELD_TYPE_MISMATCH');
    for (const problem of error.problems) {
      expect(error.message).toContain(`[${problem.code}] ${problem.message}`);
    }
  });
});
