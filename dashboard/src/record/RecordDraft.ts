import { OwnedDraft, type DraftOwner } from '../auth/OwnedDraft.ts';
import type { ActivityField, ActivityFormValues } from './activityForm.ts';
import type { PendingSubmission } from './SubmissionKey.ts';

export type { DraftOwner } from '../auth/OwnedDraft.ts';

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

const FIELDS: readonly ActivityField[] = ['kind', 'title', 'heldOn', 'organizerId', 'sessions', 'personTimes', 'talentsRecruited', 'allianceId'];

function isActivityDraft(draft: unknown): draft is ActivityDraft {
  const values = (draft as { values?: Record<string, unknown> } | null)?.values;
  return !!values && FIELDS.every((field) => typeof values[field] === 'string');
}

/**
 * What one person typed in the 登记活动 panel and has not yet sent, kept in the tab's sessionStorage
 * (`linju.dashboard.recordDraft`) under that person's subject and side. A token that expires while
 * the page is open takes the panel away; when the same person signs in again (or pastes a new
 * token) the panel is made anew and the draft put back in it. Another person's panel never reads
 * it, and the page forgets it as soon as the tab's token names someone else (`keepOnly`), at 退出,
 * once it is recorded, or when the clerk clears it.
 */
export class RecordDraft extends OwnedDraft<ActivityDraft> {
  constructor(storage: Storage, owner: DraftOwner) {
    super(storage, KEY, owner, isActivityDraft);
  }

  /**
   * Forgets any draft that is not `subject`'s, whatever its side; null forgets every draft (退出).
   * The page calls it whenever the tab's token names a person, so one person's draft is never kept
   * while another uses the tab.
   */
  static keepOnly(storage: Storage, subject: string | null): void {
    OwnedDraft.keepOnlyUnder(storage, KEY, subject);
  }
}
