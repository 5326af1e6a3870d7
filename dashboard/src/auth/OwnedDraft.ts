/** Whose a draft is: the token's subject (the person) and the side the panel works for. */
export interface DraftOwner {
  readonly subject: string;
  readonly side: string;
}

interface Stored<T> {
  readonly owner: DraftOwner;
  readonly draft: T;
}

/** Storage refused (full, or disabled by the browser): the panel works as before, only nothing is kept. */
function attempt(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing kept: a draft is a convenience, never a condition of the work.
  }
}

/**
 * One person's unfinished work in a panel, kept in the tab's sessionStorage under `key` with its
 * owner (subject and side), so a token that lapses while the page is open loses nothing the same
 * person comes back for. One draft a key and tab: a tab never holds two people's. `isDraft` says
 * whether what is stored is one (anything else, an older page's, is not).
 */
export class OwnedDraft<T> {
  constructor(
    private readonly storage: Storage,
    private readonly key: string,
    readonly owner: DraftOwner,
    private readonly isDraft: (draft: unknown) => draft is T,
  ) {}

  /** The owner's draft, if the tab holds one. */
  load(): T | null {
    const stored = this.#read();
    return stored && this.#owns(stored) ? stored.draft : null;
  }

  /**
   * Keeps `draft` for the owner; false when the storage refused it (full, or disabled), and then no
   * older draft is left in its place to be put back later as if it were this one.
   */
  save(draft: T): boolean {
    try {
      this.storage.setItem(this.key, JSON.stringify({ owner: this.owner, draft } satisfies Stored<T>));
      return true;
    } catch {
      attempt(() => this.storage.removeItem(this.key));
      return false;
    }
  }

  /** Forgets the owner's draft (done, or cleared); another person's is not the owner's to touch. */
  drop(): void {
    const stored = this.#read();
    if (stored && this.#owns(stored)) attempt(() => this.storage.removeItem(this.key));
  }

  /**
   * Forgets the draft under `key` unless it is `subject`'s, whatever its side; null forgets it
   * whoever's it is (退出). The page calls it whenever the tab's token names a person.
   */
  static keepOnlyUnder(storage: Storage, key: string, subject: string | null): void {
    try {
      const stored = JSON.parse(storage.getItem(key) ?? 'null') as Stored<unknown> | null;
      if (stored && stored.owner?.subject === subject) return;
    } catch {
      // Unreadable: forgotten below.
    }
    attempt(() => storage.removeItem(key));
  }

  #read(): Stored<T> | null {
    try {
      const stored = JSON.parse(this.storage.getItem(this.key) ?? 'null') as Stored<unknown> | null;
      if (typeof stored?.owner?.subject !== 'string' || typeof stored.owner.side !== 'string' || !this.isDraft(stored.draft)) return null;
      return stored as Stored<T>;
    } catch {
      return null;
    }
  }

  #owns(stored: Stored<T>): boolean {
    return stored.owner.subject === this.owner.subject && stored.owner.side === this.owner.side;
  }
}
