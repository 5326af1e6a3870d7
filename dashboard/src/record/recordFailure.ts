import { isTokenRefusal, statementRefusedText, TOKEN_REFUSED_TEXT } from '../graphql/errorText.ts';
import { outagesOf } from '../graphql/outages.ts';
import { isRateLimited, RATE_LIMITED, rateLimitedText, retryAfterSeconds } from '../graphql/rateLimit.ts';
import type { GraphQLError } from '../graphql/sendOperation.ts';
import { todayInChina } from '@linju/contract/todayInChina';
import { ACTIVITY_FIELD_LABELS, beforeFoundingMessage, requiredMessage, talentsNotCountedMessage, titleTooLongMessage, tooLargeMessage, tooSmallMessage, type ActivityField } from './activityForm.ts';
import { REASON_LABEL, reasonRequiredMessage, reasonTooLongMessage } from './withdrawReason.ts';

/**
 * Why the panel could not write (record or withdraw) or read what it needs, in the person's words,
 * as both writes say it. The panel never shows a gateway's raw error: each kind has its own Chinese
 * text, and the person is told what to do.
 */
export type WriteFailure =
  /** The record lies outside the operator's region (its organizer's): the owner refused, naming both regions. */
  | { readonly kind: 'outside-region'; readonly message: string; readonly operatorRegionName: string; readonly recordRegionName: string }
  /** The token expired or was refused: 请重新登录. */
  | { readonly kind: 'signed-out'; readonly message: string }
  /**
   * The gateway got no answer to the write after it may have reached the store (`extensions.writeOutcome`
   * `unknown`): it may have been made, or may still be. Not said as refused (未登记): 结果未知, and the
   * person checks before doing it again (sent again, it goes with the same idempotency key).
   */
  | { readonly kind: 'outcome-unknown'; readonly message: string }
  /**
   * The activity is registered already with these very values (by a ledger import, another 登记:
   * `ALREADY_RECORDED`, `same-record`): nothing written, and nothing to do. Headed 已登记, the store's
   * words naming the record by what it is (座谈交流，“…”，磨溪镇党委，2026-12-04).
   */
  | { readonly kind: 'already-recorded'; readonly message: string }
  /** Anything else (no right to write, the store unavailable, the gateway unreachable …). */
  | { readonly kind: 'other'; readonly message: string };

/** Why the panel could not record an activity (or read what it needs). */
export type RecordFailure =
  | WriteFailure
  /** A field the owner refused: highlighted, with the message beside it. */
  | { readonly kind: 'input'; readonly field: ActivityField; readonly message: string };

const FIELDS = Object.keys(ACTIVITY_FIELD_LABELS) as ActivityField[];
/**
 * The form's field an error names: the input's field (`heldOn`), or the last step of a path to it, as
 * the gateway names a value its scalar refused before any resolver ran (`variables.input.heldOn`).
 */
function fieldOf(field: unknown): ActivityField | null {
  if (typeof field !== 'string') return null;
  const name = field.split('.').pop()!;
  return (FIELDS as string[]).includes(name) ? (name as ActivityField) : null;
}

/** What an input rule of the owner (`extensions.rule`) means for a field of this form. */
function inputMessage(field: ActivityField, rule: unknown, code: string): string {
  const label = ACTIVITY_FIELD_LABELS[field];
  if (code === 'NOT_FOUND') return `所选${label}已不存在，请重新选择`;
  switch (rule) {
    case 'required':
      return requiredMessage(field);
    case 'future-date':
      return `${label}不能晚于今天`;
    case 'before-founding':
      return beforeFoundingMessage();
    case 'dissolved':
      return `所选${label}在举办日期前已撤销`;
    case 'too-long':
      return field === 'title' ? titleTooLongMessage() : `${label}过长，请精简`;
    case 'too-large':
      return tooLargeMessage(field);
    case 'too-small':
      return tooSmallMessage(field);
    case 'negative':
      return `${label}不能为负数`;
    case 'unknown-kind':
      return `${label}不在可选范围内，请重新选择`;
    case 'malformed-id':
    case 'wrong-jurisdiction':
    case 'wrong-type':
      return `所选${label}无效，请重新选择`;
    case 'malformed':
      return `${label}格式不对或含有不可见字符`;
    case 'not-applicable':
      return field === 'talentsRecruited' ? talentsNotCountedMessage : `${label}不适用于所选类别`;
    default:
      return `${label}有误，请核对`;
  }
}

