/**
 * GBK bytes of a text, as Excel on a Chinese Windows saves a CSV, by inverting Node's GBK decoder over
 * the characters the text uses (no encoder is at hand). Throws when the bytes are valid UTF-8 too:
 * a reader under test must have something to notice.
 */
export function gbkBytes(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if (c.length === 1 && !table.has(c)) table.set(c, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) out.push(c.charCodeAt(0));
    else if (table.has(c)) out.push(...table.get(c)!);
    else throw new Error(`${c} has no GBK bytes`);
  }
  const bytes = new Uint8Array(out);
  let utf8 = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    utf8 = false;
  }
  if (utf8) throw new Error('the GBK bytes are valid UTF-8 too: no reader could tell them apart');
  return bytes;
}
