import { expect, test } from 'vitest';
import { ServiceProcess } from '@linju/testing';

/**
 * The gateway and the documents server read the membership file (`LINJU_FEDERATION_FILE`) as their
 * modules load (`@linju/contract`), before any logger: one that cannot be used is one line naming the
 * variable, exit code 1, as a subgraph's (subgraphStartup.test.ts), never a stack trace. Run through
 * tsx here; the gateway's bundle's entry is the same module (deploy/test/operationsTools.test.ts runs
 * the tools' bundles so).
 */
test.each([
  ['gateway', 'gateway/src/index.ts', { PORT: '0' }],
  ['documents', 'ledger/src/server/index.ts', { LINJU_DOCUMENTS_PORT: '0' }],
])('a membership file that cannot be read stops the %s with one line naming LINJU_FEDERATION_FILE', async (name, entry, port) => {
  const service = ServiceProcess.launch(name, entry, { ...port, LINJU_FEDERATION_FILE: '/nonexistent/federation.json' });
  const exit = await Promise.race([service.finished, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the ${name} still runs:\n${service.output.join('\n')}`)), 60_000))]).finally(() => service.stop(1000));
  const lines = service.output.filter((line) => line.trim() !== '');
  expect(exit.code, lines.join('\n')).toBe(1);
  expect(lines).toEqual([expect.stringMatching(/^LINJU_FEDERATION_FILE: \/nonexistent\/federation\.json: cannot be read as JSON \(ENOENT/)]);
}, 90_000);
