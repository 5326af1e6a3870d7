import { expect, test } from 'vitest';
import { tokenClaims } from '../src/tokenClaims.ts';

const jwt = (payload: unknown) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

test('reads the Linju claims of a JWT, Chinese names decoded as UTF-8', () => {
  expect(tokenClaims(jwt({ sub: 'moxi-clerk', name: '张敏', role: 'sichuan-operator', region: '510904101', exp: 1_800_000_000, aud: 'linju' })))
    .toEqual({ sub: 'moxi-clerk', name: '张敏', role: 'sichuan-operator', region: '510904101', exp: 1_800_000_000 });
});

test('claims of the wrong type are left out; what is no JWT gives null', () => {
  expect(tokenClaims(jwt({ name: 7, role: ['viewer'], region: '', exp: '1800000000' }))).toEqual({});
  for (const token of ['', 'abc', 'a.!!!.c', jwt('text'), jwt([1]), jwt(null), 'a.e30']) expect(tokenClaims(token), token).toEqual(token === 'a.e30' ? {} : null);
});