/** The Chinese part of a bilingual message (`中文。 / English.`), or null when it has none. */
function chinesePart(message: string): string | null {
  const chinese = message.split(' / ')[0]!.trim();
  return /[\u4e00-\u9fff]/.test(chinese) ? chinese : null;
}

/** What the panel's two writes say differently: what the account may not do, and the button to press again. */
interface WriteWords {
  readonly forbidden: (sideName: string) => string;
  readonly button: string;
  /** The write, as a verb (登记, 撤销). */
  readonly act: string;
}

const RECORDING: WriteWords = { forbidden: (sideName) => `当前账号无权登记${sideName}的活动。`, button: '登记', act: '登记' };
const WITHDRAWING: WriteWords = { forbidden: (sideName) => `当前账号无权撤销${sideName}的记录。`, button: '确认撤销', act: '撤销' };

const codeOf = (error: GraphQLError): string => error.extensions?.code ?? '';

/**
 * Whether the gateway refused the token the request was sent with (expired, invalid), whatever else
 * the answer says; not a subgraph's refusal of the gateway's statement (`isTokenRefusal`).
 */
export const refusesToken = (errors: readonly GraphQLError[]): boolean => errors.some(isTokenRefusal);

/** A refused or expired token, whatever else the answer says. */
function signedOutOf(errors: readonly GraphQLError[]): WriteFailure | null {
  return refusesToken(errors) ? { kind: 'signed-out', message: TOKEN_REFUSED_TEXT } : null;
}

/** A record outside the operator's region: the owner's Chinese message, naming both regions. */
function outsideRegionOf(errors: readonly GraphQLError[]): WriteFailure | null {
  const outside = errors.find((error) => codeOf(error) === 'FORBIDDEN' && error.extensions?.rule === 'outside-region');
  if (!outside) return null;
  const ext = outside.extensions!;
  const operatorRegionName = String(ext['operatorRegionName'] ?? ext['operatorRegion'] ?? '');
  const recordRegionName = String(ext['recordRegionName'] ?? ext['recordRegion'] ?? '');
  const message = chinesePart(outside.message) ?? `${operatorRegionName}的操作员只能写入本区划内的记录，该记录属于${recordRegionName}，未作任何更改。`;
  return { kind: 'outside-region', message, operatorRegionName, recordRegionName };
}

/**
 * A store that did not answer the write, as the gateway knows it (`extensions.writeOutcome`, docs/api.md):
 * `not-written` (the write never reached it, or its subgraph refused it before doing anything for a
 * secret it does not share with the gateway, `reason: "secret-mismatch"`: 配置有误, which pressing
 * again does not mend) 未写入; `unknown` (it may have) 结果未知, to be checked; a store down with
 * neither (a read, an older gateway) 暂不可用.
 */
function outageOf(errors: readonly GraphQLError[], words: WriteWords): WriteFailure | null {
  const outage = outagesOf(errors)[0];
  if (!outage) return null;
  const told = errors.find((error) => error.extensions?.subgraph === outage.subgraph && error.extensions.writeOutcome);
  const outcome = told?.extensions?.writeOutcome;
  if (outcome === 'not-written' && told!.extensions!['reason'] === 'secret-mismatch') {
    return { kind: 'other', message: `${outage.name}的数据服务配置有误，需管理员处理，本次未写入；请在管理员改正后再点“${words.button}”。` };
  }
  if (outcome === 'not-written') return { kind: 'other', message: `${outage.name}暂时无法连接，本次未写入，请稍后再点“${words.button}”。` };
  if (outcome === 'unknown') {
    return { kind: 'outcome-unknown', message: `${outage.name}未及时答复，本次${words.act}结果未知（可能已${words.act}），请刷新核对；如未${words.act}，再点“${words.button}”按原提交发送，不会重复${words.act}。` };
  }
  return { kind: 'other', message: `${outage.name}数据暂不可用，请稍后再试。` };
}

