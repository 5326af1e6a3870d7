import { outagesOf } from '../graphql/outages.ts';
import type { GraphQLError } from '../graphql/sendOperation.ts';
import { ACTIVITY_FIELD_LABELS, requiredMessage, talentsNotCountedMessage, tooLargeMessage, tooSmallMessage, type ActivityField } from './activityForm.ts';

/**
 * Why the panel could not record (or read what it needs), in the person's words. The panel never
 * shows a gateway's raw error: each kind has its own Chinese text, and the person is told what to do.
 */
export type RecordFailure =
  /** The organizer lies outside the operator's region: the owner refused, naming both regions. */
  | { readonly kind: 'outside-region'; readonly message: string; readonly operatorRegionName: string; readonly recordRegionName: string }
  /** A field the owner refused: highlighted, with the message beside it. */
  | { readonly kind: 'input'; readonly field: ActivityField; readonly message: string }
  /** The token expired or was refused: 请重新登录. */
  | { readonly kind: 'signed-out'; readonly message: string }
  /** Anything else (no right to write, the store unavailable, the gateway unreachable …). */
  | { readonly kind: 'other'; readonly message: string };

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
      return `${label}早于主办组织的成立日期`;
    case 'dissolved':
      return `所选${label}在举办日期前已撤销`;
    case 'too-long':
      return `${label}过长，请精简`;
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

/**
 * The failure the first telling error of an answer stands for.
 *
 * @param sideName the jurisdiction written to, as the gateway names it (四川省)
 */
export function describeRecordFailure(errors: readonly GraphQLError[], sideName: string): RecordFailure {
  const codeOf = (error: GraphQLError) => error.extensions?.code ?? '';
  const signedOut = errors.find((error) => codeOf(error) === 'UNAUTHENTICATED');
  if (signedOut) return { kind: 'signed-out', message: '登录已失效或令牌无效，请重新登录。' };
  const outside = errors.find((error) => codeOf(error) === 'FORBIDDEN' && error.extensions?.rule === 'outside-region');
  if (outside) {
    const ext = outside.extensions!;
    const operatorRegionName = String(ext['operatorRegionName'] ?? ext['operatorRegion'] ?? '');
    const recordRegionName = String(ext['recordRegionName'] ?? ext['recordRegion'] ?? '');
    const message =
      chinesePart(outside.message) ?? `${operatorRegionName}的操作员只能写入本区划内的记录，该记录属于${recordRegionName}，未作任何更改。`;
    return { kind: 'outside-region', message, operatorRegionName, recordRegionName };
  }
  const input = errors.find((error) => ['BAD_USER_INPUT', 'NOT_FOUND'].includes(codeOf(error)) && fieldOf(error.extensions?.field));
  if (input) {
    const field = fieldOf(input.extensions!.field)!;
    // A value refused by its scalar has no rule; its message's Chinese part, after the path, says what is allowed (日期……超出……的范围).
    const path = String(input.extensions!.field);
    const scalar = path.includes('.') && input.extensions?.rule === undefined ? chinesePart(input.message.replace(`${path}: `, '')) : null;
    return { kind: 'input', field, message: scalar ?? inputMessage(field, input.extensions?.rule, codeOf(input)) };
  }
  const outage = outagesOf(errors)[0];
  if (outage) return { kind: 'other', message: `${outage.name}数据暂不可用，请稍后再试。` };
  const first = errors[0];
  switch (first ? codeOf(first) : '') {
    case 'FORBIDDEN':
      return { kind: 'other', message: `当前账号无权登记${sideName}的活动。` };
    case 'BAD_USER_INPUT':
      return { kind: 'other', message: '填写的内容有误，请核对后再试。' };
    case 'IDEMPOTENCY_KEY_REUSED':
      return { kind: 'other', message: '这次提交与上一次的内容不一致，请再点一次“登记”。' };
    case 'OPERATION_NOT_REGISTERED':
      return { kind: 'other', message: '看板与网关的版本不一致，请刷新页面后再试。' };
    default:
      return { kind: 'other', message: `未能完成${first ? `（错误代码 ${codeOf(first) || '无'}）` : ''}，请稍后再试；如仍不行，请联系管理员。` };
  }
}

/** The gateway could not be reached at all (the request itself failed). */
export const UNREACHABLE: RecordFailure = { kind: 'other', message: '无法连接网关，请检查网络后再试。' };
