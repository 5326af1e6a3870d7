import { createServer } from 'node:net';

/** Ports this process has handed out: the system may offer a port again until somebody binds it. */
const handedOut = new Set<number>();

function systemPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A port of 127.0.0.1 nobody listens on right now, as the system picks one for port 0, and never
 * one this process handed out before: two callers that each ask before either binds (a test that
 * starts a subgraph process beside an in-process federation) get different ports. It is free when
 * asked, not reserved: whoever binds it next should do so soon.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await systemPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
