import type { ActivityField, ActivityFormValues } from './activityForm.ts';
import type { PendingSubmission } from './SubmissionKey.ts';

/** Whose a draft is: the token's subject (the person) and the side the panel records for. */
export interface DraftOwner {
  readonly subject: string;
  readonly side: string;
}

/** What a clerk typed in 登记活动 and has not sent (or sent without an answer). */
export interface ActivityDraft {
  readonly values: ActivityFormValues;
  /** 也列出本区划以外的组织. */
  readonly widen: boolean;
  readonly organizerSearch: string;
  readonly allianceSearch: string;
  /** A submission sent without an answer: sent again, it goes with the same idempotency key. */
  readonly pending: PendingSubmission | null;
}

/** One draft a tab, its owner's with it: a tab never holds two people's. */
const KEY = 'linju.dashboard.recordDraft';

interface Stored {
  readonly owner: DraftOwner;
  readonly draft: ActivityDraft;
}

const FIELDS: readonly ActivityField[] = ['kind', 'title', 'heldOn', 'organizerId', 'sessions', 'personTimes', 'talentsRecruited', 'allianceId'];

function read(storage: Storage): Stored | null {
  try {
    const stored = JSON.parse(storage.getItem(KEY) ?? 'null') as Stored | null;
    const values = stored?.draft?.values as Record<string, unknown> | undefined;
    if (typeof stored?.owner?.subject !== 'string' || typeof stored.owner.side !== 'string' || !values) return null;
    if (!FIELDS.every((field) => typeof values[field] === 'string')) return null;
    return stored;
  } catch {
    return null;
  }
}

/** Storage refused (full, or disabled by the browser): the form works as before, only nothing is kept. */
function attempt(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing kept: the draft is a convenience, never a condition of recording.
  }
}

/**
 * What one person typed in the 登记活动 panel and has not yet sent, kept in the tab's sessionStorage
 * (`linju.dashboard.recordDraft`) under that person's subject and side. A token that expires while
 * the page is open takes the panel away; when the same person signs in again (or pastes a new
 * token) the panel is made anew and the draft put back in it. Another person's panel never reads
 * it, and the page forgets it as soon as the tab's token names someone else (`keepOnly`), at 退出,
 * once it is recorded, or when the clerk clears it.
 */
export class RecordDraft {
  constructor(
    private readonly storage: Storage,
    readonly owner: DraftOwner,
  ) {}

  /** The owner's draft, if the tab holds one. */
  load(): ActivityDraft | null {
    const stored = read(this.storage);
    return stored && this.#owns(stored) ? stored.draft : null;
  }

  save(draft: ActivityDraft): void {
    attempt(() => this.storage.setItem(KEY, JSON.stringify({ owner: this.owner, draft } satisfies Stored)));
  }

  /** Forgets the owner's draft (recorded, or cleared); another person's is not the owner's to touch. */
  drop(): void {
    const stored = read(this.storage);
    if (stored && this.#owns(stored)) attempt(() => this.storage.removeItem(KEY));
  }

  /**
   * Forgets any draft that is not `subject`'s, whatever its side; null forgets every draft (退出).
   * The page calls it whenever the tab's token names a person, so one person's draft is never kept
   * while another uses the tab.
   */
  static keepOnly(storage: Storage, subject: string | null): void {
    const stored = read(storage);
    if (stored?.owner.subject === subject) return;
    attempt(() => storage.removeItem(KEY));
  }

  #owns(stored: Stored): boolean {
    return stored.owner.subject === this.owner.subject && stored.owner.side === this.owner.side;
  }
}
