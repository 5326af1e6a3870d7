/** How long before expiry a token is renewed, at most: time for a slow answer and a retry. */
export const RENEWAL_LEAD_MS = 60_000;

/**
 * How long to wait before renewing a token that expires at `expiresAt` (ms since the epoch):
 * a minute before, or halfway through what is left when that is under two minutes; at once when
 * it has expired already.
 */
export function renewalDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  if (left <= 0) return 0;
  return left - Math.min(RENEWAL_LEAD_MS, left / 2);
}
