import { describe, expect, test } from 'vitest';
import { ResponseCache } from '../../src/cache/ResponseCache.ts';
import { responseCacheKey } from '../../src/cache/responseCacheKey.ts';

/** The store alone, on a clock the test moves. */
function cacheAt(ttlMs: number, maxEntries?: number) {
  let now = 0;
  const cache = new ResponseCache<string>(ttlMs, maxEntries, () => now);
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('ResponseCache', () => {
  test('serves an answer until its TTL has passed', () => {
    const { cache, advance } = cacheAt(1000);
    cache.set('a', 'answer', cache.generation);
    advance(999);
    expect(cache.get('a')).toBe('answer');
    advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test('TTL 0 keeps nothing', () => {
    const { cache } = cacheAt(0);
    cache.set('a', 'answer', cache.generation);
    expect(cache.get('a')).toBeUndefined();
  });

  test('holds at most maxEntries, dropping the least recently used', () => {
    const { cache } = cacheAt(1000, 2);
    cache.set('a', 'A', cache.generation);
    cache.set('b', 'B', cache.generation);
    cache.get('a');
    cache.set('c', 'C', cache.generation);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  test('a write empties it, and an answer computed while it ran is not kept', () => {
    const { cache } = cacheAt(1000);
    cache.set('a', 'A', cache.generation);
    const started = cache.generation;
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 'from before the write', started);
    expect(cache.get('b')).toBeUndefined();
  });
});

describe('responseCacheKey', () => {
  test('the same for variables in another order, different for other values or another operation', () => {
    const key = responseCacheKey('h', 'Overview', { period: { from: '2021-01-01', to: '2021-06-30' }, allianceId: null });
    expect(responseCacheKey('h', 'Overview', { allianceId: null, period: { to: '2021-06-30', from: '2021-01-01' } })).toBe(key);
    expect(responseCacheKey('h', 'Overview', { allianceId: null, period: { from: '2021-01-01', to: '2021-12-31' } })).not.toBe(key);
    expect(responseCacheKey('h', 'Other', { period: { from: '2021-01-01', to: '2021-06-30' }, allianceId: null })).not.toBe(key);
    expect(responseCacheKey('h', null, undefined)).toBe(responseCacheKey('h', undefined, {}));
  });
});
