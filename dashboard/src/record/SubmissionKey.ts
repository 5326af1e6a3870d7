/**
 * A random UUID (v4). `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost); the
 * dashboard may be opened over plain HTTP on an office LAN, where `crypto.getRandomValues` still is.
 */
export function newUuid(random: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A submission's key and the input it was made for (as JSON). */
export interface PendingSubmission {
  readonly key: string;
  readonly input: string;
}

/**
 * The idempotency key of a form's submission. The same input sent again (a double click, a resend
 * after a lost answer) goes with the same key, so the owner writes it once; a changed input is a new
 * submission with a new key (the owner refuses a key reused for other input); after a recorded write,
 * the next submission is new even with the same input.
 */
export class SubmissionKey {
  #pending: PendingSubmission | null = null;

  constructor(private readonly makeKey: () => string = newUuid) {}

  /** The key to send `input` with. */
  for(input: unknown): string {
    const text = JSON.stringify(input);
    if (this.#pending?.input !== text) this.#pending = { key: this.makeKey(), input: text };
    return this.#pending.key;
  }

  /** The submission sent and not yet answered or settled, if any (kept with a draft, see `RecordDraft`). */
  get pending(): PendingSubmission | null {
    return this.#pending;
  }

  /**
   * Takes up a submission sent earlier without an answer (a draft kept across a lapsed sign-in): the
   * same input sent again goes with its key, so a write that had committed is not written twice.
   */
  resume(pending: PendingSubmission | null): void {
    this.#pending = pending;
  }

  /** The submission is over (recorded, or its key refused): the next one gets a new key. */
  settle(): void {
    this.#pending = null;
  }
}
