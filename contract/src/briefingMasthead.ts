// Browser-safe: `npm run report`, the documents server's report route and the dashboard's 简报 fields
// read a briefing's 期数 and 印发单位 by these rules, with these bounds and words.
import { halfWidth } from './halfWidth.ts';
import { hasHiddenCharacter } from './text.ts';

/** The defaults of a Suining–Tongnan briefing's masthead; 期数 and 印发单位 may be given. */
export const BRIEFING_DEFAULTS = {
  title: '遂潼川渝毗邻地区一体化发展 党建联建工作简报',
  office: '遂潼联合办公室',
  issue: 1,
} as const;

/**
 * The bounds of what a clerk sets: 第N期 a whole number from 1 to `issue`; 印发单位 at most `office`
 * characters (code points, once trimmed): as many CJK characters as print on one line beside the
 * longest date of issue (2026年12月31日) under the red header (16 pt, on the A4 text's 156 mm), in
 * LibreOffice's fonts as in Word's; a 19th broke the line inside the date (…12 月 31 / 日).
 */
export const MASTHEAD_LIMITS = { issue: 9999, office: 18 } as const;

/** The masthead's fields by their Chinese names, as the dashboard labels them and refusals name them. */
export const MASTHEAD_LABELS = { issue: '期数', office: '印发单位' } as const;

export type MastheadField = keyof typeof MASTHEAD_LABELS;

/** Why a field is refused: in Chinese (no final 。, for the caller to go on) and in English. */
export interface MastheadProblem {
  readonly ok: false;
  readonly field: MastheadField;
  readonly message: string;
  readonly english: string;
}

/** A field's value as read, or why not. */
export type MastheadCheck<T> = { readonly ok: true; readonly value: T } | MastheadProblem;

/**
 * 期数 as typed: a whole number from 1 to {@link MASTHEAD_LIMITS}.issue, full-width digits as
 * half-width (a Chinese input method types ７ as readily as 7); `7.0`, `1e1`, `0x7` or `七` are refused,
 * not read as some number.
 */
export function checkIssue(typed: string): MastheadCheck<number> {
  const digits = halfWidth(typed).trim();
  const issue = /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
  if (issue >= 1 && issue <= MASTHEAD_LIMITS.issue) return { ok: true, value: issue };
  return {
    ok: false,
    field: 'issue',
    message: `${MASTHEAD_LABELS.issue}“${typed}”应为 1 至 ${MASTHEAD_LIMITS.issue} 的整数`,
    english: `issue must be a whole number from 1 to ${MASTHEAD_LIMITS.issue}.`,
  };
}

/**
 * 印发单位 as typed, trimmed: not blank, at most {@link MASTHEAD_LIMITS}.office characters, and
 * without a line break or any character that hides text (`hasHiddenCharacter`: a control character
 * would also make the Word file unreadable).
 */
export function checkOffice(typed: string): MastheadCheck<string> {
  const office = typed.trim();
  const refused = (message: string, english: string): MastheadCheck<string> => ({ ok: false, field: 'office', message: `${MASTHEAD_LABELS.office}${message}`, english: `office ${english}` });
  if (!office) return refused('不能为空', 'must not be blank.');
  if (hasHiddenCharacter(office)) return refused('含有换行或不可见的字符，请重新输入', 'must hold no line break or hidden character.');
  const length = [...office].length;
  if (length > MASTHEAD_LIMITS.office) return refused(`至多 ${MASTHEAD_LIMITS.office} 字（现有 ${length} 字），请精简`, `must be at most ${MASTHEAD_LIMITS.office} characters.`);
  return { ok: true, value: office };
}

/** A briefing's 期数 and 印发单位 as typed (undefined: not given, the default), or the first that is wrong. */
export function checkMasthead(typed: { readonly issue?: string | undefined; readonly office?: string | undefined }): { readonly ok: true; readonly issue?: number; readonly office?: string } | MastheadProblem {
  const issue = typed.issue === undefined ? undefined : checkIssue(typed.issue);
  if (issue && !issue.ok) return issue;
  const office = typed.office === undefined ? undefined : checkOffice(typed.office);
  if (office && !office.ok) return office;
  return { ok: true, ...(issue && { issue: issue.value }), ...(office && { office: office.value }) };
}
