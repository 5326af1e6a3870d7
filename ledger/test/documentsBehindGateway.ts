import { mintDevToken } from '@linju/gateway/devKeys';
import { createLogger } from '@linju/observability';
import { freePort, startFederation, type Federation, type FederationOptions } from '@linju/testing';
import { startDocumentsServer, type RunningDocumentsServer } from '../src/server/documentsServer.ts';

/** The documents server as the dashboard reaches it, and a 安居区 (510904) operator's token. */
export interface DocumentsBehindGateway {
  federation: Federation;
  documents: RunningDocumentsServer;
  /** The gateway's origin, where `/documents/` is. */
  origin: string;
  token: string;
  /** A request to the gateway's origin, as the operator (`as`: another token; null: none). */
  call(path: string, init?: RequestInit & { as?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * A real federation whose gateway passes `/documents/` (LINJU_DOCUMENTS_URL) to a documents server
 * that reads and writes through that same gateway with the caller's token, over real stores.
 */
export async function startDocumentsBehindGateway(options: Pick<FederationOptions, 'registeredOperations'> = {}): Promise<DocumentsBehindGateway> {
  const port = await freePort();
  const federation = await startFederation({ ...options, documentsUrl: `http://127.0.0.1:${port}` });
  const documents = await startDocumentsServer({ port, gatewayUrl: federation.gatewayUrl, logger: createLogger('documents', { level: 'warn' }) });
  const origin = new URL(federation.gatewayUrl).origin;
  const token = await mintDevToken(federation.devKeys, 'sichuan-operator', 'anju-district', '1h', { name: '陈刚', region: '510904' });
  return {
    federation,
    documents,
    origin,
    token,
    call: (path, init = {}) =>
      fetch(`${origin}${path}`, { ...init, headers: { ...(init.as !== null && { authorization: `Bearer ${init.as ?? token}` }), ...(init.headers as Record<string, string>) } }),
    async stop() {
      await documents.stop();
      await federation.stop();
    },
  };
}
