/**
 * How long something that failed must go without a failure before it is said to be back, so that
 * one replica of two that fails (every other request or check) stays one warning, not a pair of
 * lines per two checks. @default 5000
 */
export const RECOVERY_QUIET_MS = 5000;

export interface TransitionsOptions {
  /** See {@link RECOVERY_QUIET_MS}. */
  quietMs?: number;
  /** The clock, in milliseconds (tests pass one they move). @default Date.now */
  now?: () => number;
}

/** What a failure changed that is worth a line: the outage began (`was` undefined), or a reason not yet said in it. */
export interface DownChange<Reason> {
  reason: Reason;
  /** The reason of the failure before, when the outage had already begun. */
  was?: Reason;
}

/** That it is back: since when it was down and, last, why. */
export interface Recovery<Reason> {
  reason: Reason;
  downMs: number;
}

/**
 * The state of one thing as requests or checks meet it, for a log that says the changes, never
 * each meeting: {@link Transitions.down} with each failure, {@link Transitions.up} with each
 * success. Back only after `quietMs` without a failure. DOM-free, no logger of its own: the caller
 * says what the answers mean (the gateway's members, the documents server's gateway).
 */
export interface Transitions<Reason> {
  /** A failure: what to say, or undefined (the same reason, or one already said in this outage). */
  down(reason: Reason): DownChange<Reason> | undefined;
  /** A success: the recovery to say, or undefined (it was not down, or failed within the quiet window). */
  up(): Recovery<Reason> | undefined;
  /** Whether it is down, as last met (a success within the quiet window leaves it down). */
  isDown(): boolean;
}

export function transitions<Reason>(options: TransitionsOptions = {}): Transitions<Reason> {
  const quietMs = options.quietMs ?? RECOVERY_QUIET_MS;
  const now = options.now ?? Date.now;
  let outage: { since: number; lastFailure: number; reason: Reason; said: Set<Reason> } | undefined;
  return {
    down(reason) {
      const at = now();
      if (!outage) {
        outage = { since: at, lastFailure: at, reason, said: new Set([reason]) };
        return { reason };
      }
      outage.lastFailure = at;
      if (outage.reason === reason) return undefined;
      const was = outage.reason;
      outage.reason = reason;
      // Once per reason and outage: two replicas failing differently, turn about, stay two lines.
      if (outage.said.has(reason)) return undefined;
      outage.said.add(reason);
      return { reason, was };
    },
    up() {
      const at = now();
      if (!outage || at - outage.lastFailure < quietMs) return undefined;
      const recovery = { reason: outage.reason, downMs: at - outage.since };
      outage = undefined;
      return recovery;
    },
    isDown: () => outage !== undefined,
  };
}
