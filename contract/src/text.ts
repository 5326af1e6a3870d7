/**
 * What text the federation accepts, in one place for every input: the Date and ID grammars say
 * what a date or an ID is; these say what no text may hold at all, and what no name may hold.
 */

/**
 * Text no store can hold as it was sent: PostgreSQL's `text` has no NUL character (a statement
 * holding one fails), and UTF-8 has no unpaired surrogate (the driver would silently store U+FFFD
 * instead, so two different strings would become one). Checked for every argument of every
 * request (the subgraphs' unstorable-text plugin), before anything runs.
 */
const UNSTORABLE = /\u0000|\p{Cs}/u;

/** Whether a string holds text no store can hold (a NUL character, an unpaired surrogate). */
export function isUnstorable(text: string): boolean {
  return UNSTORABLE.test(text);
}

/**
 * Characters that hide, reorder or fake text: controls (C0, C1), format characters (zero-width
 * space and joiners, direction marks and overrides, the byte-order mark, the soft hyphen, tag
 * characters), line and paragraph separators, unpaired surrogates and noncharacters. A name,
 * title, kind or idempotency key holding one could render like another. Private-use characters
 * are allowed: offices' systems still encode some rare characters of names (生僻字) there.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u{FDD0}-\u{FDEF}\u{FFFE}\u{FFFF}\u{1FFFE}\u{1FFFF}\u{10FFFE}\u{10FFFF}]/u;

/** Whether a string holds a character that hides, reorders or fakes text ({@link HIDDEN}). */
export function hasHiddenCharacter(text: string): boolean {
  return HIDDEN.test(text);
}

/** The most characters of a client's value a refusal quotes back ({@link excerpt}). */
export const EXCERPT_LENGTH = 40;

/**
 * A client's value as a refusal quotes it back, in either half: at most {@link EXCERPT_LENGTH}
 * characters (then `…`), each character that hides, reorders or fakes text ({@link HIDDEN}: a
 * zero-width space, a right-to-left override, a control) written as its escape (`\u202E`), so the
 * quote shows what was sent and cannot scramble the message around it; a value that is not text
 * as its JSON. The one way every refusal quotes what it was sent (a date, an ID, a kind …).
 */
export function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const characters = [...text];
  const shown = characters.slice(0, EXCERPT_LENGTH).map((character) => (HIDDEN.test(character) ? escaped(character) : character));
  return shown.join('') + (characters.length > EXCERPT_LENGTH ? '…' : '');
}

/** A character as its escape: `\u200B`, or `\u{E0041}` beyond the basic plane. */
const escaped = (character: string): string => {
  const code = character.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16).toUpperCase()}}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** {@link excerpt} in the Chinese half's quotation marks: `“2024/01/01”`. */
export const quotedZh = (value: unknown): string => `“${excerpt(value)}”`;

/** {@link excerpt} in the English half's quotation marks: `"2024/01/01"`. */
export const quotedEn = (value: unknown): string => `"${excerpt(value)}"`;

/**
 * A person's name as the store keeps it: the spaces between two Chinese characters dropped (陈  刚,
 * 何　平: clerks line up two-character names with one or two spaces, and a search for 陈刚 must find
 * him), the name otherwise as given (阿依古丽·买买提, a Latin name's spaces). The store's rule for
 * a person's name (CreatePerson, UpdatePerson) and the ledger's, comparing a row with a registered person.
 */
export const storedPersonName = (name: string): string => name.trim().replace(BETWEEN_CHINESE_CHARACTERS, '$1');

/**
 * Spaces between two Chinese characters: a Han character or a private-use one (offices' systems
 * still encode some 生僻字 there, which {@link HIDDEN} allows), either followed by a variation
 * selector (葛󠄀: an ideographic variation sequence).
 */
const BETWEEN_CHINESE_CHARACTERS = /([\p{Script=Han}\p{Co}][\uFE00-\uFE0F\u{E0100}-\u{E01EF}]?)\s+(?=[\p{Script=Han}\p{Co}])/gu;
