/**
 * Where the benchmark's and the soak's writes fall: as a clerk's records do, over the days of a year
 * and the organizers of the area, not all on one organizer and day. A write's identity (kind,
 * title, day, organizer: `recordIdentity.ts` in the contract) is checked in its transaction against
 * the live records of that organizer and day; writes piled on one of them would make that check
 * read every earlier write of the run (and of earlier runs, the store persisting), which
 * production never sees. The n-th write's place is a function of the seed and n alone, so a run
 * repeats with its seed. The year is none the reads ask about (their answers stay the same
 * whatever was written before), and a title carrying the run's tag keeps each write's identity
 * its own (no ALREADY_RECORDED refusal).
 */

/** The year the writes are held in: after every read's period (2021 H1, 2023, 2024). */
export const WRITE_YEAR = 2025;
const DAYS = 365;

/** A 32-bit mix of two integers (murmur3's finalizer over them). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The n-th write's day (YYYY-MM-DD of {@link WRITE_YEAR}) and organizer (0-based, of `organizers`). */
export function spreadWrite(seed: number, n: number, organizers: number): { heldOn: string; organizer: number } {
  if (!(organizers >= 1)) throw new Error(`No organizer to spread the writes over (${organizers})`);
  const day = mix(seed, 2 * n) % DAYS;
  const heldOn = new Date(Date.UTC(WRITE_YEAR, 0, 1 + day)).toISOString().slice(0, 10);
  return { heldOn, organizer: mix(seed, 2 * n + 1) % organizers };
}
