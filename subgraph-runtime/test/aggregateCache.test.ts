import { expect, test } from 'vitest';
import { AggregateCache, aggregateCacheOf, readAggregateCacheTtl } from '../src/cache/AggregateCache.ts';

/** A computation that resolves when told to, counting how often it ran. */
function computation() {
  let runs = 0;
  let release: (value: number) => void = () => undefined;
  return {
    get runs() {
      return runs;
    },
    compute: () => {
      runs++;
      return new Promise<number>((done) => (release = done));
    },
    finish: (value: number) => release(value),
  };
}

test('requests share one computation of an aggregate until a write invalidates it', async () => {
  const cache = new AggregateCache(60_000);
  const figures = computation();
  const first = cache.get('figures', figures.compute);
  const second = cache.get('figures', figures.compute);
  figures.finish(1);
  expect(await first).toBe(1);
  expect(await second).toBe(1);
  expect(await cache.get('figures', figures.compute)).toBe(1);
  expect(figures.runs).toBe(1);
  cache.invalidate();
  const third = cache.get('figures', figures.compute);
  figures.finish(2);
  expect(await third).toBe(2);
  expect(figures.runs).toBe(2);
});

test('a result a write made stale while it was computed is not kept', async () => {
  const cache = new AggregateCache(60_000);
  const figures = computation();
  const before = cache.get('figures', figures.compute);
  cache.invalidate();
  figures.finish(1);
  await before;
  const after = cache.get('figures', figures.compute);
  figures.finish(2);
  expect(await after).toBe(2);
  expect(figures.runs).toBe(2);
});

test('a failure is not kept, and a time limit of 0 turns the cache off', async () => {
  const cache = new AggregateCache(60_000);
  await expect(cache.get('figures', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
  expect(await cache.get('figures', () => Promise.resolve(3))).toBe(3);
  const off = new AggregateCache(0);
  let runs = 0;
  await off.get('figures', async () => ++runs);
  await off.get('figures', async () => ++runs);
  expect(runs).toBe(2);
});

test('its time limit is read once at start-up, and a bad value names the variable', () => {
  expect(readAggregateCacheTtl({})).toBe(30_000);
  expect(readAggregateCacheTtl({ LINJU_AGGREGATE_CACHE_TTL_MS: '0' })).toBe(0);
  expect(() => readAggregateCacheTtl({ LINJU_AGGREGATE_CACHE_TTL_MS: 'soon' })).toThrow(/LINJU_AGGREGATE_CACHE_TTL_MS/);
});

test('a store’s cache keeps the time limit its subgraph started with', async () => {
  const store = {};
  aggregateCacheOf(store, 0);
  let computed = 0;
  const compute = async () => ++computed;
  await aggregateCacheOf(store).get('k', compute);
  await aggregateCacheOf(store).get('k', compute);
  expect(computed).toBe(2);
});
