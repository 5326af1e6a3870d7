/** What a Linju access token says about its holder (the gateway checks the token; this only reads it). */
export interface TokenClaims {
  /** The account, e.g. `moxi-clerk`. */
  readonly sub?: string;
  /** The display name, e.g. 张敏. */
  readonly name?: string;
  /** `viewer`, `joint-operator` or `<jurisdiction key>-operator`. */
  readonly role?: string;
  /** A jurisdiction operator's region: a GB/T 2260 code. */
  readonly region?: string;
  /** Expiry, in seconds since the epoch. */
  readonly exp?: number;
}

/** The payload of a JWT, read without checking it (UTF-8: names are Chinese); null when it is no JWT. */
export function tokenClaims(token: string): TokenClaims | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
    const { sub, name, role, region, exp } = payload as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    return {
      ...(text(sub) && { sub: text(sub) }),
      ...(text(name) && { name: text(name) }),
      ...(text(role) && { role: text(role) }),
      ...(text(region) && { region: text(region) }),
      ...(typeof exp === 'number' && { exp }),
    };
  } catch {
    return null;
  }
}
