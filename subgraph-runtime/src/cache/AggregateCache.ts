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
 * once and shared by the requests that follow until a write to the store commits, or for `ttlMs` at most.
 *
 * Why it is correct, with any number of replicas over one store: every write to a store goes
 * through one of its subgraph's replicas, and each committed write moves the store's version on in
 * its own transaction (migration 0007_replicas). Every request a replica serves first reads that
 * version, in the same statement that claims its caller statement (`storeStatementClaims`), and
 * hands it to {@link observeVersion}: a version the cache has not seen yet empties it. So a
 * request that starts after a write committed, through whichever replica, never gets an aggregate
 * from before it. The replica that wrote also empties its own cache at once (`runMutation` calls
 * {@link invalidate}). A computation under way when the cache was emptied is not kept. The time
 * limit bounds how stale an aggregate can be if an operator writes to the store by hand.
 */
export class AggregateCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  /** The highest store version a request has seen; entries were all computed since it was seen. */
  private version = -1;

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

  /**
   * A request read the store's version (a count of the writes committed to it) as it began: if a
   * write has committed since the entries were computed, through this replica or another, they go.
   * An older version (a request that began before the last write) changes nothing: what is kept is
   * at least as new as the write it saw.
   */
  observeVersion(version: number): void {
    if (version <= this.version) return;
    this.version = version;
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
