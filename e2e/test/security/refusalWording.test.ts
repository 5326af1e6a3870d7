import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sharedFederation, type Federation, type GraphQLResponse } from '@linju/testing';

/**
 * How the refusals that quote or name what was sent read, through the gateway (and at a subgraph
 * reached directly): the Chinese half names a field as a clerk knows it (举办日期, never the
 * variable's path), quotes at most 40 characters of the value with every hidden character written
 * as its escape (a right-to-left override cannot scramble the message), and the English half is a
 * sentence led by the field's API name. Each case is a defect a QA pass found.
 */

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

type Role = 'viewer' | 'anonymous' | 'sichuan-operator' | 'chongqing-operator' | 'joint-operator';
type Response = GraphQLResponse<Record<string, unknown>>;

const RECORD = `mutation ($i: ActivityInput!) { sichuanRecordActivity(input: $i) { id } }`;
const ACTIVITY = { kind: '政策宣讲', title: '措辞', heldOn: '2024-01-01', organizerId: 'sichuan:Organization:moxi-town' };
const CLOSE = `mutation ($v: Int!, $k: String) { closeAlliance(id: "joint:Alliance:moxi-shuangjiang", version: $v, closedOn: "2023-01-01", idempotencyKey: $k) { id } }`;
const TARGET = `mutation ($input: FigureTargetInput!) { setFigureTarget(input: $input) { id } }`;
const JOINT_2026 = { figure: 'jointSeminarSessions', from: '2026-01-01', to: '2026-12-31', value: 1 };
/** Characters that hide or reorder text: none may reach a message as it was sent. */
const HIDDEN = /[\u200b\u202e\u2066-\u2069\u0000-\u001f]/u;

