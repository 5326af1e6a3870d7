import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Role } from '@linju/access';
import { sharedFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { expectRefused, loadFixtures, uniqueName, type Side, type SideFixtures } from './writeSupport.ts';

/**
 * A request makes one write. The gateway sends a mutation's root fields one after another, each a
 * transaction of its own in its owner's store, so a document of two writes was half made when the
 * second was refused: QA's Sichuan operator recorded an activity in Sichuan and one in Chongqing in
 * one document, was answered FORBIDDEN (重庆市…未作任何更改) with no data, and Sichuan's activity
 * was written; two activities of one side, the second dated in the future, lost the first one's ID
 * with the second's refusal. Such a document is refused whole at the gateway (HTTP 400,
 * TOO_MANY_WRITES) before any subgraph is called: every store stays as it was.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;

beforeAll(async () => {
  federation = await sharedFederation();
  fixtures = await loadFixtures(federation);
});
// The shared federation's stop checks that no store's tables changed while the file had it.
afterAll(() => federation?.stop());

/** Arguments of a side's activity, literal as QA typed them in the explorer. */
const activity = (side: Side, title: string, heldOn = '2024-03-05') =>
  `input: { kind: "座谈交流", title: ${JSON.stringify(uniqueName(title))}, heldOn: "${heldOn}", organizerId: "${fixtures[side].town.id}" }, idempotencyKey: ${JSON.stringify(uniqueName('qa-mix-'))}`;
const record = (alias: string, side: Side, title: string, heldOn?: string) => `${alias}: ${side}RecordActivity(${activity(side, title, heldOn)}) { id }`;
const alliance = (alias: string) =>
  `${alias}: createAlliance(input: { kind: "毗邻乡镇党建联建", name: ${JSON.stringify(uniqueName('QA混合联盟'))}, foundedOn: "2024-05-01", memberIds: ["${fixtures.sichuan.town.id}", "${fixtures.chongqing.town.id}"] }) { id }`;

/** POSTs a document to the gateway as `role` and reads the answer with its HTTP status, whatever it is. */
async function post(role: Exclude<Role, 'anonymous'>, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphQLResponse<Record<string, unknown>> }> {
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await federation.token(role)}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<Record<string, unknown>> };
}

/** The document is refused TOO_MANY_WRITES with HTTP 400, naming how many writes it makes; no subgraph is called and no store changes. */
async function expectOneWriteRefusal(role: Exclude<Role, 'anonymous'>, query: string, writes: number, variables?: Record<string, unknown>) {
  let status = 0;
  let calls: string[] = [];
  const error = await expectRefused(
    federation,
    async () => {
      federation.resetCalls();
      const answer = await post(role, query, variables);
      status = answer.status;
      calls = [...federation.subgraphCalls];
      return answer.body;
    },
    { code: 'TOO_MANY_WRITES', message: /^每次请求只能做一项写入（一个写入字段），本次有 \d+ 项，请分开发送；未作任何更改。/ },
  );
  expect(status, JSON.stringify(error)).toBe(400);
  expect(error.extensions).toMatchObject({ limit: 1, value: writes });
  expect(error.message).toContain(`本次有 ${writes} 项`);
  expect(calls).toEqual([]);
}

test("QA's case: a Sichuan operator's activity in Sichuan and one in Chongqing, in either order, is refused whole; neither is written", async () => {
  await expectOneWriteRefusal('sichuan-operator', `mutation X { ${record('a', 'sichuan', 'QA混合1')} ${record('b', 'chongqing', 'QA混合2')} }`, 2);
  await expectOneWriteRefusal('sichuan-operator', `mutation X { ${record('b', 'chongqing', 'QA混合2')} ${record('a', 'sichuan', 'QA混合1')} }`, 2);
});

test("the joint operator's alliance with a Sichuan activity is refused whole; the alliance is not created", async () => {
  await expectOneWriteRefusal('joint-operator', `mutation { ${alliance('a')} ${record('b', 'sichuan', 'QA混合3')} }`, 2);
  await expectOneWriteRefusal('joint-operator', `mutation { ${record('b', 'sichuan', 'QA混合3')} ${alliance('a')} }`, 2);
});

test('two writes to one store, the second refusable (dated 2099), are refused whole: the first is not committed behind a null answer', async () => {
  await expectOneWriteRefusal('sichuan-operator', `mutation Y { ${record('a', 'sichuan', 'QA同库1')} ${record('b', 'sichuan', 'QA同库2', '2099-03-05')} }`, 2);
  // Three, without aliases on one of them, and __typename beside them (no write of its own).
  await expectOneWriteRefusal('sichuan-operator', `mutation { __typename ${record('a', 'sichuan', 'QA同库3')} ${record('b', 'sichuan', 'QA同库4')} sichuanRecordActivity(${activity('sichuan', 'QA同库5')}) { id } }`, 3);
});

test('writes counted through fragments: a spread fragment and an inline one on Mutation', async () => {
  await expectOneWriteRefusal(
    'sichuan-operator',
    `mutation Z { ...Writes } fragment Writes on Mutation { ${record('a', 'sichuan', 'QA片段1')} ... on Mutation { ${record('b', 'chongqing', 'QA片段2')} } }`,
    2,
  );
  await expectOneWriteRefusal('sichuan-operator', `mutation Z { ${record('a', 'sichuan', 'QA片段3')} ...More } fragment More on Mutation { ${record('b', 'sichuan', 'QA片段4')} }`, 2);
});

test('a write @skip or @include leaves out with the variables sent is no write: the one left goes to its store, two are refused whole', async () => {
  /** A side's activity under a condition (`@include(if: $a)`), dated in 2099 so that its store refuses it: nothing is written. */
  const conditional = (alias: string, title: string, condition: string) => `${alias}: sichuanRecordActivity(${activity('sichuan', title, '2099-03-05')}) ${condition} { id }`;
  const query = (second: string) => `mutation C($a: Boolean!) { ${conditional('a', 'QA条件1', '@include(if: $a)')} ${conditional('b', 'QA条件2', second)} }`;
  // One runs (b is skipped): not TOO_MANY_WRITES but the store's own refusal of that one write.
  let calls: string[] = [];
  await expectRefused(
    federation,
    async () => {
      federation.resetCalls();
      const answer = await post('sichuan-operator', query('@skip(if: true)'), { a: true });
      calls = [...federation.subgraphCalls];
      return answer.body;
    },
    { code: 'BAD_USER_INPUT', rule: 'future-date' },
  );
  expect(calls).toContain('sichuan');
  // Both run: refused whole, at the gateway.
  await expectOneWriteRefusal('sichuan-operator', query('@skip(if: false)'), 2, { a: true });
  await expectOneWriteRefusal('sichuan-operator', query('@include(if: $a)'), 2, { a: true });
});
