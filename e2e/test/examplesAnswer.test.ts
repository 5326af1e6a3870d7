import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples, type ExampleQuery } from '@linju/gateway/examples';
import { startFederation, type Federation } from '@linju/testing';

// The explorer's examples are a visitor's first contact: they must answer, not just validate.
let federation: Federation;
const examples: ExampleQuery[] = await loadExamples();

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation?.stop());

async function run(name: string) {
  const example = examples.find((candidate) => candidate.name === name);
  if (!example) throw new Error(`no example ${name}`);
  const variables = example.variables === undefined ? undefined : (JSON.parse(example.variables) as Record<string, unknown>);
  federation.resetCalls();
  const response = await federation.query<Record<string, any>>(example.query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe('the explorer\'s examples against the seeded federation', () => {
  it.each(examples.map((example) => example.name))('%s answers without errors', async (name) => {
    const data = await run(name);
    expect(Object.values(data).every((value) => value !== null)).toBe(true);
  });

  it('shows an alliance with members resolved by both sides', async () => {
    const { alliance } = await run('1-alliance-with-members');
    const typenames = alliance.members.map((member: any) => member.organization.__typename);
    expect(new Set(typenames)).toEqual(new Set(['SichuanOrganization', 'ChongqingOrganization']));
    expect(new Set(federation.subgraphCalls)).toEqual(new Set(['joint', 'sichuan', 'chongqing']));
  });

  it('shows cross-appointments whose holders come from the other side', async () => {
    const { sichuan } = await run('2-cross-appointments');
    expect(sichuan.posts.edges.length).toBeGreaterThan(0);
    for (const { node } of sichuan.posts.edges) expect(node.holder.__typename).toBe('ChongqingPerson');
  });

  it('shows each side and the total of the first half of 2021', async () => {
    const { overview } = await run('3-joint-overview-2021-h1');
    expect(overview.total.jointSeminarSessions).toBe(41);
    expect(overview.sichuan.jointSeminarSessions + overview.chongqing.jointSeminarSessions).toBe(41);
    expect(overview.alliances.total).toBe(30);
  });
});