/** [what, document, variables, caller, the message's two halves (exact or a pattern), extensions expected]. */
const CASES: [string, string, Record<string, unknown>, Role, string | RegExp, string | RegExp, Record<string, unknown>][] = [
  // 1: a date sent in the variables: the field's Chinese name, not `variables.i.heldOn:`.
  ['a malformed date in the variables', RECORD, { i: { ...ACTIVITY, heldOn: '2024/01/01' } }, 'sichuan-operator', '举办日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“2024/01/01”）', 'variables.i.heldOn must be written YYYY-MM-DD; got "2024/01/01"', { code: 'BAD_USER_INPUT', field: 'variables.i.heldOn', rule: 'malformed' }],
  ['a day the calendar has not', RECORD, { i: { ...ACTIVITY, heldOn: '2024-02-30' } }, 'sichuan-operator', '举办日期 2024-02-30 不存在，日历上没有这一天', 'variables.i.heldOn: the day 2024-02-30 does not exist', { field: 'variables.i.heldOn', rule: 'malformed' }],
  ['a period’s end in the variables', `query ($p: PeriodInput) { overview(period: $p) { total { jointSeminarSessions } } }`, { p: { to: '3000-01-01' } }, 'anonymous', '截止日期 3000-01-01 超出 1800-01-01 至 2999-12-31 的范围', 'variables.p.to: the day 3000-01-01 is outside 1800-01-01 … 2999-12-31', { field: 'variables.p.to' }],
  // Text no store can hold: the field's Chinese name, not the variable's path.
  ['a NUL in a write’s title', RECORD, { i: { ...ACTIVITY, title: '措\u0000辞' } }, 'sichuan-operator', '名称：含有无法保存的字符（空字符 U+0000 或不成对的代理项），请删除后重新填写', 'variables.i.title contains a NUL character (U+0000) or an unpaired surrogate, which no text in Linju may hold', { code: 'BAD_USER_INPUT', field: 'variables.i.title', rule: 'malformed' }],
  ['an unpaired surrogate in the joint office’s search', `query ($f: RecordFilter) { alliances(filter: $f) { totalCount } }`, { f: { search: '联\ud800盟' } }, 'viewer', '名称包含：含有无法保存的字符（空字符 U+0000 或不成对的代理项），请删除后重新填写', 'variables.f.search contains a NUL character (U+0000) or an unpaired surrogate, which no text in Linju may hold', { field: 'variables.f.search', rule: 'malformed' }],
  ['a NUL in a variable no description names', `query ($id: ID!) { alliance(id: $id) { name } }`, { id: 'joint:Alliance:\u0000' }, 'viewer', '所填的文字：含有无法保存的字符（空字符 U+0000 或不成对的代理项），请删除后重新填写', 'variables.id contains a NUL character (U+0000) or an unpaired surrogate, which no text in Linju may hold', { field: 'variables.id', rule: 'malformed' }],
  // 2: what was sent, quoted short and escaped.
  ['a 20 000-character date', RECORD, { i: { ...ACTIVITY, heldOn: '2'.repeat(20_000) } }, 'sichuan-operator', `举办日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“${'2'.repeat(40)}…”）`, `variables.i.heldOn must be written YYYY-MM-DD; got "${'2'.repeat(40)}…"`, { rule: 'malformed' }],
  ['a date with a right-to-left override and a zero-width space', RECORD, { i: { ...ACTIVITY, heldOn: '2024-01-0\u202e1\u200b' } }, 'sichuan-operator', '举办日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“2024-01-0\\u202E1\\u200B”）', /^variables\.i\.heldOn must be written YYYY-MM-DD; got "2024-01-0\\u202E1\\u200B"$/, { rule: 'malformed' }],
  ['a write’s ID with hidden characters', RECORD, { i: { ...ACTIVITY, organizerId: 'sichuan:Organization:\u202emoxi\u200b' } }, 'sichuan-operator', '主办组织“sichuan:Organization:\\u202Emoxi\\u200B”不是邻聚 ID', 'organizerId "sichuan:Organization:\\u202Emoxi\\u200B" is not a Linju ID such as sichuan:Organization:…', { field: 'organizerId', rule: 'malformed-id' }],
  ['a filter’s ID of 100 overrides', `query ($r: ID) { sichuan { activities(filter: { regionId: $r }, first: 1) { totalCount } } }`, { r: 'x\u202e'.repeat(50) }, 'viewer', `行政区划“${'x\\u202E'.repeat(20)}…”不是邻聚 ID`, /^filter\.regionId "(x\\u202E){20}…" is not a Linju ID .* such as sichuan:Region:…$/, { field: 'filter.regionId', rule: 'malformed-id' }],
  // 3: each English half a sentence led by the field.
  ['a negative version', CLOSE, { v: -1 }, 'joint-operator', '读到的版本不能为负数（收到 -1）', 'version must not be negative; got -1', { field: 'version', rule: 'negative' }],
  ['a long idempotency key', CLOSE, { v: 1, k: 'k'.repeat(201) }, 'joint-operator', '幂等键超过 200 个字符', 'idempotencyKey is longer than 200 characters', { field: 'idempotencyKey', rule: 'too-long' }],
  ['an absurd target', TARGET, { input: { ...JOINT_2026, value: 1e12 } }, 'joint-operator', '目标值 1000000000000 超过 1000000000，不可能正确，请检查单位', 'value (1000000000000) is more than 1000000000, which cannot be right', { field: 'value', rule: 'too-large' }],
  ['an unknown jurisdiction', TARGET, { input: { ...JOINT_2026, jurisdiction: 'guang\u202edong' } }, 'joint-operator', /^辖区标识“guang\\u202Edong”不是辖区，可选：/, 'jurisdiction "guang\\u202Edong" is not a jurisdiction; leave it out (null) for the joint total', { field: 'jurisdiction', rule: 'unknown-kind' }],
  ['a period that ends before it starts', TARGET, { input: { ...JOINT_2026, from: '2026-12-31', to: '2026-01-01' } }, 'joint-operator', /早于起始日期 2026-12-31$/, 'to (2026-01-01) is before from (2026-12-31): the last day may not precede the first', { field: 'to', rule: 'period' }],
  ['a fraction of sessions', TARGET, { input: { ...JOINT_2026, value: 0.5 } }, 'joint-operator', '目标值须为整数：联合座谈交流以“场次”计（收到 0.5）', /^value must be a whole number \(0\.5 given\): .+ is counted in whole sessions$/, { field: 'value', rule: 'malformed' }],
  ['NAME on a list without names', `{ sichuan { serviceCases(orderBy: NAME) { totalCount } } }`, {}, 'viewer', '排序方式：此列表的记录没有名称，不能按名称排序，可用：NEWEST、OLDEST', 'orderBy cannot be NAME: ServiceCase records have no name to order by', { field: 'orderBy', rule: 'not-applicable' }],
  ['an audit log of an empty subject', `{ sichuan { auditLog(first: 1, subject: "") { totalCount } } }`, {}, 'sichuan-operator', '调用者须为 1 至 200 个字符', 'subject must be 1 to 200 characters', { field: 'subject', rule: 'required' }],
  ['the archive’s forged cursor, said as every list says it', `{ sichuan { withdrawnRecords(first: 1, after: "x") { pageInfo { endCursor } } } }`, {}, 'sichuan-operator', '翻页位置不是本列表给出的，请从第一页重新读取', 'after is not a cursor returned by this list', { field: 'after', rule: 'malformed' }],
  // 4: an alliance's example is the joint office's.
  ['a malformed allianceId of a write', RECORD, { i: { ...ACTIVITY, allianceId: 'bad id' } }, 'sichuan-operator', '所属联盟“bad id”不是邻聚 ID', 'allianceId "bad id" is not a Linju ID such as joint:Alliance:…', { field: 'allianceId', rule: 'malformed-id' }],
  ['a malformed allianceId of a read', `{ sichuan { figures(allianceId: "bad id") { jointSeminarSessions } } }`, {}, 'viewer', '所属联盟“bad id”不是邻聚 ID', /^allianceId "bad id" is not a Linju ID .* such as joint:Alliance:…$/, { field: 'allianceId', rule: 'malformed-id' }],
  // 5: FORBIDDEN names the role.
  ['the joint audit log read by a side’s operator', `{ auditLog(first: 1) { totalCount } }`, {}, 'sichuan-operator', '只有遂潼联合办公室的操作员能查看其审计日志', /^Only joint-operators may read/, { code: 'FORBIDDEN', role: 'sichuan-operator' }],
  ['a side’s audit log read by the other side', `{ sichuan { auditLog(first: 1) { totalCount } } }`, {}, 'chongqing-operator', '只有四川省的操作员能查看其审计日志', /^Only sichuan-operators may read/, { code: 'FORBIDDEN', role: 'chongqing-operator' }],
  ['the audit chain verified by a viewer', `{ auditChain { __typename } }`, {}, 'viewer', '只有遂潼联合办公室的操作员能查看其审计日志', /^Only joint-operators may read/, { code: 'FORBIDDEN', role: 'viewer' }],
  // 6: a query repeating one field a thousand times: refused by a limit that says which.
  ['a thousand repeated fields', `{ jurisdictions { ${Array.from({ length: 1000 }, () => 'name').join(' ')} } }`, {}, 'anonymous', /^查询重复选择的字段过多：同一位置的同名字段重复了 999 次，至多 100 次/, /limit of repeated fields is 100/, { code: 'TOO_MANY_REPEATED_FIELDS', limit: 100, value: 999 }],
];

