/**
 * The `Authorization` typed into GraphiQL's Headers editor, which the request carries instead of
 * the signed-in person's token (`signedInFetch` adds that one only when the request names none):
 * its value, or null when the editor names none. Text that is no JSON object sends nothing
 * (GraphiQL refuses to run with it), so it names none either.
 */
export function editorAuthorization(headers: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(headers || '{}');
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  for (const [name, value] of Object.entries(parsed)) if (name.toLowerCase() === 'authorization') return String(value);
  return null;
}

/** The token of an `Authorization` value, with or without its `Bearer ` (the gateway refuses the latter, but it is still whose token it is). */
export const bearerToken = (authorization: string): string => authorization.replace(/^\s*Bearer\s+/i, '').trim();
