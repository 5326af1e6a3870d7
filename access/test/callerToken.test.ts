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

  test('the digest binds variables regardless of key order', () => {
    expect(operationDigest('q', { a: 1, b: { c: 2, d: 3 } })).toBe(operationDigest('q', { b: { d: 3, c: 2 }, a: 1 }));
    expect(operationDigest('q', { a: 1 })).not.toBe(operationDigest('q', { a: 2 }));
    // One document may hold several operations: the statement is for the one named.
    expect(operationDigest('query A { x } query B { y }', {}, 'A')).not.toBe(operationDigest('query A { x } query B { y }', {}, 'B'));
  });
});
