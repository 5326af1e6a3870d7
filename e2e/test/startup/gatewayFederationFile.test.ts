import { expect, test } from 'vitest';
import { ServiceProcess } from '@linju/testing';

/**
 * The gateway reads the membership file (`LINJU_FEDERATION_FILE`) as its modules load, before any
 * logger: one that cannot be used is one line naming the variable, exit code 1, as a subgraph's
 * (subgraphStartup.test.ts), never a stack trace. Run through tsx here; the bundle's entry is the
 * same module (deploy/test/operationsTools.test.ts runs the tools' bundles so).
 */
test('a membership file that cannot be read stops the gateway with one line naming LINJU_FEDERATION_FILE', async () => {
  const service = ServiceProcess.launch('gateway', 'gateway/src/index.ts', { PORT: '0', LINJU_FEDERATION_FILE: '/nonexistent/federation.json' });
  const exit = await Promise.race([service.finished, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the gateway still runs:\n${service.output.join('\n')}`)), 60_000))]).finally(() => service.stop(1000));
  const lines = service.output.filter((line) => line.trim() !== '');
  expect(exit.code, lines.join('\n')).toBe(1);
  expect(lines).toEqual([expect.stringMatching(/^LINJU_FEDERATION_FILE: \/nonexistent\/federation\.json: cannot be read as JSON \(ENOENT/)]);
}, 90_000);
