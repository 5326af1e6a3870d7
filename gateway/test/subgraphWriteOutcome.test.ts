import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, parse } from 'graphql';
import { afterEach, expect, test } from 'vitest';
import { SubgraphDataSource } from '../src/SubgraphDataSource.ts';
import { SubgraphFetchError } from '../src/resilience/SubgraphFetchError.ts';
import { subgraphFailure } from '../src/resilience/subgraphFailure.ts';
import { createSubgraphFetcher } from '../src/resilience/subgraphFetcher.ts';

// A write the gateway got no answer to is told as what the gateway knows of it (docs/api.md#error-codes):
// not written when the request never reached the subgraph, unknown once it may have. Real sockets
// stand in for a subgraph refused, cut off, stopped (kill -STOP: it reads nothing, answers nothing,
// and commits once continued) and for one whose connections are all busy.

const MUTATION = JSON.stringify({ query: 'mutation { sichuanRecordActivity(input: {}) { id } }' });
const NOT_WRITTEN = /^四川省的数据暂不可用，本次写入未送达，未写入，请稍后再试 \/ 四川省 \(Sichuan Province\) is unavailable: .*\. The write did not reach it, so nothing was written/;
const UNKNOWN_ZH = '本次写入结果不明（可能已写入，或稍后写入），请稍后再试；重新提交请用原幂等键，未带幂等键的请先核对记录，确认未写入后再录入';
const UNKNOWN_EN = 'Whether the write was made is unknown: it may have been, or may still be. Send it again with the same idempotency key, which makes it once; without a key, check the records before entering it again';

const servers: Server[] = [];
const fetchers: { close(): void }[] = [];
afterEach(async () => {
  for (const fetcher of fetchers.splice(0)) fetcher.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => { server.closeAllConnections(); server.close(done); })));
});

