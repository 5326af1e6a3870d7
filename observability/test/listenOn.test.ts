import { createServer } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { ConfigError, listenOn } from '../src/index.ts';

/**
 * listenOn: an address that cannot be had is a ConfigError naming the variable (one line, no stack,
 * at every process's start). A host name that does not resolve is one of them: `HOST=gw1.internal`
 * on a host whose resolver does not know it failed with getaddrinfo's stack trace.
 */

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
const server = () => {
  const created = createServer();
  servers.push(created);
  return created;
};

test('a port another process holds: a ConfigError naming the port variable', async () => {
  const { port } = await listenOn(server(), { port: 0, host: '127.0.0.1', portVariable: 'PORT', hostVariable: 'HOST' });
  const refusal = listenOn(server(), { port, host: '127.0.0.1', portVariable: 'PORT', hostVariable: 'HOST' });
  await expect(refusal).rejects.toBeInstanceOf(ConfigError);
  await expect(refusal).rejects.toMatchObject({ variable: 'PORT', message: `PORT=${port}: port ${port} on 127.0.0.1 is already in use by another process; stop that process or set another PORT` });
});

test.each(['ENOTFOUND', 'EAI_AGAIN'])('a host name the resolver answers %s for: a ConfigError naming the host variable', async (code) => {
  // The lookup's failure as net.Server reports it (an 'error' event), emitted here: a name that does not
  // resolve would be asked of the resolver off this machine. `localhost` (from /etc/hosts) is what it looks up meanwhile.
  const listening = server();
  const refusal = listenOn(listening, { port: 0, host: 'localhost', portVariable: 'PORT', hostVariable: 'HOST' });
  listening.emit('error', Object.assign(new Error(`getaddrinfo ${code} localhost`), { code, syscall: 'getaddrinfo', hostname: 'localhost' }));
  await expect(refusal).rejects.toBeInstanceOf(ConfigError);
  await expect(refusal).rejects.toMatchObject({
    variable: 'HOST',
    message: `HOST=localhost: the name localhost does not resolve (${code}); give the IP address of an interface of this machine (127.0.0.1, or its address on the network it serves)`,
  });
});
