import { describe, expect, test } from 'vitest';
import { CallerRejected, CallerVerifier, operationDigest, signCaller } from '../src/callerToken.ts';

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
