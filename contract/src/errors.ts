import { GraphQLError } from 'graphql';
import { homeName } from './homeOwner.ts';

/**
 * Stable `extensions.code` values clients may branch on. Input errors also carry
 * `extensions.field` (the input field) and `extensions.rule` (which rule it broke).
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'IDEMPOTENCY_KEY_REUSED' | 'DANGLING_REFERENCE' | 'FORBIDDEN' | 'ALREADY_RECORDED';

/**
 * A write whose record the side already holds live (`recordIdentity.ts`): `extensions.id` names it,
 * `extensions.rule` says whether the write's values are its values (`same-record`: nothing to do) or
 * differ (`same-identity`: a correction, refused until the record is withdrawn). In an import the
 * first is the row's EXISTING answer, the second its refusal.
 */
export const ALREADY_RECORDED = 'ALREADY_RECORDED';

/** A rule an input broke; its name is stable, the message is for people. */
export type Rule =
  | 'required'
  | 'too-long'
  | 'malformed'
  | 'future-date'
  | 'before-founding'
  | 'before-start'
  | 'negative'
  | 'too-small'
  | 'too-large'
  | 'unknown-kind'
  | 'malformed-id'
  | 'wrong-jurisdiction'
  | 'wrong-type'
  | 'not-cross-border'
  | 'post-taken'
  | 'dissolved'
  | 'ended'
  | 'closed'
  | 'self-reference'
  | 'parent-kind'
  | 'duplicate'
  | 'not-member'
  | 'period'
  | 'check-digit'
  | 'mismatch'
  | 'too-early'
  | 'not-applicable'
  | 'not-withdrawable'
  | 'withdrawn'
  | 'in-use'
  | 'unknown-region'
  | 'unknown-alliance'
  | 'same-record'
  | 'same-identity';

export function userInputError(message: string, field?: string, rule?: Rule): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field && { field }), ...(rule && { rule }) } });
}

export function notFoundError(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND', ...(field && { field }) } });
}

/**
 * The record changed since the client read it (it sent `sent`, the record is at `current.version`):
 * it must read again and redo its change.
 */
export function conflictError(current: { id: string; version: number }, sent: number): GraphQLError {
  return new GraphQLError(
    `该记录已被他人修改（当前版本 ${current.version}，提交的是 ${sent}），请重新读取后再修改 / ${current.id} was changed by someone else (now version ${current.version}, you sent ${sent}); read it again and redo your change`,
    { extensions: { code: 'CONFLICT', id: current.id, currentVersion: current.version } },
  );
}

/**
 * A reference whose record no longer exists in its home store: raised instead of answering null,
 * so a client sees which ID dangles and where, never a silently missing record.
 */
export function danglingReferenceError(id: string, store: string): GraphQLError {
  return new GraphQLError(`所引用的记录在${homeName(store)}的库中不存在或已不存在 / ${id} does not exist in the ${store} store: the reference to it is dangling`, {
    extensions: { code: 'DANGLING_REFERENCE', id, store },
  });
}