/** A server on a free port of 127.0.0.1 that hands each request's body to `handle`, and its URL. */
async function serve(handle: (body: string, request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(Buffer.concat(chunks).toString(), request, response));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** What the gateway's fetcher fails with, sending a mutation to `url`. */
async function failureOf(url: string, timeoutMs = 2000, maxSockets?: number): Promise<SubgraphFetchError> {
  const fetcher = createSubgraphFetcher({ timeoutMs, ...(maxSockets && { maxSockets }) });
  fetchers.push(fetcher);
  const error = await fetcher.fetch(url, { method: 'POST', body: MUTATION, headers: { 'content-type': 'application/json' } }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SubgraphFetchError);
  return error as SubgraphFetchError;
}

test('refused before sending: the write was not made, and a read still says its parts are null', async () => {
  const closed = await serve(() => {});
  await new Promise((done) => servers.pop()!.close(done));
  const refused = await failureOf(closed);
  expect(refused.reachedSubgraph).toBe(false);
  const write = subgraphFailure('sichuan', refused, 1, ['sichuanRecordActivity'], true);
  expect(write.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' });
  expect(write.message).toMatch(NOT_WRITTEN);
  expect(write.message).toContain('could not connect to its subgraph "sichuan"');
  const read = subgraphFailure('sichuan', refused, 2, ['sichuan']);
  expect(read.message).toMatch(/^四川省的数据暂不可用，本次回答中其部分为空，请稍后再试 \/ .* after 2 attempts\. Its parts of this answer are null$/);
  expect(read.extensions['writeOutcome']).toBeUndefined();
});

test('cut off after the write was sent: its outcome is unknown, resend with the same key', async () => {
  const received: string[] = [];
  const url = await serve((body, request) => {
    received.push(body);
    request.socket.destroy();
  });
  const cut = await failureOf(url);
  expect(received).toEqual([MUTATION]);
  expect(cut.reachedSubgraph).toBe(true);
  const write = subgraphFailure('sichuan', cut, 1, ['sichuanRecordActivity'], true);
  expect(write.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', writeOutcome: 'unknown' });
  expect(write.message).toBe(`四川省的数据暂不可用，${UNKNOWN_ZH} / 四川省 (Sichuan Province) is unavailable: the gateway lost the connection to its subgraph "sichuan". ${UNKNOWN_EN}`);
});

test('a 5xx or a non-GraphQL answer after the write was sent: unknown too (a proxy in front may have passed it on)', () => {
  const status = new GraphQLError('503: Service Unavailable', { extensions: { response: { status: 503 } } });
  for (const [error, why] of [[status, 'answered HTTP 503'], [new Error('Unexpected token <'), 'did not answer with GraphQL']] as const) {
    const write = subgraphFailure('joint', error, 1, ['createAlliance'], true);
    expect(write.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'joint', writeOutcome: 'unknown' });
    expect(write.message).toMatch(new RegExp(`^遂潼联合办公室的数据暂不可用，本次写入结果不明.* / .*its subgraph "joint" ${why}\\. Whether the write was made is unknown`));
  }
});

test('a subgraph that reads nothing and answers nothing (stopped): SUBGRAPH_TIMEOUT, the write may still be made', async () => {
  const received: string[] = [];
  // Like kill -STOP: the connection is accepted (the kernel does that), the request waits in it, and is acted on later.
  const url = await serve((body) => received.push(body));
  const timedOut = await failureOf(url, 300);
  expect(timedOut).toMatchObject({ failure: 'timeout', reachedSubgraph: true });
  expect(received).toEqual([MUTATION]);
  const write = subgraphFailure('sichuan', timedOut, 1, ['sichuanRecordActivity'], true);
  expect(write.extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'sichuan', jurisdiction: '四川省', timeoutMs: 300, writeOutcome: 'unknown' });
  expect(write.message).toBe(`四川省未能及时答复，${UNKNOWN_ZH} / 四川省 (Sichuan Province) did not answer in time: its subgraph "sichuan" gave no answer within 300 ms. ${UNKNOWN_EN}`);
  expect(write.message).not.toContain('部分为空');
  // A read's timeout is said as before.
  expect(subgraphFailure('sichuan', timedOut, 1, ['sichuan']).message).toMatch(/^四川省的数据未能及时返回，本次回答中其部分为空 \/ .*Its parts of this answer are null$/);
});

test('no connection free before the timeout: the write never left the gateway, so it was not made', async () => {
  const received: string[] = [];
  const url = await serve((body) => received.push(body));
  const fetcher = createSubgraphFetcher({ timeoutMs: 300, maxSockets: 1 });
  fetchers.push(fetcher);
  const send = () => fetcher.fetch(url, { method: 'POST', body: MUTATION, headers: { 'content-type': 'application/json' } }).then(() => undefined, (e: unknown) => e as SubgraphFetchError);
  const [first, second] = await Promise.all([send(), send()]);
  expect(first).toMatchObject({ failure: 'timeout', reachedSubgraph: true });
  // The first held the only connection until its timeout: the second waited for it, unsent.
  expect(second).toMatchObject({ failure: 'timeout', reachedSubgraph: false });
  expect(received).toEqual([MUTATION]);
  const write = subgraphFailure('sichuan', second, 1, ['sichuanRecordActivity'], true);
  expect(write.extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', writeOutcome: 'not-written' });
  expect(write.message).toMatch(/^四川省未能及时连接，本次写入未送达，未写入，请稍后再试 \/ 四川省 \(Sichuan Province\) could not be reached in time: .* within 300 ms\. The write did not reach it, so nothing was written/);
});

test('a subgraph holding another secret refuses the write before doing anything: not written, and said so; a read as before', async () => {
  // What a subgraph answers a statement its secret does not verify (startSubgraphServer).
  const refusal = JSON.stringify({ errors: [{ message: '本服务拒绝了该请求：… / Refused: …', extensions: { code: 'UNAUTHENTICATED', reason: 'signature' } }] });
  const received: string[] = [];
  const url = await serve((body, _request, response) => {
    received.push(body);
    response.writeHead(401, { 'content-type': 'application/json' }).end(refusal);
  });
  const mismatches: string[] = [];
  const source = new SubgraphDataSource('sichuan', url, 'the-gateway-s-secret-for-sichuan-0123456789', undefined, { retry: { retries: 1, backoffMs: 1 }, onSecretMismatch: (name) => mismatches.push(name) });
  const send = (query: string) =>
    source
      // Apollo's GraphQLDataSourceRequestKind.INCOMING_OPERATION (a const enum it does not export as a value).
      .process({ kind: 'incoming operation' as never, request: { query }, context: {}, document: parse(query), incomingRequestContext: { overallCachePolicy: {} } as never, pathInIncomingRequest: [] })
      .then(() => undefined, (error: unknown) => error as GraphQLError);
  const write = (await send('mutation { sichuanRecordActivity(input: {}) { id } }'))!;
  expect(received).toHaveLength(1);
  expect(mismatches).toEqual(['sichuan']);
  expect(write.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'secret-mismatch', subgraph: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' });
  expect(write.path).toEqual(['sichuanRecordActivity']);
  expect(write.message).toBe(
    '四川省的数据暂不可用：其子图与网关的密钥不一致，请管理员核对配置；子图在执行前拒绝了本次写入，未写入，请在配置改正后再提交 / The sichuan subgraph is unavailable: it and the gateway do not hold the same secret (SICHUAN_GATEWAY_SECRET); an operator must set the same value on both. It refused the write before doing anything, so nothing was written: send it again once they agree',
  );
  // A read's error says nothing of a write, and is not retried (the same secret would be refused again).
  const read = (await send('{ sichuan { name } }'))!;
  expect(received).toHaveLength(2);
  expect(read.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'secret-mismatch', subgraph: 'sichuan' });
  expect(read.extensions['writeOutcome']).toBeUndefined();
  expect(read.message).toBe('四川省的数据暂不可用：其子图与网关的密钥不一致，请管理员核对配置 / The sichuan subgraph is unavailable: it and the gateway do not hold the same secret (SICHUAN_GATEWAY_SECRET); an operator must set the same value on both');
});

test('a subgraph refusing the request for another reason (a statement expired by a clock ahead, replayed): its own words, and a write not made', async () => {
  // What a subgraph answers a statement it verifies but does not accept (startSubgraphServer): 401, its reason.
  const refusal = JSON.stringify({ errors: [{ message: '本服务拒绝了该请求：调用方声明已过期 / Refused: the caller statement has expired', extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } }] });
  const url = await serve((_body, _request, response) => response.writeHead(401, { 'content-type': 'application/json' }).end(refusal));
  const source = new SubgraphDataSource('sichuan', url, 'the-gateway-s-secret-for-sichuan-0123456789', undefined, { retry: { retries: 1, backoffMs: 1 } });
  const send = (query: string) =>
    source
      .process({ kind: 'incoming operation' as never, request: { query }, context: {}, document: parse(query), incomingRequestContext: { overallCachePolicy: {} } as never, pathInIncomingRequest: [] })
      .then(() => undefined, (error: unknown) => error as GraphQLError);
  const write = (await send('mutation { sichuanRecordActivity(input: {}) { id } }'))!;
  expect(write.message).toBe('本服务拒绝了该请求：调用方声明已过期 / Refused: the caller statement has expired');
  expect(write.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'expired', subgraph: 'sichuan', jurisdiction: '四川省', writeOutcome: 'not-written' });
  const read = (await send('{ sichuan { name } }'))!;
  expect(read.message).toBe('本服务拒绝了该请求：调用方声明已过期 / Refused: the caller statement has expired');
  expect(read.extensions['writeOutcome']).toBeUndefined();
});

test('a 4xx with no GraphQL error (a proxy before the subgraph refusing it): said as unavailable, not in Apollo\'s words, and a write not made', async () => {
  const url = await serve((_body, _request, response) => response.writeHead(429, { 'content-type': 'text/plain' }).end('Too Many Requests'));
  const source = new SubgraphDataSource('joint', url, 'the-gateway-s-secret-for-joint-0123456789ab', undefined, { retry: { retries: 0, backoffMs: 1 } });
  const query = 'mutation { createAlliance(input: {}) { id } }';
  const write = (await source
    .process({ kind: 'incoming operation' as never, request: { query }, context: {}, document: parse(query), incomingRequestContext: { overallCachePolicy: {} } as never, pathInIncomingRequest: [] })
    .then(() => undefined, (error: unknown) => error as GraphQLError))!;
  expect(write.message).not.toContain('429: Too Many Requests');
  expect(write.message).toMatch(/^遂潼联合办公室的数据暂不可用，本次写入未送达，未写入/);
  expect(write.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'joint', status: 429, writeOutcome: 'not-written' });
});
