import { describe, expect, test } from 'vitest';
import { persistedQueryCache } from '../../src/operations/registeredOperations.ts';

describe('the APQ cache', () => {
  test('keeps at most its size, the least recently used going first', async () => {
    const cache = persistedQueryCache(2);
    await cache.set('apq:a', '{ a }');
    await cache.set('apq:b', '{ b }');
    expect(await cache.get('apq:a')).toBe('{ a }');
    await cache.set('apq:c', '{ c }');
    expect([await cache.get('apq:a'), await cache.get('apq:b'), await cache.get('apq:c')]).toEqual(['{ a }', undefined, '{ c }']);
    expect(await cache.delete('apq:a')).toBe(true);
    expect(await cache.get('apq:a')).toBeUndefined();
  });

  test('preloaded with the allowed documents, it stores nothing else', async () => {
    const cache = persistedQueryCache(2, new Map([['h1', '{ registered }']]));
    expect(await cache.get('apq:h1')).toBe('{ registered }');
    await cache.set('apq:h2', '{ other }');
    expect(await cache.get('apq:h2')).toBeUndefined();
  });
});
