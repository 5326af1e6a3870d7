/**
 * The answers of the gateway's response cache (see `responseCachePlugin.ts`), by key: each kept
 * for a TTL at most, the least recently used dropped beyond `maxEntries`, so memory stays bounded
 * (each entry is one answer, itself bounded by the query limits: public aggregate figures are small).
 *
 * Writes empty it. A `generation` counts the emptyings: an answer computed while a write was under
 * way may hold figures from before it, so {@link set} keeps it only if no emptying happened since
 * the request began ({@link generation} read then).
 */
export class ResponseCache<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number }>();
  private emptied = 0;

  constructor(
    /** How long an answer may be served, in milliseconds; 0 keeps nothing. */
    readonly ttlMs: number,
    readonly maxEntries = DEFAULT_MAX_ENTRIES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Changes with every {@link clear}: read it when a request begins, pass it to {@link set}. */
  get generation(): number {
    return this.emptied;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: the Map's order is the eviction order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps an answer, unless the cache was emptied since `generation` was read (a write overlapped its computation). */
  set(key: string, value: Value, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.emptied) return;
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  clear(): void {
    this.emptied++;
    this.entries.clear();
  }
}

/** Distinct public operations × variables kept at once; the dashboard and the explorer use a handful. */
export const DEFAULT_MAX_ENTRIES = 500;
