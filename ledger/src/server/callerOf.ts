import type { IncomingMessage } from 'node:http';
import type { GatewayCaller } from '../gatewayClient.ts';
import { DocumentsError } from './DocumentsError.ts';
import { signInFirst, writerRefusal, type WriteAsked } from '../writerRefusal.ts';
import { jurisdictionByKey, JURISDICTIONS } from '@linju/contract';

/** Who asks, as the gateway will be told: the request's own bearer token (or none: anonymous). */
export interface DocumentsCaller {
  gatewayUrl: string;
  token: string | null;
}

/** The bearer token of the request's Authorization header, or null. */
export function bearerToken(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match ? match[1]! : null;
}

/**
 * A caller that must be signed in (an import, or its withdrawal, writes under the caller's own
 * authority): without a token, 401 naming what was asked; who may write which side is `writerRefusal`'s.
 */
export function signedInCaller(caller: DocumentsCaller, asked: WriteAsked): GatewayCaller {
  if (!caller.token) throw new DocumentsError(401, 'UNAUTHENTICATED', signInFirst(asked));
  return { gatewayUrl: caller.gatewayUrl, token: caller.token };
}

/**
 * A signed-in caller who may write `side` (none: a withdrawal, before its report names the side), or
 * 403 by `writerRefusal` (a viewer, the joint office, the other side's operator): said before the
 * upload is read, so such a caller is not told the file is empty or too large.
 */
export function writingCaller(caller: DocumentsCaller, asked: WriteAsked, side?: string): GatewayCaller {
  const gateway = signedInCaller(caller, asked);
  const refusal = writerRefusal(gateway.token, asked, side);
  if (refusal) throw refusal;
  return gateway;
}

/**
 * The side whose store the rows go to (`side=sichuan`): the page knows it from the operator's role.
 * Whether the caller may write there is `writerRefusal`'s to say up front (a viewer, the joint
 * office's operator, the other side's operator: 403 before anything is sent); the gateway and the
 * owner still check every write, row by row (a row outside the clerk's region).
 */
export function sideParam(query: URLSearchParams): string {
  const side = query.get('side') ?? '';
  if (!jurisdictionByKey(side)) {
    const sides = JURISDICTIONS.map((j) => `${j.key}（${j.name}）`).join('、');
    throw new DocumentsError(400, 'BAD_REQUEST', `请指明写入哪一方的库：${sides}。 / side must be one of ${JURISDICTIONS.map((j) => j.key).join(', ')}.`);
  }
  return side;
}
