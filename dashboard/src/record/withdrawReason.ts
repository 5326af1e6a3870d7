import { LENGTH } from '@linju/contract/writeLimits';
import { storedLength, tooLongMessage } from './storedText.ts';

/** The 撤销原因 field of the panel's 撤销这条记录 form (`reason` of `<key>WithdrawRecord`). */
export const REASON_LABEL = '撤销原因';
/** What a blank reason is told, in the form and when the owner refuses one (`required`). */
export const reasonRequiredMessage = `请填写${REASON_LABEL}`;
/** What a reason longer than the store keeps is told, with the bound (`LENGTH.reason`, as the owner checks it). */
export const reasonTooLongMessage = (length?: number): string => tooLongMessage(REASON_LABEL, LENGTH.reason, length);

export type WithdrawReasonCheck = { readonly ok: true; readonly reason: string } | { readonly ok: false; readonly message: string };

/**
 * Checks the reason before anything is sent, as the owner will (`text(reason, 'reason', LENGTH.reason)`):
 * not blank once trimmed, at most `LENGTH.reason` characters. The owner checks it again (hidden
 * characters among it).
 */
export function checkWithdrawReason(text: string): WithdrawReasonCheck {
  const reason = text.trim();
  if (!reason) return { ok: false, message: reasonRequiredMessage };
  const length = storedLength(reason);
  if (length > LENGTH.reason) return { ok: false, message: reasonTooLongMessage(length) };
  return { ok: true, reason };
}
