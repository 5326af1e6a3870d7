/**
 * A text's length as the owner's store counts it (`text()` of the subgraph runtime's write checks):
 * characters (code points: an emoji is one) once trimmed, never UTF-16 units.
 */
export const storedLength = (text: string): number => [...text.trim()].length;

/**
 * What a text longer than the store keeps is told, with the bound and, when known, its length:
 * 名称至多 200 字（现有 250 字），请精简 (the form's check); 名称至多 200 字，请精简 (the store's refusal).
 */
export const tooLongMessage = (label: string, most: number, length?: number): string =>
  `${label}至多 ${most} 字${length === undefined ? '' : `（现有 ${length} 字）`}，请精简`;
