import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '@linju/gateway';
import { tinyGatewayAuth, tinySupergraph } from '@linju/testing';

let fakeSubgraph: Server;
let fakeSubgraphUrl: string;
let supergraphSdl: string;

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

beforeAll(async () => {
  supergraphSdl = await tinySupergraph();
  // Stands in for subgraph `alpha` at a URL the supergraph does not know.
  fakeSubgraph = createServer(async (request, response) => {
    await readBody(request);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ data: { alpha: 'from the override' } }));
  });
  await new Promise<void>((resolve) => fakeSubgraph.listen(0, '127.0.0.1', resolve));
  fakeSubgraphUrl = `http://127.0.0.1:${(fakeSubgraph.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => fakeSubgraph?.close(resolve));
});

describe('startGateway', () => {

  it('calls a subgraph at the URL it is given and reports the call', async () => {
    const calls: Array<{ name: string; query?: string }> = [];
    const gateway = await startGateway({
      supergraphSdl,
      subgraphUrls: { alpha: fakeSubgraphUrl },
      ...tinyGatewayAuth,
      onSubgraphRequest: (name, request) => calls.push({ name, query: request.query }),
    });
    try {
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ alpha }' }),
      });
      expect(await response.json()).toEqual({ data: { alpha: 'from the override' } });
      expect(calls.map((call) => call.name)).toEqual(['alpha']);
      expect(calls[0]?.query).toContain('alpha');
    } finally {
      await gateway.stop();
    }
  });

  it('does not serve Apollo\'s CDN landing page on /graphql', async () => {
    const gateway = await startGateway({ supergraphSdl, subgraphUrls: {}, ...tinyGatewayAuth });
    try {
      const response = await fetch(gateway.url, { headers: { accept: 'text/html' } });
      expect(await response.text()).not.toMatch(/apollographql\.com|embeddable-sandbox|apollo-server-landing-page/);
    } finally {
      await gateway.stop();
    }
  });

  it('refuses a URL for a subgraph the supergraph does not have', async () => {
    await expect(startGateway({ supergraphSdl, subgraphUrls: { gamma: fakeSubgraphUrl }, ...tinyGatewayAuth })).rejects.toThrow(/gamma/);
  });

  it('releases its port on stop', async () => {
    const gateway = await startGateway({ supergraphSdl, subgraphUrls: {}, ...tinyGatewayAuth });
    await gateway.stop();
    await expect(fetch(gateway.url)).rejects.toThrow();
  });
});
