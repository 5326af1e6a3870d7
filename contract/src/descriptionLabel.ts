/** A unit in a description's parenthesis is kept (`金额（万元）`); an explanation is not (`类别（座谈交流、…）`). */
const UNIT = /^[\u4e00-\u9fff²]{1,3}$/;

/**
 * The Chinese name a schema description gives a field (the house style is `中文 / English`): the
 * text before the English, without explanations in parentheses, up to the first clause break.
 * `类别（座谈交流、互派学习……）/ Kind` → 类别; `金额（万元）/ Amount` → 金额（万元）;
 * `联系电话：手机号……（个人信息……）/ Phone` → 联系电话. What an export's header and a refusal
 * naming the field both call it.
 */
export function chineseLabel(description: string | null | undefined): string {
  const chinese = (description ?? '').split(/\s?\/\s/)[0]!.trim();
  const withoutNotes = chinese.replace(/（([^（）]*)）/g, (whole, inside: string) => (UNIT.test(inside) ? whole : ''));
  return withoutNotes.split(/[：，；]/)[0]!.trim();
}
