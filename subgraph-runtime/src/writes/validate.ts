import { hasHiddenCharacter, homeName, parseGlobalId, quotedEn, quotedZh } from '@linju/contract';
import type { GraphQLError } from 'graphql';
import { EARLIEST_FOUNDING, todayInChina, userInputError } from '@linju/contract';
import { fieldMessage } from '@linju/contract/fieldLabels';

/**
 * Input checks shared by every write. Each returns the clean value or throws a BAD_USER_INPUT
 * error naming the field and the rule; nothing from the client is trusted as it comes.
 */

export { todayInChina };

export function text(value: unknown, field: string, max = 200): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!trimmed) throw userInputError(fieldMessage(field, '不能为空', 'is required and must not be blank'), field, 'required');
  if ([...trimmed].length > max) throw userInputError(fieldMessage(field, `超过 ${max} 字，请删减`, `is longer than ${max} characters`), field, 'too-long');
  // Control, zero-width, direction and other hidden characters have no place in a name or title;
  // they only hide things from people (a name that looks like another, text that reads backwards).
  if (hasHiddenCharacter(trimmed)) throw userInputError(fieldMessage(field, '含有控制或不可见字符', 'contains control or invisible characters'), field, 'malformed');
  return trimmed;
}

/** The longest idempotency key: room for any UUID, hash or composite key a client makes. */
export const MAX_IDEMPOTENCY_KEY = 200;

/**
 * A write's idempotency key, or null for none (absent or blank). A key is compared as stored, so it
 * must be text that is stored as sent and shows what it is: at most {@link MAX_IDEMPOTENCY_KEY}
 * characters, no control or invisible character (`k` and `k` + a zero-width space are two keys
 * that look like one).
 */
export function idempotencyKey(value: unknown): string | null {
  const key = typeof value === 'string' ? value.trim() : '';
  if (!key) return null;
  if (key.length > MAX_IDEMPOTENCY_KEY) throw userInputError(fieldMessage('idempotencyKey', `超过 ${MAX_IDEMPOTENCY_KEY} 个字符`, `is longer than ${MAX_IDEMPOTENCY_KEY} characters`), 'idempotencyKey', 'too-long');
  if (hasHiddenCharacter(key)) throw userInputError(fieldMessage('idempotencyKey', '含有控制或不可见字符', 'contains control or invisible characters'), 'idempotencyKey', 'malformed');
  return key;
}

/** An imported row without an idempotency key (blank): each row must have one. */
export const idempotencyKeyRequired = (): GraphQLError => userInputError(fieldMessage('idempotencyKey', '不能为空：导入的每一行都须填写', 'is required for every imported row'), 'idempotencyKey', 'required');

/**
 * The version a client read of a versioned record (organization, post, alliance): a count of its
 * changes, never negative. A version that is not the current one is the CONFLICT check's business.
 */
export function version(value: unknown, field = 'version'): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw userInputError(fieldMessage(field, '须为整数', 'must be a whole number'), field, 'malformed');
  if (value < 0) throw negative(field, value);
  return value;
}

/** A number below zero where none may be (a count, an amount, a version, a target): `场次不能为负数（收到 -1） / sessions must not be negative; got -1`. */
export function negative(field: string, value: number): GraphQLError {
  return userInputError(fieldMessage(field, `不能为负数（收到 ${value}）`, `must not be negative; got ${value}`), field, 'negative');
}

/** A number above what can be right (`max`): a slip of the unit or a digit too many. */
export function tooLarge(field: string, value: number, max: number): GraphQLError {
  return userInputError(fieldMessage(field, `${value} 超过 ${max}，不可能正确，请检查单位`, `(${value}) is more than ${max}, which cannot be right`), field, 'too-large');
}

/**
 * An update whose every value given is the record's current one: refused, as a form saved without
 * an edit would otherwise move the record's version and meet other clerks with a needless CONFLICT.
 * `what`: the record in Chinese (人员, 党组织) and in English; `field`: the argument that carries the values.
 */
export function unchanged(what: { zh: string; en: string }, field = 'input'): GraphQLError {
  return userInputError(`所填内容与该${what.zh}现有信息相同，没有要修改的内容 / ${field} changes nothing: every value given is the ${what.en}'s current one`, field, 'required');
}

/**
 * An update that gives no value at all (every field of `input` left out or blank). `verb`: what the
 * form does, 修改 (change) or 更正 (correct).
 */
export function nothingGiven(verb: { zh: '修改' | '更正'; en: 'change' | 'correct' } = { zh: '修改', en: 'change' }, field = 'input'): GraphQLError {
  return userInputError(`没有要${verb.zh}的内容，请至少填写一项 / ${field} changes nothing: give at least one field to ${verb.en}`, field, 'required');
}