/**
 * A subgraph's refusal of the whole request (`writeOutcome: "not-written"` on an error of its own
 * code, docs/api.md). Its refusal of the gateway's statement (`UNAUTHENTICATED`: expired by clocks
 * apart, or replayed) is said as the figures say it (`statementRefusedText`, naming its jurisdiction):
 * nothing written, press again later, else an administrator; never the subgraph's own advice, which
 * is for a developer calling it directly. Any other code: the Chinese half of its message (the
 * clerk's input) and that nothing was written; null when it says nothing in Chinese.
 */
function refusalOf(errors: readonly GraphQLError[], words: WriteWords): WriteFailure | null {
  const refusal = errors.find((error) => error.extensions?.writeOutcome === 'not-written' && error.extensions.subgraph);
  if (refusal && codeOf(refusal) === 'UNAUTHENTICATED') {
    return { kind: 'other', message: `${statementRefusedText(refusal)}，本次未写入；请稍后再点“${words.button}”，如仍不行请联系管理员。` };
  }
  const chinese = refusal && chinesePart(refusal.message);
  return chinese ? { kind: 'other', message: `${chinese.replace(/[。；，、.;,\s]+$/, '')}。本次未写入。` } : null;
}

/** Whatever else: a store down (请稍后再试), refused as a whole, no right to write, a stale page, an unknown code. */
function otherOf(errors: readonly GraphQLError[], sideName: string, words: WriteWords): WriteFailure {
  const outage = outageOf(errors, words) ?? refusalOf(errors, words);
  if (outage) return outage;
  const first = errors[0];
  switch (first ? codeOf(first) : '') {
    case 'FORBIDDEN':
      return { kind: 'other', message: words.forbidden(sideName) };
    case 'BAD_USER_INPUT':
      return { kind: 'other', message: '填写的内容有误，请核对后再试。' };
    case 'ALREADY_RECORDED': {
      // The record of what was sent is there (same-record), or one a correction would change (same-identity: 撤销 it first); the store names it.
      const said = `${(chinesePart(first!.message) ?? '该记录已登记，未重复登记').replace(/[。；，、.;,\s]+$/, '')}。`;
      return first!.extensions?.rule === 'same-record' ? { kind: 'already-recorded', message: said } : { kind: 'other', message: said };
    }
    case 'IDEMPOTENCY_KEY_REUSED':
      // another-sender: the same request under the same key came from another operator first; other-request: this key went with other content.
      return first!.extensions?.rule === 'another-sender'
        ? { kind: 'other', message: `另一位操作员已提交过内容相同的请求，请先刷新页面核对是否已完成，确需再做时再点“${words.button}”。` }
        : { kind: 'other', message: `这次提交与上一次的内容不一致，请再点一次“${words.button}”。` };
    case 'OPERATION_NOT_REGISTERED':
      return { kind: 'other', message: '看板与网关的版本不一致，请刷新页面后再试。' };
    case RATE_LIMITED:
      // The public proxy refused it before the gateway (HTTP 429): nothing was sent on.
      return { kind: 'other', message: rateLimitedText(retryAfterSeconds(errors), { button: words.button }) };
    case 'TOO_MANY_WRITES':
      // The gateway takes one write a request, refused before any store: the page sends one, so its build is stale.
      return { kind: 'other', message: '每次只能提交一项写入，本次未作任何更改；请刷新页面后再试。' };
    default:
      return { kind: 'other', message: `未能完成${first ? `（错误代码 ${codeOf(first) || '无'}）` : ''}，请稍后再试；如仍不行，请联系管理员。` };
  }
}

/**
 * The failure the first telling error of an answer stands for.
 *
 * @param sideName the jurisdiction written to, as the gateway names it (四川省)
 */
export function describeRecordFailure(errors: readonly GraphQLError[], sideName: string): RecordFailure {
  const general = signedOutOf(errors) ?? outsideRegionOf(errors);
  if (general) return general;
  const input = errors.find((error) => ['BAD_USER_INPUT', 'NOT_FOUND'].includes(codeOf(error)) && fieldOf(error.extensions?.field));
  if (input) {
    const field = fieldOf(input.extensions!.field)!;
    // A value refused by its scalar has no rule; its message's Chinese part, after the path, says what is allowed (日期……超出……的范围).
    const path = String(input.extensions!.field);
    const scalar = path.includes('.') && input.extensions?.rule === undefined ? chinesePart(input.message.replace(`${path}: `, '')) : null;
    return { kind: 'input', field, message: scalar ?? inputMessage(field, input.extensions?.rule, codeOf(input)) };
  }
  return otherOf(errors, sideName, RECORDING);
}

