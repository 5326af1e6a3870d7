/**
 * The tab's sessionStorage, as far as the drafts use it; with a quota (characters, keys and values
 * together) it refuses what would not fit, as a browser's does (a `QuotaExceededError`).
 */
export class TabStorage implements Storage {
  readonly #items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    const used = [...this.#items].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.#items.set(key, value);
  }
}
