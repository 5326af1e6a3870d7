import { exportJWK, generateKeyPair, type JWK, type JWTVerifyGetKey } from 'jose';
import type { JwksLogger } from '../../src/auth/watchJwksFile.ts';

/** A logger that keeps each line as `<level> <message>`, for tests of what the gateway says about its keys. */
export function lineRecorder(): JwksLogger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => ((fields: unknown, message?: string) => void lines.push(`${level} ${message ?? String(fields)}`)) as never;
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Whether `getKey` now resolves the key of an ES256 token signed by `kid`. */
export async function verifies(getKey: JWTVerifyGetKey, kid: string): Promise<boolean> {
  return Promise.resolve(getKey({ alg: 'ES256', kid }, { payload: '', signature: '' })).then(
    () => true,
    () => false,
  );
}

/** A new ES256 key pair as JWKs, both naming `kid` and `alg`. */
export async function es256Key(kid: string): Promise<{ publicJwk: JWK; privateJwk: JWK }> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  return { publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256' }, privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES256' } };
}
