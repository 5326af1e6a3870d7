import { createServer } from 'node:net';

/**
 * A port of 127.0.0.1 nobody listens on right now, as the system picks one for port 0. It is free
 * when asked, not reserved: whoever binds it next should do so soon.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
