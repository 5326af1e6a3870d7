const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/** Dashes and minus signs of every width a phone number may be typed with (－ is full-width ASCII). */
export const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;

/**
 * Full-width ASCII (digits, letters, ／, －, ：, ＋) to half-width; the ideographic space to a space.
 * A Chinese input method types ０８２５－１２３４５６７ as readily as 0825-1234567: both mean the same.
 */
export function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A name as organizations' namesakes are compared: full-width as half-width, spaces ignored
 * (磨溪镇（示例）党委 and 磨溪镇(示例) 党委 are one name). The store's rule (refuseNamesake) and the
 * ledger's, for names in a file and in the store.
 */
export const comparedName = (name: string): string => halfWidth(name).replace(/\s+/g, '');

/**
 * Every character `\s` matches in JavaScript (and so {@link comparedName} leaves out): the ASCII
 * spaces, the no-break space, the ideographic space and the other Unicode spaces, the byte order
 * mark. A store compares a name by deleting these (`translate`), since a regular expression's `\s`
 * in a C-locale PostgreSQL is the ASCII spaces only: a title pasted with a no-break space must
 * compare there as it does here.
 */
export const WHITE_SPACE = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code))
  .filter((character) => /\s/.test(character))
  .join('');
