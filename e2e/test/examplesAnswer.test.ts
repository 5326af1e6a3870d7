import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples, type ExampleQuery } from '@linju/gateway/examples';
import type { Role } from '@linju/access';
import { sharedFederation, type Federation } from '@linju/testing';

// The explorer's examples are a visitor's first contact: they must answer, not just validate.
let federation: Federation;
const examples: ExampleQuery[] = await loadExamples();

beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

/** Runs an example as the role its first line names (or as `as`), expecting an answer without errors. */
async function run(name: string, as?: Role) {
  const response = await ask(name, as);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

function example(name: string): ExampleQuery {
  const found = examples.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return found;
}

async function ask(name: string, as?: Role) {
  const { query, variables: text, role } = example(name);
  const variables = text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
  federation.resetCalls();
  return federation.query<Record<string, any>>(query, variables, { as: as ?? role });
}

describe('the explorer\'s examples against the seeded federation', () => {
  it.each(examples.map((example) => [example.name, example.role]))('%s answers without errors as %s, the role its first line names', async (name) => {
    const data = await run(name);
    expect(Object.values(data).every((value) => value !== null)).toBe(true);
  });

  // The role an example names is the least it needs: asked without sign-in, one that names a role is refused.
  it.each(examples.filter((example) => example.role !== 'anonymous').map((example) => example.name))('%s is refused without sign-in, as its first line says', async (name) => {
    const response = await ask(name, 'anonymous');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', role: 'anonymous' });
    expect(example(name).query.split('\n')[0]).toContain('FORBIDDEN');
  });

  it('the first tab a newcomer sees runs without sign-in', () => {
    expect(examples.some((example) => example.role === 'anonymous')).toBe(true);
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
