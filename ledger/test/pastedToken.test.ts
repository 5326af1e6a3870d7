import { createServer, type IncomingHttpHeaders } from 'node:http';
import { expect, test } from 'vitest';
import { pastedToken, post } from '../src/gatewayClient.ts';
import { ledgerOperations } from '../src/ledgerOperations.ts';

/**
 * A token copied from a wrapped terminal or a mail carries line breaks or spaces, or a `Bearer `
 * prefix: the ledger sends the token itself. A line break left in made the header invalid, and the
 * clerk was told the gateway could not be reached (QA, the joint office).
 */
test('whitespace and a pasted Bearer prefix are dropped from a token', () => {
  expect(pastedToken('eyJhbGciOiJFUzI1NiJ9.eyJzdWIi\nOiJ4In0.c2ln\n')).toBe('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln');
  expect(pastedToken('  Bearer abc.def  .ghi ')).toBe('abc.def.ghi');
  expect(pastedToken('abc')).toBe('abc');
});

test('a wrapped token reaches the gateway whole, as one header', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ data: {} }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const gatewayUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
    const { document } = ledgerOperations()[0]!;
    await post({ gatewayUrl, token: 'abc.def\r\n.ghi\n' }, document, {});
    expect(seen.map((headers) => headers.authorization)).toEqual(['Bearer abc.def.ghi']);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
