import { createHmac, randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { CALLER_STATEMENT_CLOCK_SKEW_SECONDS, CALLER_STATEMENT_SECONDS, CallerRejected, CallerVerifier, operationDigest, signCaller } from '../src/callerToken.ts';

const secret = 'a-secret-only-the-gateway-and-sichuan-hold';
const digest = operationDigest('{ sichuan { code } }', {});
const caller = { subject: 'clerk-1', role: 'sichuan-operator' as const, region: '510000' };

describe("the gateway's caller statement, as a subgraph checks it", () => {
  test('a fresh statement for this subgraph and operation names the caller', async () => {
    const header = await signCaller(caller, { secret, audience: 'sichuan', digest });
    expect(await new CallerVerifier(secret, 'sichuan').verify(header, digest)).toEqual(caller);
  });

  test('is refused when missing, replayed, for another subgraph or operation, signed with another secret, or expired', async () => {
    const verifier = new CallerVerifier(secret, 'sichuan');
    await expect(verifier.verify(undefined, digest)).rejects.toThrow(CallerRejected);
    const once = await signCaller(caller, { secret, audience: 'sichuan', digest });
    await verifier.verify(once, digest);
    await expect(verifier.verify(once, digest)).rejects.toThrow(/replay/);
    await expect(verifier.verify(await signCaller(caller, { secret, audience: 'chongqing', digest }), digest)).rejects.toThrow(CallerRejected);
    await expect(verifier.verify(await signCaller(caller, { secret, audience: 'sichuan', digest }), operationDigest('{ x }', {}))).rejects.toThrow(/another operation/);
    await expect(verifier.verify(await signCaller(caller, { secret: 'other', audience: 'sichuan', digest }), digest)).rejects.toThrow(CallerRejected);
    await expect(verifier.verify(await signCaller(caller, { secret, audience: 'sichuan', digest, ttlSeconds: -5 }), digest)).rejects.toThrow(CallerRejected);
  });

  test('with a claim (the store, shared by replicas), a statement is refused as a replay whenever the claim says it was used, even by another verifier', async () => {
    const claimed = new Set<string>();
    const claim = async (jti: string) => !claimed.has(jti) && Boolean(claimed.add(jti));
    const [one, two] = [new CallerVerifier(secret, 'sichuan', claim), new CallerVerifier(secret, 'sichuan', claim)];
    const header = await signCaller(caller, { secret, audience: 'sichuan', digest });
    expect(await one.verify(header, digest)).toEqual(caller);
    await expect(two.verify(header, digest)).rejects.toMatchObject({ reason: 'replay' });
    // A claim that cannot be made (its store unreachable) refuses the statement with that error, never accepts it.
    const down = new CallerVerifier(secret, 'sichuan', () => Promise.reject(new Error('ECONNREFUSED')));
    await expect(down.verify(await signCaller(caller, { secret, audience: 'sichuan', digest }), digest)).rejects.toThrow('ECONNREFUSED');
  });

  test('a request that reads nothing may present its statement again; whether it does is asked only of a statement that proved itself', async () => {
    const verifier = new CallerVerifier(secret, 'sichuan');
    const asked: string[] = [];
    const storeFree = (why: string) => () => (asked.push(why), false);
    const header = await signCaller(caller, { secret, audience: 'sichuan', digest });
    expect(await verifier.verify(header, digest, { claim: storeFree('first') })).toEqual(caller);
    expect(await verifier.verify(header, digest, { claim: storeFree('again') })).toEqual(caller);
    const forged = await signCaller(caller, { secret: 'not-the-secret-of-sichuan-at-all', audience: 'sichuan', digest });
    await expect(verifier.verify(forged, digest, { claim: storeFree('forged') })).rejects.toMatchObject({ reason: 'signature' });
    await expect(verifier.verify(header, operationDigest('{ x }', {}), { claim: storeFree('other operation') })).rejects.toMatchObject({ reason: 'other-operation' });
    expect(asked).toEqual(['first', 'again']);
    // Claimed (the default), the same statement is then a replay.
    await expect(verifier.verify(header, digest)).resolves.toEqual(caller);
    await expect(verifier.verify(header, digest)).rejects.toMatchObject({ reason: 'replay' });
  });

  test('during a rollover, a statement signed with the current or the previous secret is accepted, with any other refused as a signature fault', async () => {
    const previous = 'the-secret-sichuan-and-the-gateway-held-until-now';
    const rollover = new CallerVerifier([secret, previous], 'sichuan');
    for (const signer of [secret, previous]) expect(await rollover.verify(await signCaller(caller, { secret: signer, audience: 'sichuan', digest }), digest)).toEqual(caller);
    const unknown = rollover.verify(await signCaller(caller, { secret: 'x'.repeat(40), audience: 'sichuan', digest }), digest);
    await expect(unknown).rejects.toMatchObject({ reason: 'signature', message: expect.stringContaining('SICHUAN_GATEWAY_SECRET or SICHUAN_GATEWAY_SECRET_PREVIOUS') });
    // The previous secret does not lift any other check: a statement it signed for another operation or already used is refused for that.
    await expect(rollover.verify(await signCaller(caller, { secret: previous, audience: 'sichuan', digest }), operationDigest('{ x }', {}))).rejects.toMatchObject({ reason: 'other-operation' });
    await expect(rollover.verify(await signCaller(caller, { secret: previous, audience: 'sichuan', digest, ttlSeconds: -5 }), digest)).rejects.toMatchObject({ reason: 'invalid' });
    // The rollover over (the previous secret dropped): what it signs is refused.
    const after = new CallerVerifier(secret, 'sichuan');
    await expect(after.verify(await signCaller(caller, { secret: previous, audience: 'sichuan', digest }), digest)).rejects.toMatchObject({
      reason: 'signature',
      message: expect.not.stringContaining('PREVIOUS'),
    });
  });

  test('the digest binds variables regardless of key order', () => {
    expect(operationDigest('q', { a: 1, b: { c: 2, d: 3 } })).toBe(operationDigest('q', { b: { d: 3, c: 2 }, a: 1 }));
    expect(operationDigest('q', { a: 1 })).not.toBe(operationDigest('q', { a: 2 }));
    // One document may hold several operations: the statement is for the one named.
    expect(operationDigest('query A { x } query B { y }', {}, 'A')).not.toBe(operationDigest('query A { x } query B { y }', {}, 'B'));
  });
});

// The statement as the previous release made it (jose), and as jose checked it: a gateway and a
// subgraph of different releases must understand each other, and the checks must refuse what jose refused.
const utf8 = (text: string) => new TextEncoder().encode(text);
const now = () => Math.floor(Date.now() / 1000);
const claimsFor = (audience = 'sichuan') => ({ role: caller.role, op: digest, region: caller.region, iss: 'linju-gateway', aud: audience, sub: caller.subject, iat: now(), exp: now() + 30, jti: randomUUID() });

/** A statement as jose's SignJWT writes it (the previous release's `signCaller`). */
function joseSigned(options: { secret?: string; audience?: string; issuer?: string; exp?: number; iat?: number; nbf?: number; alg?: string; jti?: string } = {}) {
  const token = new SignJWT({ role: caller.role, op: digest, region: caller.region })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.issuer ?? 'linju-gateway')
    .setAudience(options.audience ?? 'sichuan')
    .setSubject(caller.subject)
    .setIssuedAt(options.iat ?? now())
    .setExpirationTime(options.exp ?? now() + 30)
    .setJti(options.jti ?? randomUUID());
  if (options.nbf !== undefined) token.setNotBefore(options.nbf);
  return token.sign(utf8(options.secret ?? secret));
}

