/** A jurisdiction operator who may record activities: the side (the role's key) and the region the token names. */
export interface RecordingOperator {
  /** The jurisdiction's key, from the role `<key>-operator`, e.g. `sichuan`. */
  readonly side: string;
  /** The token's `region`: a GB/T 2260 code of that side, e.g. `510904101` (磨溪镇). */
  readonly region: string;
}

/**
 * Who may use the 登记活动 panel, from a token's claims: a jurisdiction's operator with a region,
 * of a side the panel can write to; null for anyone else (viewer, joint office, anonymous).
 *
 * @param recordable the sides the panel has a `RecordActivity` operation for
 */
export function recordingOperator(claims: { readonly role?: string; readonly region?: string } | null | undefined, recordable: readonly string[]): RecordingOperator | null {
  const side = /^(.+)-operator$/.exec(claims?.role ?? '')?.[1];
  if (!side || !recordable.includes(side) || !claims?.region) return null;
  return { side, region: claims.region };
}
