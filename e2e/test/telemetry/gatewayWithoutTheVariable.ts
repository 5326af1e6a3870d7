// A gateway started in a process whose environment does not turn Apollo's telemetry off, as an
// operator's shell might: it must turn it off itself before @apollo/gateway loads.
delete process.env.APOLLO_TELEMETRY_DISABLED;
const { startGateway } = await import('@linju/gateway');
const { tinyGatewayAuth, tinySupergraph } = await import('@linju/testing');

const gateway = await startGateway({ supergraphSdl: await tinySupergraph(), subgraphUrls: {}, ...tinyGatewayAuth });
await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
// Apollo's reporter and probes start within moments of the gateway's construction.
await new Promise((resolve) => setTimeout(resolve, 3000));
await gateway.stop();
process.stdout.write(`telemetry variable: ${process.env.APOLLO_TELEMETRY_DISABLED}\n`);