describe('refusals name the field and quote what was sent, short and escaped', () => {
  test.each(CASES)('%s', async (what, document, variables, as, zh, en, extensions) => {
    const response: Response = await federation.query(document, variables, { as });
    const shown = `${what}: ${JSON.stringify(response).slice(0, 600)}`;
    const error = response.errors?.[0];
    expect(error?.extensions, shown).toMatchObject(extensions);
    const cut = error!.message.indexOf(' / ');
    const [chinese, english] = [error!.message.slice(0, cut), error!.message.slice(cut + 3)];
    if (typeof zh === 'string') expect(chinese, shown).toBe(zh);
    else expect(chinese, shown).toMatch(zh);
    if (typeof en === 'string') expect(english, shown).toBe(en);
    else expect(english, shown).toMatch(en);
    expect(chinese, shown).not.toMatch(/variables\.|[a-z]+:[A-Z][A-Za-z]*:[a-z]/);
    expect(JSON.stringify(response.errors), shown).not.toMatch(HIDDEN);
    // However long the value, the answer stays short.
    expect(JSON.stringify(response).length, shown).toBeLessThan(1_000);
  });
});

describe("graphql-js's refusals of a variable quote it as Linju's do, and stop at 10 errors", () => {
  test('a 20 000-character value with a right-to-left override, of the wrong type: quoted 40 characters, escaped, the reason kept', async () => {
    const response: Response = await federation.query(`query ($first: Int) { sichuan { activities(first: $first) { totalCount } } }`, { first: `\u202e${'x'.repeat(20_000)}` }, { as: 'viewer' });
    const shown = JSON.stringify(response).slice(0, 600);
    expect(response.errors, shown).toHaveLength(1);
    expect(response.errors![0]!.message, shown).toBe(`输入的值不符合接口的定义 / Variable "$first" got invalid value "\\u202E${'x'.repeat(39)}…"; Int cannot represent non-integer value: "\\u202E${'x'.repeat(39)}…"`);
    expect(JSON.stringify(response.errors), shown).not.toMatch(HIDDEN);
  });

  test('an input of 3 000 fields the type has not: 10 errors and Linju\'s last, each short, HTTP 400 (it was 3 003 errors, each quoting the whole input: 111 MB)', async () => {
    const input: Record<string, unknown> = { ...ACTIVITY };
    for (let i = 0; i < 3_000; i += 1) input[`k${i}`] = i;
    const http = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await federation.token('sichuan-operator')}` },
      body: JSON.stringify({ query: RECORD, variables: { i: input } }),
    });
    const text = await http.text();
    expect(http.status, text.slice(0, 300)).toBe(400);
    expect(text.length, text.slice(0, 300)).toBeLessThan(10_000);
    const { errors } = JSON.parse(text) as Response;
    expect(errors).toHaveLength(11);
    expect(errors!.every((error) => error.extensions?.['code'] === 'BAD_USER_INPUT' && error.message.length <= 600)).toBe(true);
    expect(errors![0]!.message).toMatch(/^输入的值不符合接口的定义 \/ Variable "\$i" got invalid value \{ kind: "政策宣讲", .* … .*; Field "k0" is not defined by type "ActivityInput"\.$/);
    expect(errors![10]).toMatchObject({ message: '变量中的错误过多，仅列出前 10 项，请逐项改正后重新提交 / The variables hold more than 10 errors; the first 10 are listed', extensions: { code: 'BAD_USER_INPUT', limit: 10 } });
  });
});

describe('a subgraph reached directly', () => {
  test.each(['sichuan', 'chongqing', 'joint'])('%s refuses in Chinese too, saying what to do', async (name) => {
    const response = await fetch(federation.subgraphs[name]!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(401);
    const [error] = ((await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors;
    expect(error!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'missing' });
    expect(error!.message).toBe('本服务拒绝了该请求：请求没有邻聚网关签发的调用方声明。各辖区的子服务只应答邻聚网关，请通过网关的 /graphql 发送请求 / Refused: no caller statement from the gateway. Subgraphs answer only the Linju gateway.');
  });
});
