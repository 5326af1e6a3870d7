import { ANONYMOUS, isRole, type Caller } from '@linju/access';
import { GraphQLError } from 'graphql';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

/** Which tokens the gateway accepts. */
export interface AuthenticationOptions {
  /** The issuer's public keys: a JWKS document (from a file, or the embedded default's dev key) or its URL. */
  keys: JSONWebKeySet | URL;
  /** Required `iss` claim. */
  issuer: string;
  /** Required `aud` claim. */
  audience: string;
}

/** Turns an `Authorization` header into the caller; no header is the anonymous caller. */
export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Bearer JWTs, verified against the configured keys: signature, issuer, audience and expiry, and
 * a `role` claim naming one of Linju's roles. A bad token is refused outright rather than treated
 * as anonymous, so a client never mistakes an expired session for "no data".
 */
export function createAuthenticator(options: AuthenticationOptions): Authenticate {
  const keys = options.keys instanceof URL ? createRemoteJWKSet(options.keys) : createLocalJWKSet(options.keys);
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1]!, keys, { issuer: options.issuer, audience: options.audience }));
    } catch (error) {
      throw unauthenticated(`The token was refused: ${(error as Error).message}`);
    }
    if (!isRole(payload.role) || payload.role === 'anonymous') throw unauthenticated(`The token's role ${JSON.stringify(payload.role)} is not a Linju role`);
    if (!payload.sub) throw unauthenticated('The token names no subject');
    return { subject: payload.sub, role: payload.role };
  };
}
