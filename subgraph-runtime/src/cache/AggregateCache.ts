import { ConfigError } from '@linju/observability';

/** How long an aggregate is kept when nothing invalidates it, unless configured. */
export const DEFAULT_AGGREGATE_TTL_MS = 30_000;

/**
 * `LINJU_AGGREGATE_CACHE_TTL_MS` (default 30000; 0 turns the cache off), read by a subgraph process
 * once at start-up; a bad value names the variable.
 */
export function readAggregateCacheTtl(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.LINJU_AGGREGATE_CACHE_TTL_MS;
  if (text === undefined || text.trim() === '') return DEFAULT_AGGREGATE_TTL_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) throw ConfigError.invalid('LINJU_AGGREGATE_CACHE_TTL_MS', text, 'a whole number of milliseconds (0: no cache)');
  return ms;
}

/**
 * A store's aggregates over a period (the overview's figures, the dashboard's breakdowns), computed
 * once and shared by the requests that follow until this process commits a write to the store
 * (`runMutation` calls `invalidate`), or for `ttlMs` at most.
 *
 * Why it is correct: every write to a store goes through its own subgraph (the gateway sends each
 * write to the owner, nothing else writes), so a write this process commits is the only way an
 * aggregate can change; the time limit bounds how stale it can be if an operator writes to the
 * store by hand, or if several processes serve one store. A computation that was under way when a
 * write committed is not kept: a request that starts after the commit always sees the write.
 */
export class AggregateCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly ttlMs = DEFAULT_AGGREGATE_TTL_MS) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    if (this.ttlMs === 0) return compute();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.value as Promise<T>;
    const value = compute();
    const entry = { at: now, value };
    this.entries.set(key, entry);
    // A failure is not kept. (Nor is a result a write made stale while it was computed:
    // `invalidate` has already dropped its entry.)
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets every aggregate: called once a write to the store has committed. */
  invalidate(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, AggregateCache>();

/**
 * The cache of the store a client (a subgraph's Prisma client, the monolith's pool) writes to; the
 * first call for a store fixes its time limit (a subgraph's start-up makes that call with its configuration).
 */
export function aggregateCacheOf(store: object, ttlMs?: number): AggregateCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new AggregateCache(ttlMs)));
  return cache;
}