/**
 * Why the panel could not read what it needs (the organizers, the alliances, the operator's region):
 * as `describeRecordFailure` says it, but a rate limit is no write not made, and is tried again by hand.
 */
export function describeReadFailure(errors: readonly GraphQLError[], sideName: string): RecordFailure {
  return isRateLimited(errors) ? { kind: 'other', message: rateLimitedText(retryAfterSeconds(errors), 'by-hand') } : describeRecordFailure(errors, sideName);
}

/** Why the panel could not withdraw the activity it recorded (撤销这条记录), in the person's words. */
export type WithdrawFailure =
  /** The reason the owner refused (blank, too long, hidden characters): said beside 撤销原因. */
  | { readonly kind: 'reason'; readonly message: string }
  /** Withdrawn already (in another tab, or by a lost answer's first send): nothing is left to withdraw. */
  | { readonly kind: 'withdrawn'; readonly message: string }
  | WriteFailure;

/** What the owner's rule about the reason (`extensions.field: "reason"`) means. */
function reasonMessage(rule: unknown): string {
  switch (rule) {
    case 'required':
      return reasonRequiredMessage;
    case 'too-long':
      return reasonTooLongMessage();
    case 'malformed':
      return `${REASON_LABEL}含有控制或不可见字符，请删去后再试`;
    default:
      return `${REASON_LABEL}有误，请核对`;
  }
}

/**
 * The failure of a `<key>WithdrawRecord` (撤销登记) the first telling error stands for: the words of
 * `describeRecordFailure` for what both writes share (the token, the region, an outage …), and the
 * withdrawal's own rules: `withdrawn` (with the day and the reason the owner names), `in-use`,
 * `not-withdrawable`, `NOT_FOUND`, and the reason's rules.
 *
 * @param sideName the jurisdiction written to, as the gateway names it (四川省)
 */
export function describeWithdrawFailure(errors: readonly GraphQLError[], sideName: string): WithdrawFailure {
  const general = signedOutOf(errors) ?? outsideRegionOf(errors);
  if (general) return general;
  const reason = errors.find((error) => codeOf(error) === 'BAD_USER_INPUT' && error.extensions?.field === 'reason');
  if (reason) return { kind: 'reason', message: reasonMessage(reason.extensions?.rule) };
  const refused = errors.find((error) => ['BAD_USER_INPUT', 'NOT_FOUND'].includes(codeOf(error)) && error.extensions?.field === 'id');
  if (refused) {
    if (codeOf(refused) === 'NOT_FOUND') return { kind: 'other', message: '这条记录已不存在，无法撤销；请刷新页面核对。' };
    switch (refused.extensions?.rule) {
      case 'withdrawn': {
        // The owner says when and why (extensions.withdrawnAt, ISO 8601, and reason): the day is the clerk's, China's.
        const at = refused.extensions?.withdrawnAt;
        const why = refused.extensions?.reason;
        const known = typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof why === 'string';
        return { kind: 'withdrawn', message: known ? `这条记录已于 ${todayInChina(new Date(at))} 撤销（原因：${why}），无需再次撤销。` : '这条记录已经撤销，无需再次撤销。' };
      }
      case 'in-use':
        return { kind: 'other', message: '这条记录仍被其他记录引用，未作任何更改；请先撤销引用它的记录。' };
      case 'not-withdrawable':
        return { kind: 'other', message: '这类记录不能撤销登记，未作任何更改。' };
      default:
        return { kind: 'other', message: `这条记录无法在${sideName}撤销，未作任何更改。` };
    }
  }
  return otherOf(errors, sideName, WITHDRAWING);
}

/**
 * The heading of a failure's box: the write's own (未登记, 未撤销), or 结果未知 when the store may have
 * made it (`outcome-unknown`), which is no refusal.
 */
export function failureHeading(failure: { readonly kind: string }, heading: string): string {
  return failure.kind === 'outcome-unknown' ? '结果未知' : failure.kind === 'already-recorded' ? '已登记' : heading;
}

/** The gateway could not be reached at all (the request itself failed). */
export const UNREACHABLE: WriteFailure = { kind: 'other', message: '无法连接网关，请检查网络后再试。' };