const b64url = (part: string | object) => Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url');
/** A token put together by hand: any header and payload (raw text or JSON), signed with HMAC-SHA-256 over `secret` unless a signature is given. */
function crafted(header: string | object, payload: string | object, signature?: string) {
  const input = `${typeof header === 'string' ? header : b64url(header)}.${typeof payload === 'string' ? payload : b64url(payload)}`;
  return `${input}.${signature ?? createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** What jose's jwtVerify, as the previous release called it, makes of a token. */
async function joseVerdict(token: string) {
  try {
    await jwtVerify(token, utf8(secret), { issuer: 'linju-gateway', audience: 'sichuan', algorithms: ['HS256'] });
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'signature' : 'invalid';
  }
}

/** What this release's verifier makes of it (a verifier of its own each time: no replay in play). */
async function verdict(token: string) {
  try {
    await new CallerVerifier(secret, 'sichuan').verify(token, digest);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof CallerRejected)) throw error;
    return error.reason;
  }
}

describe('the caller statement across releases (jose before, node:crypto now)', () => {
  test('a statement jose signed is accepted, during a rollover too, and names the same caller', async () => {
    expect(await new CallerVerifier(secret, 'sichuan').verify(await joseSigned(), digest)).toEqual(caller);
    const previous = 'the-secret-sichuan-and-the-gateway-held-until-now';
    expect(await new CallerVerifier([secret, previous], 'sichuan').verify(await joseSigned({ secret: previous }), digest)).toEqual(caller);
    const withName = await new SignJWT({ role: 'viewer', op: digest, name: '王磊' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('linju-gateway').setAudience('sichuan').setSubject('p-1').setIssuedAt().setExpirationTime('30s').setJti(randomUUID()).sign(utf8(secret));
    expect(await new CallerVerifier(secret, 'sichuan').verify(withName, digest)).toEqual({ subject: 'p-1', role: 'viewer', name: '王磊' });
  });

  test('a statement signed now is accepted by jose, and is byte for byte what jose writes for the same claims', async () => {
    for (const who of [caller, { subject: 'p-1', role: 'viewer' as const, name: '王磊' }, { subject: 'anonymous', role: 'anonymous' as const }]) {
      const header = await signCaller(who, { secret, audience: 'sichuan', digest });
      const { payload, protectedHeader } = await jwtVerify(header, utf8(secret), { issuer: 'linju-gateway', audience: 'sichuan', algorithms: ['HS256'] });
      expect(protectedHeader).toEqual({ alg: 'HS256' });
      expect(payload).toEqual({ role: who.role, op: digest, ...('name' in who && { name: who.name }), ...('region' in who && { region: who.region }), iss: 'linju-gateway', aud: 'sichuan', sub: who.subject, iat: expect.any(Number), exp: payload.iat! + 30, jti: expect.any(String) });
      const { iat, exp, jti, role, op, name, region } = payload as { iat: number; exp: number; jti: string; role: string; op: string; name?: string; region?: string };
      const asJose = await new SignJWT({ role, op, ...(name && { name }), ...(region && { region }) }).setProtectedHeader({ alg: 'HS256' }).setIssuer('linju-gateway').setAudience('sichuan').setSubject(who.subject).setIssuedAt(iat).setExpirationTime(exp).setJti(jti).sign(utf8(secret));
      expect(header).toBe(asJose);
    }
    const short = decodeJwt(await signCaller(caller, { secret, audience: 'sichuan', digest, ttlSeconds: 5 }));
    expect(short.exp! - short.iat!).toBe(5);
  });

  test('refuses what jose refused: signature faults as `signature`, a token that is none as `malformed`, claims that do not hold as `invalid` (jose called both of these invalid)', async () => {
    const claims = claimsFor();
    const good = crafted({ alg: 'HS256' }, claims);
    const [head, body, signature] = good.split('.') as [string, string, string];
    const cases: [string, string | Promise<string>, 'accepted' | 'signature' | 'malformed' | 'invalid'][] = [
      ['a well-formed statement', good, 'accepted'],
      ['an iat a few seconds ahead (clocks differ)', joseSigned({ iat: now() + 5, exp: now() + 35 }), 'accepted'],
      ['an nbf already past', joseSigned({ nbf: now() - 1 }), 'accepted'],
      ['an audience list naming this subgraph', crafted({ alg: 'HS256' }, { ...claimsFor(), aud: ['chongqing', 'sichuan'] }), 'accepted'],
      ['another secret', joseSigned({ secret: 'x'.repeat(40) }), 'signature'],
      ['a payload changed after signing', `${head}.${b64url({ ...claims, role: 'sichuan-operator', region: '510000', sub: 'someone-else' })}.${signature}`, 'signature'],
      ['a signature cut short', `${head}.${body}.${signature.slice(0, 22)}`, 'signature'],
      ['a signature one byte longer', `${head}.${body}.${Buffer.concat([Buffer.from(signature, 'base64url'), Buffer.from([0])]).toString('base64url')}`, 'signature'],
      ['an empty signature', `${head}.${body}.`, 'signature'],
      ['alg none', crafted({ alg: 'none' }, claims, ''), 'malformed'],
      ['alg none with a valid HMAC', crafted({ alg: 'none' }, claims), 'malformed'],
      ['alg HS512 (same secret)', joseSigned({ alg: 'HS512' }), 'malformed'],
      ['no alg', crafted({ typ: 'JWT' }, claims), 'malformed'],
      ['a crit header', crafted({ alg: 'HS256', crit: ['exp'], exp: 1 }, claims), 'malformed'],
      ['two parts', `${head}.${body}`, 'malformed'],
      ['four parts', `${good}.${signature}`, 'malformed'],
      ['a header that is not base64url', `${head}*.${body}.${signature}`, 'malformed'],
      ['a header that is not JSON', crafted(b64url('{alg:HS256}'), claims), 'malformed'],
      ['a header that is a JSON array', crafted(b64url('["HS256"]'), claims), 'malformed'],
      ['a signature that is not base64url', `${head}.${body}.${signature.slice(0, -1)}+`, 'malformed'],
      ['a payload that is not JSON', crafted({ alg: 'HS256' }, b64url('role=viewer')), 'malformed'],
      ['a payload that is a JSON array', crafted({ alg: 'HS256' }, b64url('[1,2]')), 'malformed'],
      ['a payload that is JSON null', crafted({ alg: 'HS256' }, b64url('null')), 'malformed'],
      ['a payload that is not UTF-8', crafted({ alg: 'HS256' }, Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')), 'malformed'],
      ['a payload that is not base64url', crafted({ alg: 'HS256' }, `${body}*`), 'malformed'],
      ['another issuer', joseSigned({ issuer: 'someone-else' }), 'invalid'],
      ['no issuer', crafted({ alg: 'HS256' }, { ...claims, iss: undefined }), 'invalid'],
      ['another audience', joseSigned({ audience: 'chongqing' }), 'invalid'],
      ['no audience', crafted({ alg: 'HS256' }, { ...claims, aud: undefined }), 'invalid'],
      ['an audience list without this subgraph', crafted({ alg: 'HS256' }, { ...claims, aud: ['chongqing'] }), 'invalid'],
      ['exp a second ago', joseSigned({ exp: now() - 1 }), 'invalid'],
      ['exp now (jose has no clock tolerance by default)', joseSigned({ exp: now() }), 'invalid'],
      ['exp as text', crafted({ alg: 'HS256' }, { ...claims, exp: String(now() + 30) }), 'invalid'],
      ['nbf in the future', joseSigned({ nbf: now() + 60 }), 'invalid'],
      ['iat as text', crafted({ alg: 'HS256' }, { ...claims, iat: 'now' }), 'invalid'],
    ];
    for (const [what, token, expected] of cases) {
      const header = await token;
      expect({ what, jose: await joseVerdict(header) }).toEqual({ what, jose: expected === 'malformed' ? 'invalid' : expected });
      expect({ what, now: await verdict(header) }).toEqual({ what, now: expected });
    }
    // Stricter than jose on one point: a header naming a critical extension is refused, even the b64 one jose knows.
    expect(await joseVerdict(crafted({ alg: 'HS256', b64: true, crit: ['b64'] }, claims))).toBe('accepted');
    expect(await verdict(crafted({ alg: 'HS256', b64: true, crit: ['b64'] }, claims))).toBe('malformed');
  });

  test('a statement living longer than the gateway ever signs one, issued ahead of the clock beyond the skew, or without iat is refused, though jose accepted it', async () => {
    const longest = CALLER_STATEMENT_SECONDS;
    const skew = CALLER_STATEMENT_CLOCK_SKEW_SECONDS;
    const cases: [string, string | Promise<string>, 'accepted' | 'invalid' | 'incomplete'][] = [
      ['exp ten years ahead', joseSigned({ exp: now() + 10 * 365 * 86_400 }), 'invalid'],
      ['a lifetime one second beyond the longest', joseSigned({ iat: now(), exp: now() + longest + 1 }), 'invalid'],
      ['issued long ago, expiring in a second', joseSigned({ iat: now() - 3600, exp: now() + 1 }), 'invalid'],
      ['an iat an hour ahead', joseSigned({ iat: now() + 3600, exp: now() + 3600 + longest }), 'invalid'],
      ['an iat just beyond the skew', joseSigned({ iat: now() + skew + 10, exp: now() + skew + 10 + longest }), 'invalid'],
      ['no iat', crafted({ alg: 'HS256' }, { ...claimsFor(), iat: undefined }), 'incomplete'],
      ['no iat, exp ten years ahead', crafted({ alg: 'HS256' }, { ...claimsFor(), iat: undefined, exp: now() + 10 * 365 * 86_400 }), 'incomplete'],
      ['the longest lifetime, issued now', joseSigned({ iat: now(), exp: now() + longest }), 'accepted'],
      ['issued within the skew ahead', joseSigned({ iat: now() + skew - 10, exp: now() + skew - 10 + longest }), 'accepted'],
    ];
    for (const [what, token, expected] of cases) {
      const header = await token;
      expect({ what, jose: await joseVerdict(header) }).toEqual({ what, jose: 'accepted' });
      expect({ what, now: await verdict(header) }).toEqual({ what, now: expected });
    }
    // The previous secret of a rollover lifts none of it.
    const previous = 'the-secret-sichuan-and-the-gateway-held-until-now';
    await expect(new CallerVerifier([secret, previous], 'sichuan').verify(await joseSigned({ secret: previous, exp: now() + 10 * 365 * 86_400 }), digest)).rejects.toMatchObject({ reason: 'invalid' });
    // Nor does the gateway sign one: a longer lifetime asked of signCaller is a fault of the code asking.
    await expect(signCaller(caller, { secret, audience: 'sichuan', digest, ttlSeconds: longest + 1 })).rejects.toThrow(RangeError);
  });

  test('a signed statement that lacks what a subgraph needs is refused as incomplete', async () => {
    for (const missing of ['jti', 'iat', 'exp', 'sub', 'role'] as const) expect(await verdict(crafted({ alg: 'HS256' }, { ...claimsFor(), [missing]: undefined }))).toBe('incomplete');
    expect(await verdict(crafted({ alg: 'HS256' }, { ...claimsFor(), jti: 42 }))).toBe('incomplete');
  });
});

