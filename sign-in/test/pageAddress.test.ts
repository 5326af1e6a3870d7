import { expect, test } from 'vitest';
import { isCallback, isLoopback, redirectUriOf, withoutCallback } from '../src/pageAddress.ts';

test('a page’s redirect URI is its address without query or fragment', () => {
  expect(redirectUriOf(new URL('http://127.0.0.1:4000/dashboard/?code=x&state=y#token=z'))).toBe('http://127.0.0.1:4000/dashboard/');
  expect(redirectUriOf(new URL('http://127.0.0.1:4000/?a=1'))).toBe('http://127.0.0.1:4000/');
});

test('the identity provider’s answer is a code or an error with a state', () => {
  expect(isCallback(new URL('http://h/dashboard/?code=c&state=s&iss=http%3A%2F%2Fi'))).toBe(true);
  expect(isCallback(new URL('http://h/dashboard/?error=access_denied&state=s'))).toBe(true);
  expect(isCallback(new URL('http://h/dashboard/?code=c'))).toBe(false);
  expect(isCallback(new URL('http://h/dashboard/?state=s'))).toBe(false);
  expect(isCallback(new URL('http://h/dashboard/'))).toBe(false);
});

test('once read, the answer leaves the address bar; the page’s own parameters and fragment stay', () => {
  expect(withoutCallback(new URL('http://h/dashboard/?code=c&state=s&iss=i&session_state=x'))).toBe('/dashboard/');
  expect(withoutCallback(new URL('http://h/?error=access_denied&error_description=no&state=s&tab=2#top'))).toBe('/?tab=2#top');
});

test('plain HTTP is allowed for an issuer on this machine only', () => {
  expect(isLoopback(new URL('http://127.0.0.1:4010'))).toBe(true);
  expect(isLoopback(new URL('http://localhost:4010'))).toBe(true);
  expect(isLoopback(new URL('http://[::1]:4010'))).toBe(true);
  expect(isLoopback(new URL('http://idp.example.gov.cn'))).toBe(false);
  expect(isLoopback(new URL('http://127.0.0.1.example.com'))).toBe(false);
});
