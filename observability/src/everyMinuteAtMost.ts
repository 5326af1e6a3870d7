/**
 * Calls `fn` at most `limit` times a minute and drops the rest, counting them. Refused direct
 * calls are audited, but an unauthenticated caller must not be able to flood the owner's log.
 */
export function everyMinuteAtMost<A extends unknown[]>(limit: number, fn: (...args: A) => void, onDropped: (dropped: number) => void): (...args: A) => void {
  let windowStart = Date.now();
  let used = 0;
  let dropped = 0;
  return (...args) => {
    if (Date.now() - windowStart >= 60_000) {
      if (dropped > 0) onDropped(dropped);
      windowStart = Date.now();
      used = 0;
      dropped = 0;
    }
    if (used >= limit) {
      dropped++;
      return;
    }
    used++;
    fn(...args);
  };
}
