import { JURISDICTIONS } from '@linju/contract';
import { gatewayReason } from './gatewayReason.ts';
import { STORE_OUTAGE_CODES } from './LedgerError.ts';

/**
 * Which errors of a gateway answer belong to which part of it: the one rule by which the briefing
 * and the exports name each part they could not read with its own store's reason, never the
 * answer's first error (with Sichuan's subgraph down and Chongqing's PostgreSQL stopped at once,
 * one answer holds both stores' errors, in no fixed order).
 */

/** An error of the gateway's answer: a subgraph's carries its name (`extensions.subgraph`, docs/api.md), a failed fetch its place (`path`). */
export interface GatewayError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** A part of an answer that a reader needs: a side's figures, the joint office's overview, a side's page of a list … */
export interface AnswerPart {
  /** What it is, for the clerk: 四川省的数据, 联合办公室的总览, 四川省的活动 … */
  readonly what: string;
  /** The stores (subgraph names) that answer it: one side's, the joint office's, every side's for the joint total. */
  readonly stores: readonly string[];
  /** Its place in the answer, e.g. `['jurisdictions', 0]`. */
  readonly path: readonly (string | number)[];
  /** The reason given when no error says why. */
  readonly fallback: string;
}

/** The subgraph an error is about, as the gateway labels it; undefined for the gateway's own. */
export function subgraphOf(error: GatewayError): string | undefined {
  const subgraph = error.extensions?.subgraph ?? error.extensions?.serviceName;
  return typeof subgraph === 'string' ? subgraph : undefined;
}

/** An error saying a store could not answer (`STORE_OUTAGE_CODES`): an outage to retry. */
export function isOutage(error: GatewayError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && STORE_OUTAGE_CODES.includes(code);
}

/** Two places of one answer on one line: one lies under the other (`['jurisdictions']` holds every side's item). */
const onOnePath = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean =>
  a.length > 0 && b.length > 0 && a.slice(0, Math.min(a.length, b.length)).every((step, i) => step === b[i]);

/**
 * Whether an error is the part's own: it names one of the part's stores, or it lies at, under or
 * above the part's place in the answer and names no other side.
 */
export function isOwnError(error: GatewayError, part: Pick<AnswerPart, 'stores' | 'path'>): boolean {
  const subgraph = subgraphOf(error);
  if (subgraph !== undefined && part.stores.includes(subgraph)) return true;
  const otherSide = JURISDICTIONS.some((j) => j.key === subgraph);
  return !otherSide && error.path !== undefined && onOnePath(error.path, part.path);
}

/**
 * The errors that say why a part is missing: its own, or without any, those that name no store
 * (the gateway's own), never another store's.
 */
export function errorsOfPart(errors: readonly GatewayError[], part: Pick<AnswerPart, 'stores' | 'path'>): GatewayError[] {
  const own = errors.filter((error) => isOwnError(error, part));
  return own.length > 0 ? own : errors.filter((error) => subgraphOf(error) === undefined);
}

/** A part left out of an answer, with the errors that say why (`errorsOfPart`, or fewer). */
export interface MissingPart {
  readonly what: string;
  readonly errors: readonly GatewayError[];
  readonly fallback: string;
}

/**
 * A part left out, in plain words: `重庆市的数据暂时无法读取` when its reason says only that (the
 * gateway's 重庆市的数据暂不可用, which in brackets after it said the same twice), else with its reason
 * (`四川省的数据暂时无法读取（四川省的数据库暂时无法连接）`, `党建联盟列表暂时无法读取（遂潼联合办公室的数据暂不可用）`).
 */
function missingPart(part: MissingPart): string {
  // An outage, when one is among a part's errors, is the reason quoted: it is what the 503 says.
  const reason = gatewayReason(part.errors.find(isOutage) ?? part.errors[0], part.fallback);
  return reason === `${part.what}暂不可用` ? `${part.what}暂时无法读取` : `${part.what}暂时无法读取（${reason}）`;
}

/**
 * Parts left out, for the clerk: each named with its own reason
 * (`四川省的数据暂时无法读取；重庆市的数据暂时无法读取（重庆市的数据库暂时无法连接）`: {@link missingPart}), and
 * whether any is left out because its store could not answer (an outage, to retry: 503).
 */
export function missingPartsReason(parts: readonly MissingPart[]): { reasons: string; outage: boolean } {
  return {
    reasons: parts.map(missingPart).join('；'),
    outage: parts.some((part) => part.errors.some(isOutage)),
  };
}
