import { exportJWK, generateKeyPair, generateSecret, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { JwksError, parseJwks, type JwksOrigin } from '../src/auth/checkJwks.ts';

const origin: JwksOrigin = { variable: 'LINJU_JWKS_FILE', name: 'LINJU_JWKS_FILE "/etc/linju/jwks.json"' };

/** Each kind of key, public and private, exported as an operator's tooling would. */
const keys: Record<'ecPublic' | 'ecPrivate' | 'rsaPublic' | 'rsaPrivate' | 'edPublic' | 'oct' | 'x25519', JWK> = {} as never;

beforeAll(async () => {
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsa = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const ed = await generateKeyPair('EdDSA', { extractable: true, crv: 'Ed25519' });
  const x = await generateKeyPair('ECDH-ES', { extractable: true, crv: 'X25519' });
  Object.assign(keys, {
    ecPublic: { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ecPrivate: { ...(await exportJWK(ec.privateKey)), kid: 'ec-1', alg: 'ES256' },
    rsaPublic: { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1' },
    rsaPrivate: { ...(await exportJWK(rsa.privateKey)), kid: 'rsa-1', alg: 'RS256' },
    edPublic: { ...(await exportJWK(ed.publicKey)), kid: 'ed-1' },
    oct: { ...(await exportJWK(await generateSecret('HS256', { extractable: true }))), kid: 'hmac-1' },
    x25519: { ...(await exportJWK(x.publicKey)), kid: 'x-1' },
  });
});

const text = (value: unknown) => JSON.stringify(value);

describe('checkJwks: what a JWKS must be before the gateway trusts it', () => {
  // [case, the document's text (built once the keys exist), what the one line says after the document's name]
  it.each<[string, () => string, RegExp]>([
    ['malformed JSON', () => '{"keys": [', /^LINJU_JWKS_FILE "\/etc\/linju\/jwks\.json" is not JSON \(/],
    ['garbage', () => 'not a jwks at all', /is not JSON/],
    ['a JSON array', () => text([keys.ecPublic]), /is not a JWKS: expected a JSON object with a "keys" array$/],
    ['no keys member', () => text({ key: keys.ecPublic }), /is not a JWKS: expected a JSON object with a "keys" array$/],
    ['empty keys', () => text({ keys: [] }), /holds no key: publish at least one public signing key$/],
    ['a key that is not an object', () => text({ keys: ['ec-1'] }), /holds key #1, which is not a JSON object$/],
    ['a private EC key', () => text({ keys: [keys.ecPrivate] }), /holds a private key \(kid "ec-1"\): publish public keys only$/],
    ['a private RSA key beside a public one', () => text({ keys: [keys.ecPublic, keys.rsaPrivate] }), /holds a private key \(kid "rsa-1"\): publish public keys only$/],
    ['a private key without kid', () => text({ keys: [{ ...keys.ecPrivate, kid: undefined }] }), /holds a private key \(key #1, no kid\)/],
    ['a symmetric (oct) key', () => text({ keys: [keys.oct] }), /holds a symmetric key \(kid "hmac-1", kty "oct"\): publish public keys only/],
    ['an unsupported kty', () => text({ keys: [{ kty: 'AKP', kid: 'pq-1', alg: 'ML-DSA-44', pub: 'AAAA' }] }), /holds a key of unsupported kty "AKP" \(kid "pq-1"\): only EC, RSA and OKP keys are accepted$/],
    ['no kty', () => text({ keys: [{ kid: 'k', x: 'AAAA' }] }), /unsupported kty undefined/],
    ['an EC key without y', () => text({ keys: [{ ...keys.ecPublic, y: undefined }] }), /holds an EC key without y \(kid "ec-1"\)$/],
    ['an algorithm the gateway refuses', () => text({ keys: [{ ...keys.rsaPublic, alg: 'RS1' }] }), /holds a key for alg "RS1" \(kid "rsa-1"\), which the gateway does not accept \(ES256, /],
    ['an algorithm that does not fit the key', () => text({ keys: [{ ...keys.ecPublic, alg: 'ES384' }] }), /alg ES384 does not fit its kty EC and crv P-256 \(kid "ec-1"\)$/],
    ['a curve that signs nothing accepted', () => text({ keys: [{ ...keys.ecPublic, alg: undefined, crv: 'secp256k1' }] }), /curve "secp256k1" \(kid "ec-1"\), which verifies none of the accepted algorithms/],
    ['an X25519 (key agreement) key', () => text({ keys: [keys.x25519] }), /curve "X25519" \(kid "x-1"\), which verifies none/],
    ['encryption keys only', () => text({ keys: [{ ...keys.rsaPublic, use: 'enc', alg: 'RSA-OAEP' }] }), /holds encryption keys only: publish at least one public signing key$/],
    ['an encryption key that is private', () => text({ keys: [keys.ecPublic, { ...keys.rsaPrivate, use: 'enc', alg: 'RSA-OAEP' }] }), /holds a private key \(kid "rsa-1"\)/],
  ])('refuses %s, in one line naming the variable', (_, document, says) => {
    let thrown: unknown;
    try {
      parseJwks(document(), origin);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JwksError);
    expect(thrown).toMatchObject({ name: 'ConfigError', variable: 'LINJU_JWKS_FILE' });
    expect((thrown as Error).message).toMatch(/^LINJU_JWKS_FILE "\/etc\/linju\/jwks\.json" /);
    expect((thrown as Error).message).toMatch(says);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it.each<[string, () => JWK[], string[]]>([
    ['a public EC key', () => [keys.ecPublic], ['ec-1']],
    ['a public RSA key without alg', () => [keys.rsaPublic], ['rsa-1']],
    ['a public Ed25519 key', () => [keys.edPublic], ['ed-1']],
    ['keys of each type, one for PS256', () => [keys.ecPublic, { ...keys.rsaPublic, alg: 'PS256' }, { ...keys.edPublic, alg: 'EdDSA' }], ['ec-1', 'rsa-1', 'ed-1']],
    // An identity provider (Keycloak among them) publishes its encryption key beside its signing keys.
    ['a signing key beside a public encryption key, which is left out', () => [keys.ecPublic, { ...keys.rsaPublic, kid: 'enc-1', use: 'enc', alg: 'RSA-OAEP' }], ['ec-1']],
  ])('accepts %s', (_, published, kids) => {
    const jwks = parseJwks(text({ keys: published() }), origin);
    expect(jwks.keys.map((jwk) => jwk.kid)).toEqual(kids);
  });
});
