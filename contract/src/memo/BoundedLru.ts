/**
 * How many entries each of the per-query memos (`memoizeByText.ts`: the gateway's, a subgraph's) and the gateway's automatic
 * persisted queries keep: the dashboards, the explorer and the registered operations send a few
 * dozen distinct documents, so the working set fits many times over, and anything else sent cannot
 * grow memory past it.
 */
export const MEMO_MAX_ENTRIES = 1000;

/**
 * A map that keeps at most `maxEntries`, dropping the least recently used (read or written) first.
 * A Map iterates in insertion order, so re-inserting an entry on use keeps its order the eviction order.
 */
export class BoundedLru<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(readonly maxEntries = MEMO_MAX_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a whole number of at least 1, not ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  /** The value kept under `key`, now the most recently used; undefined if none. */
  get(key: Key): Value | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as Value;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Keeps `value` under `key` as the most recently used, dropping the least recently used beyond the cap. */
  set(key: Key, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as Key);
  }

  /** Drops the entry under `key`; whether there was one. */
  delete(key: Key): boolean {
    return this.entries.delete(key);
  }
}
