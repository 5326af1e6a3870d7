import { expect, test } from 'vitest';
import { RENEWAL_LEAD_MS, renewalDelay } from '../src/renewalDelay.ts';

const now = 1_800_000_000_000;
const minutes = (n: number) => n * 60_000;

test('a token is renewed a minute before it expires', () => {
  expect(RENEWAL_LEAD_MS).toBe(minutes(1));
  expect(renewalDelay(now + minutes(15), now)).toBe(minutes(14));
  expect(renewalDelay(now + minutes(2), now)).toBe(minutes(1));
});

test('with under two minutes left, halfway through; expired, at once', () => {
  expect(renewalDelay(now + 60_000, now)).toBe(30_000);
  expect(renewalDelay(now + 1_000, now)).toBe(500);
  expect(renewalDelay(now, now)).toBe(0);
  expect(renewalDelay(now - minutes(5), now)).toBe(0);
});
