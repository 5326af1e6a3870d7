import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BODY_REFUSALS, jsonErrorHandler } from '@linju/observability';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBody } from '../../src/limits/requestBody.ts';

type Answer = { status: number; errors: Array<{ message: string; extensions: { code: string } }> };

/** POSTs raw bytes (no fetch: it would not send a body that is not what its headers say). */
function post(port: number, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/', headers: { 'content-length': String(body.length), ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, errors: JSON.parse(text).errors }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const LIMIT = 1_000;
// The gateway's reader, and a subgraph's (express.json, then its last handler jsonErrorHandler).
const readers = {
  gateway: () => requestBody(LIMIT),
  subgraph: () => [express.json({ limit: LIMIT }), jsonErrorHandler(() => {})],
};

describe.each(Object.keys(readers) as Array<keyof typeof readers>)("the %s refuses a body it cannot read in Linju's words", (name) => {
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let port = 0;
  beforeAll(async () => {
    const app = express();
    app.post('/', ...readers[name](), (_request: express.Request, response: express.Response) => void response.json({ ok: true }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('a corrupt gzip stream could not be read: not said to be an unsupported encoding', async () => {
    const { status, errors } = await post(port, Buffer.from('not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(status).toBe(400);
    expect(errors).toEqual([{ message: BODY_REFUSALS.unreadable, extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('malformed JSON, an unsupported charset and an unsupported encoding keep their words', async () => {
    const malformed = await post(port, Buffer.from('{bad'), { 'content-type': 'application/json' });
    expect([malformed.status, malformed.errors[0]!.message]).toEqual([400, BODY_REFUSALS.notJson]);
    const charset = await post(port, Buffer.from('{}'), { 'content-type': 'application/json; charset=latin1' });
    expect([charset.status, charset.errors[0]!.message]).toEqual([415, BODY_REFUSALS.encoding]);
    const encoding = await post(port, Buffer.from('{}'), { 'content-type': 'application/json', 'content-encoding': 'compress' });
    expect([encoding.status, encoding.errors[0]!.message]).toEqual([415, BODY_REFUSALS.encoding]);
  });

  it('a body too large is PAYLOAD_TOO_LARGE (the gateway with its limit in figures)', async () => {
    const { status, errors } = await post(port, Buffer.from(JSON.stringify({ query: 'x'.repeat(2 * LIMIT) })), { 'content-type': 'application/json' });
    expect(status).toBe(413);
    expect(errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(errors[0]!.message).toEqual(name === 'gateway' ? expect.stringContaining(`至多 ${LIMIT} 字节`) : BODY_REFUSALS.tooLarge);
  });
});
