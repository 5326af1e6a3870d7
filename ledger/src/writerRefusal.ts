import { operatorJurisdiction, operatorRole, roleNameZh, type Role } from '@linju/access';
import { JURISDICTIONS } from '@linju/contract';
import { pastedToken, sideName } from './gatewayClient.ts';
import { LedgerError } from './LedgerError.ts';
import { tokenHolder } from './tokenHolder.ts';

/**
 * Who may write a side's ledgers, said before anything is read or sent: an import (导入台账) and a
 * withdrawal of one (撤销导入) are refused the same way, for the same accounts, in the same words,
 * written here once: no token (401, `signInFirst`), an account that writes no side's records (a
 * viewer, the joint office's operator) or another side's operator (403 `FORBIDDEN`, `writerRefusal`).
 * The token's role is read where the gateway reads it (`tokenHolder`: `LINJU_CLAIM_ROLE`), not
 * checked: the gateway checks the token on every read and write, and a token naming no Linju role
 * is left to it (its `no-role` says why).
 */
export type WriteAsked = 'import' | 'withdraw';

const ASKED: Readonly<Record<WriteAsked, { what: string; verb: string; own: string; nothing: string; en: string; file: string }>> = {
  import: { what: '导入台账', verb: '导入', own: '台账', nothing: '未导入任何内容', en: 'an import writes', file: '要导入的台账文件' },
  withdraw: { what: '撤销导入', verb: '撤销', own: '导入', nothing: '未撤销任何记录', en: 'a withdrawal writes', file: '本次导入的导入结果文件（……导入结果.xlsx）' },
};

/** What an upload asked for is, and what its refusal leaves undone: 要导入的台账文件 and 未导入任何内容, or the withdrawal's. */
export const uploadWords = (asked: WriteAsked): { file: string; nothing: string } => ({ file: ASKED[asked].file, nothing: ASKED[asked].nothing });

/** The refusal of a request without a token (401 `UNAUTHENTICATED`): `中文 / English`, as the documents server's refusals are written. */
export const signInFirst = (asked: WriteAsked): string => `请先登录（辖区操作员）再${ASKED[asked].what}。 / Sign in first: ${ASKED[asked].en} under your own authority.`;

/** Roles of Linju that write no side's ledgers (named as a clerk reads them by `roleNameZh`, as the stores' refusals name them). */
const NON_WRITERS: ReadonlySet<string> = new Set<Role>(['viewer', operatorRole('joint')]);

/** 请以四川省的操作员身份登录: who may write `side`'s store, as every refusal of a write to it says. */
export const signInAs = (side: string): string => `请以${sideName(side)}的操作员身份登录`;

/** 只能导入本方（四川省）的台账，不能写入重庆市的库: an operator of `own` asking to write `side`'s store, as every refusal of it says. */
export const otherSideWords = (own: string, asked: WriteAsked, side: string): string =>
  `只能${ASKED[asked].verb}本方（${sideName(own)}）的${ASKED[asked].own}，不能写入${sideName(side)}的库`;

/**
 * Why the token's holder may not do what is asked on `side` (undefined: a withdrawal, before its
 * report says the side), as a `forbidden` LedgerError (403), or null: an operator of that side (or of
 * some side, when none is named), or a token whose role is none of Linju's (the gateway says why).
 */
export function writerRefusal(token: string, asked: WriteAsked, side?: string): LedgerError | null {
  const role = tokenHolder(token)?.role ?? '';
  const words = ASKED[asked];
  if (NON_WRITERS.has(role)) {
    const sides = JURISDICTIONS.map((j) => j.name).join('、');
    const signIn = side ? `，${signInAs(side)}` : '';
    return new LedgerError(`当前账号（${roleNameZh(role as Role)}）无权${words.what}：只有辖区（${sides}）的操作员能${words.what}${signIn}。${words.nothing}。`, 'forbidden');
  }
  // The token read once: its role names the side an operator writes (none for another role).
  const own = operatorJurisdiction(role as Role)?.key;
  if (side && own && own !== side) return otherSideRefusal(own, asked, side);
  return null;
}

/**
 * A token that is no token at all (not a JWT: a mistyped or half-pasted string, a password), refused as the gateway would
 * refuse it (`token-refused`), before anything else is asked of the command (the side it writes), or null. Read, not checked.
 */
export function tokenRefusal(token: string, asked: WriteAsked): LedgerError | null {
  if (tokenHolder(pastedToken(token))) return null;
  return new LedgerError(`令牌无效：所给的不是登录后得到的访问令牌，请重新登录，复制完整的令牌后再${ASKED[asked].verb}。${ASKED[asked].nothing}。`, 'token-refused');
}

/** An operator of `own` asking to write `side`'s store (403). */
export const otherSideRefusal = (own: string, asked: WriteAsked, side: string): LedgerError =>
  new LedgerError(`${otherSideWords(own, asked, side)}。${ASKED[asked].nothing}。`, 'forbidden');