export function optionalText(value: unknown, field: string, max = 200): string | null {
  return value === null || value === undefined || (typeof value === 'string' && !value.trim()) ? null : text(value, field, max);
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  const clean = text(value, field, 50);
  if (!allowed.includes(clean as T)) throw userInputError(fieldMessage(field, `${quotedZh(clean)}不在可选范围内，可选：${allowed.join('、')}`, `${quotedEn(clean)} is not one of: ${allowed.join('、')}`), field, 'unknown-kind');
  return clean as T;
}

/** What a date may not precede, in Chinese, when the caller names nothing more precise. */
const NOT_BEFORE_ZH = { 'before-founding': '成立日期', 'before-start': '开始日期' } as const;

/**
 * A past or present date (Date scalar already checked the format); optionally not before another
 * date: `what` names it in English (with IDs), `zh` in Chinese (without: a clerk reads it).
 */
export function pastDate(
  value: unknown,
  field: string,
  notBefore?: { date: string | Date | null; what: string; zh?: string; rule?: 'before-founding' | 'before-start' },
): string {
  if (typeof value !== 'string') throw userInputError(fieldMessage(field, '不能为空', 'is required'), field, 'required');
  if (value > todayInChina()) throw userInputError(fieldMessage(field, `${value} 晚于今天`, `${value} is in the future`), field, 'future-date');
  const limit = notBefore?.date instanceof Date ? notBefore.date.toISOString().slice(0, 10) : notBefore?.date;
  if (limit && value < limit) throw userInputError(fieldMessage(field, `${value} 早于${notBefore!.zh ?? NOT_BEFORE_ZH[notBefore!.rule ?? 'before-founding']}（${limit}）`, `${value} is before ${notBefore!.what} (${limit})`), field, notBefore!.rule ?? 'before-founding');
  return value;
}

/**
 * The founding date of a party organization or of an alliance of them: a past date, and not before
 * the Party itself ({@link EARLIEST_FOUNDING}, `too-early`).
 */
export function foundingDate(value: unknown, field: string): string {
  const day = pastDate(value, field);
  if (day < EARLIEST_FOUNDING) {
    throw userInputError(fieldMessage(field, `${day} 早于中国共产党成立（${EARLIEST_FOUNDING}），不可能正确，请检查年份`, `${day} is before ${EARLIEST_FOUNDING}, when the Communist Party of China was founded, which cannot be right`), field, 'too-early');
  }
  return day;
}

/** A whole count of people, sessions, times …: never negative, never absurd. */
export function count(value: unknown, field: string, max: number, { required = false, min = 0 } = {}): number {
  if (value === null || value === undefined) {
    if (required) throw userInputError(fieldMessage(field, '不能为空', 'is required'), field, 'required');
    return 0;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) throw userInputError(fieldMessage(field, '须为整数', 'must be a whole number'), field, 'malformed');
  if (value < 0) throw negative(field, value);
  if (value > max) throw tooLarge(field, value, max);
  if (value < min) throw userInputError(fieldMessage(field, `至少为 ${min}（收到 ${value}）`, `must be at least ${min}; got ${value}`), field, 'too-small');
  return value;
}

/** An amount (m², 亩, 万元, km) with at most two decimals: never negative, never absurd. */
export function amount(value: unknown, field: string, max: number): number {
  if (value === null || value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw userInputError(fieldMessage(field, '须为数字', 'must be a number'), field, 'malformed');
  if (value < 0) throw negative(field, value);
  if (value > max) throw tooLarge(field, value, max);
  return Math.round(value * 100) / 100;
}

/**
 * A global ID that must name a record of `home` and `type` (e.g. this side's Organization).
 * `home` may list several homes (a post holder may be a person of either side).
 */
export function globalId(value: unknown, field: string, home: string | readonly string[], type: string): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!id) throw userInputError(fieldMessage(field, '不能为空', 'is required'), field, 'required');
  const parsed = parseGlobalId(id);
  const homes = typeof home === 'string' ? [home] : home;
  // The example is of the ID's own home: an alliance's is the joint office's (joint:Alliance:…).
  if (!parsed || id.length > 200) throw userInputError(fieldMessage(field, `${quotedZh(id)}不是邻聚 ID`, `${quotedEn(id)} is not a Linju ID such as ${homes[0]}:${type}:…`), field, 'malformed-id');
  if (!homes.includes(parsed.home)) {
    throw userInputError(
      fieldMessage(field, `须为${homes.map(homeName).join('或')}的记录，所填的属于${homeName(parsed.home)}`, `${id} belongs to ${parsed.home}; it must be a record of ${homes.join(' or ')}`),
      field,
      'wrong-jurisdiction',
    );
  }
  if (parsed.type !== type) throw userInputError(fieldMessage(field, '所填 ID 所指记录的类型不对', `${id} is of type ${parsed.type}, not ${type}`), field, 'wrong-type');
  return id;
}

export function optionalGlobalId(value: unknown, field: string, home: string | readonly string[], type: string): string | null {
  return value === null || value === undefined ? null : globalId(value, field, home, type);
}
