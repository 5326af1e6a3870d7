import type { AddressInfo, Server } from 'node:net';
import { ConfigError } from './ConfigError.ts';

/** Where a server listens, and the settings that chose it (named when the address cannot be had). */
export interface ListenAddress {
  port: number;
  host: string;
  /** The variable that set the port, e.g. `PORT` or `SICHUAN_PORT`. */
  portVariable: string;
  /** The variable that set the interface, when one did (`HOST`, `LINJU_HOST`); a fixed 127.0.0.1 has none. */
  hostVariable?: string;
}

/**
 * Starts listening. An address that cannot be had is the operator's to fix, so it fails as a
 * {@link ConfigError} naming the variable: a port another process holds (EADDRINUSE), one this
 * process may not take (EACCES), an interface this machine does not have (EADDRNOTAVAIL), a host
 * name that does not resolve (ENOTFOUND, EAI_AGAIN). Any other failure is passed on as it is.
 */
export function listenOn(server: Server, address: ListenAddress): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(unavailable(error, address));
    server.once('error', failed);
    server.listen(address.port, address.host, () => {
      server.off('error', failed);
      resolve(server.address() as AddressInfo);
    });
  });
}

function unavailable(error: NodeJS.ErrnoException, { port, host, portVariable, hostVariable }: ListenAddress): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ConfigError(portVariable, `${portVariable}=${port}: port ${port} on ${host} is already in use by another process; stop that process or set another ${portVariable}`);
    case 'EACCES':
      return new ConfigError(portVariable, `${portVariable}=${port}: this process may not listen on port ${port} (ports below 1024 need privileges); set ${portVariable} to a port from 1024 up`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(hostVariable ?? portVariable, `${hostVariable ? `${hostVariable}=${host}` : host}: no interface of this machine has the address ${host}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      // A host name the resolver does not know (or could not ask about): the address to bind is the operator's to give.
      return new ConfigError(
        hostVariable ?? portVariable,
        `${hostVariable ? `${hostVariable}=${host}` : host}: the name ${host} does not resolve (${error.code}); give the IP address of an interface of this machine (127.0.0.1, or its address on the network it serves)`,
      );
    default:
      return error;
  }
}
