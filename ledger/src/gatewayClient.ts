import { jurisdictionByKey, MAX_PAGE } from '@linju/contract';
import { readManifest } from '@linju/schema/operations';
import { errorsOfPart, isOutage, type GatewayError } from './answerParts.ts';
import { LedgerError, refusalKind } from './LedgerError.ts';
import { gatewayReason } from './gatewayReason.ts';
import { refusalText } from '@linju/contract/refusalText';
import { operationName } from './operationName.ts';

/** Where and as whom the import talks to the federation. */
export interface GatewayCaller {
  gatewayUrl: string;
  /** Empty: anonymous (public figures only). */
  token: string;
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: GatewayError[];
}

/** What a clerk is told when the gateway cannot be reached or refuses the token, after the fact itself. */
export interface GatewayAdvice {
  unreachable: string;
  refused: string;
}

const IMPORT_ADVICE: GatewayAdvice = {
  unreachable: '已导入的行不受影响，稍后重新导入同一文件即可继续。',
  refused: '请重新登录获取令牌后再导入。',
};

/** The documents the gateway registers (schema/operations/manifest.json), read once. */
let registered: Promise<Set<string>> | undefined;

/**
 * Refuses, before it is sent, a document the manifest does not hold: every document the ledger
 * sends is made by a function `ledgerOperations()` lists, and generated into the manifest, so that a
 * gateway answering registered operations only answers it too. A new document sent without being
 * listed fails here, in development and in the tests of any path that sends it, not first in
 * production.
 */
async function assertRegistered(query: string): Promise<void> {
  registered ??= readManifest().then((manifest) => new Set(Object.values(manifest.operations).map(({ document }) => document)));
  // A manifest that could not be read is read again next time, not remembered as a failure.
  const documents = await registered.catch((error: unknown) => {
    registered = undefined;
    throw error;
  });
  if (!documents.has(query)) {
    throw new Error(`The ledger was about to send a document the gateway does not register (${query.slice(0, 60)}…): make it in a function ledgerOperations() lists (ledger/src/ledgerOperations.ts) and run npm run schema:compose`);
  }
}

/**
 * The token as the gateway takes it: a token has no whitespace, so what a wrapped terminal or a mail
 * put in (line breaks, spaces) is dropped, and a pasted `Bearer ` prefix too. A line break left in
 * would make the header invalid, and the clerk was told the gateway could not be reached.
 */
export function pastedToken(token: string): string {
  return token.trim().replace(/^bearer\s+/i, '').replace(/\s+/g, '');
}

/** Asked before every operation is sent; it throws to send nothing more (an import interrupted: `interruption.ts`). */
export type SendingCheck = (query: string, variables: Record<string, unknown>) => void;

let sendingCheck: SendingCheck | undefined;

/** Sets (or, with undefined, clears) the check every later operation of this process meets before it is sent. */
export function checkBeforeSending(check: SendingCheck | undefined): void {
  sendingCheck = check;
}

/** One operation through the gateway under the caller's token; a refused token or an unreachable gateway stops the import (or the export: `advice`). */
export async function post(caller: GatewayCaller, query: string, variables: Record<string, unknown>, advice: GatewayAdvice = IMPORT_ADVICE): Promise<GraphQLAnswer> {
  sendingCheck?.(query, variables);
  await assertRegistered(query);
  let response: Response;
  try {
    response = await fetch(caller.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(caller.token ? { authorization: `Bearer ${pastedToken(caller.token)}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new LedgerError(`无法连接网关 ${caller.gatewayUrl}；${advice.unreachable}`, 'gateway-unreachable');
  }
  const answer = (await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }))) as GraphQLAnswer;
  const refusal = answer.errors?.[0];
  if (refusal?.extensions?.code === 'UNAUTHENTICATED') throw new TokenRefused(refusal, advice);
  return answer;
}

/**
 * The gateway refused the caller's token (`UNAUTHENTICATED`), with why, as the gateway says it: its
 * `extensions.reason` (`expired`, `no-role`: an account that signing in again does not help) and its
 * message (`中文 / English`, the gateway's own words), which the documents server passes on. The
 * command says the gateway's Chinese; only a refusal without Chinese says the command's own sentence.
 */
export class TokenRefused extends LedgerError {
  /** The gateway's reason, when it gave one (a word: `expired`, `no-role`). */
  readonly reason: string | undefined;
  /** The gateway's message when it says it in Chinese (`中文 / English`); else undefined. */
  readonly gatewayMessage: string | undefined;

  constructor(refusal: GatewayError, advice: GatewayAdvice) {
    const chinese = refusalText(refusal.message);
    super(chinese ? `${chinese.replace(/[。.]$/, '')}。` : `令牌无效或已过期，${advice.refused}`, 'token-refused');
    const reason = refusal.extensions?.reason;
    this.reason = typeof reason === 'string' && /^[a-z][a-z-]{0,39}$/.test(reason) ? reason : undefined;
    this.gatewayMessage = chinese ? refusal.message : undefined;
  }
}

/** A read of one side's whole list through the side's own root field (`sichuan { regions … }`): the document's name, the list, the fields of each record (see listReads.ts). */
export interface ListRead {
  readonly name: string;
  readonly list: string;
  readonly fields: string;
}

/** A side's name as its clerks read it (四川省), never its key (`sichuan`). */
export const sideName = (side: string): string => jurisdictionByKey(side)?.name ?? side;

/**
 * The document of a list read on a side, one page of `MAX_PAGE` records a call: what {@link readWholeList}
 * sends, as registered, named for the side (`LedgerRegions` on Sichuan: `LedgerRegionsSichuan`). It
 * asks the side's own root field, which the side's store alone answers: not `jurisdictions`, which
 * the joint office's store answers, so that a side's import and template do not stop while the joint
 * office is down (only a row naming an alliance asks the joint office, `checkAlliances.ts`).
 */
export function listReadDocument({ name, list, fields }: ListRead, side: string): string {
  return `query ${name}${operationName(side).slice('Ledger'.length)}($filter: RecordFilter, $after: String) { ${side} { ${list}(filter: $filter, first: ${MAX_PAGE}, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } } }`;
}

/**
 * Every record of a side's list that the filter keeps, page by page, with the read's fields. A
 * refused read stops the import, naming what was being read.
 */
export async function readWholeList<N>(caller: GatewayCaller, side: string, read: ListRead, filter: Record<string, unknown>, what: string): Promise<N[]> {
  const query = listReadDocument(read, side);
  type Page = { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  const nodes: N[] = [];
  let after: string | null = null;
  do {
    const answer = await post(caller, query, { filter, after });
    const page = (answer.data?.[side] as Record<string, Page> | null | undefined)?.[read.list];
    if (!page) {
      // The page's own errors (its side's store), never another store's.
      const errors = errorsOfPart(answer.errors ?? [], { stores: [side], path: [side, read.list] });
      const outage = errors.some(isOutage);
      throw new LedgerError(`无法读取${what}：${gatewayReason(errors[0], '网关没有返回数据')}${outage ? '；请稍后重试。' : ''}`, outage ? 'store-unavailable' : refusalKind(errors[0]));
    }
    nodes.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}
