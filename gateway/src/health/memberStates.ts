import { type Logger, RECOVERY_QUIET_MS, type Transitions, transitions } from '@linju/observability';
import { Gauge, type Registry } from 'prom-client';
import { subgraphOwner } from '../resilience/subgraphFailure.ts';

/** The documents server's name among the members (ledger/src/server, `LINJU_DOCUMENTS_URL`). */
export const DOCUMENTS_MEMBER = 'documents';

/** Why a member is unavailable, as the gateway met it (a request, or a `/ready` check). */
export type MemberDownReason = 'unreachable' | 'timeout' | 'tls' | 'not-ready' | 'database-down' | 'secret-mismatch' | 'refused';

const REASON_WORDS: Readonly<Record<MemberDownReason, string>> = {
  unreachable: 'the gateway gets no connection to it, or no usable answer',
  timeout: 'it did not answer in time',
  tls: 'the TLS handshake with it failed (the gateway\'s "tls" line says why)',
  'not-ready': 'its own /ready says it is not ready',
  'database-down': 'its store\'s database cannot be reached (DATABASE_UNAVAILABLE)',
  'secret-mismatch': "it refuses the gateway's signature: the two hold different secrets",
  refused: "it refused or failed the gateway's readiness request",
};

/**
 * What a subgraph's errors say of it: unavailable (`DATABASE_UNAVAILABLE`, the gateway's
 * `SUBGRAPH_TIMEOUT` or `SUBGRAPH_UNAVAILABLE`), or undefined: it answered (a refusal such as
 * `FORBIDDEN` is an answer).
 */
export function memberFailure(errors: readonly unknown[]): MemberDownReason | undefined {
  let found: MemberDownReason | undefined;
  for (const error of errors) {
    const extensions = (error as { extensions?: Record<string, unknown> } | null)?.extensions ?? {};
    switch (extensions['code']) {
      case 'DATABASE_UNAVAILABLE':
        return 'database-down';
      case 'SUBGRAPH_TIMEOUT':
        found ??= 'timeout';
        break;
      case 'SUBGRAPH_UNAVAILABLE':
        found ??= extensions['reason'] === 'secret-mismatch' ? 'secret-mismatch' : 'unreachable';
        break;
    }
  }
  return found;
}

/** How long a member that failed must go without failing before it is said to be back (observability's {@link RECOVERY_QUIET_MS}). @default 5000 */
export const MEMBER_RECOVERY_QUIET_MS = RECOVERY_QUIET_MS;

export interface MemberStatesOptions {
  logger: Logger;
  /** Where `linju_gateway_member_up{member}` goes. */
  registry?: Registry;
  /** See {@link MEMBER_RECOVERY_QUIET_MS}. */
  quietMs?: number;
  /** The clock, in milliseconds (tests pass one they move). @default Date.now */
  now?: () => number;
}

/** Who a member is, for the operator: `the sichuan subgraph (四川省)`, `the documents server`. */
function memberLabel(member: string): string {
  if (member === DOCUMENTS_MEMBER) return 'the documents server';
  const owner = subgraphOwner(member);
  return owner.name === member ? `the ${member} subgraph` : `the ${member} subgraph (${owner.name})`;
}

/**
 * Whether each member (each subgraph, the documents server) is available, as the gateway's
 * requests and `/ready` checks meet it: a warning when one becomes unavailable (with the reason),
 * one line when it is back, never one per request. A member is back once it answers after
 * `quietMs` without a failure, so one replica of two that fails (half the requests) stays one
 * warning, not a line per request. A new reason while it is down (a timeout, then its database)
 * is said once, and the line that it is back names the last one. Also
 * `linju_gateway_member_up{member}` (1 or 0).
 */
export class MemberStates {
  readonly #logger: Logger;
  readonly #quietMs: number;
  readonly #now: () => number;
  readonly #members = new Map<string, Transitions<MemberDownReason>>();
  readonly #gauge: Gauge<'member'> | undefined;

  constructor(options: MemberStatesOptions) {
    this.#logger = options.logger;
    this.#quietMs = options.quietMs ?? MEMBER_RECOVERY_QUIET_MS;
    this.#now = options.now ?? Date.now;
    this.#gauge = options.registry && new Gauge({ name: 'linju_gateway_member_up', help: 'Whether each member (subgraph, documents server) answered the gateway when last met: 1 or 0', labelNames: ['member'], registers: [options.registry] });
  }

  #of(member: string): Transitions<MemberDownReason> {
    let states = this.#members.get(member);
    if (!states) this.#members.set(member, (states = transitions({ quietMs: this.#quietMs, now: this.#now })));
    return states;
  }

  /** The member answered. */
  up(member: string): void {
    const states = this.#of(member);
    const back = states.up();
    if (states.isDown()) return;
    if (back) {
      const seconds = Math.round(back.downMs / 1000);
      this.#logger.info({ member, reason: back.reason, downForSeconds: seconds }, `${memberLabel(member)} is available again (unavailable for ${seconds} s: ${back.reason})`);
    }
    this.#gauge?.set({ member }, 1);
  }

  /** The member did not answer, or said it cannot. */
  down(member: string, reason: MemberDownReason): void {
    const change = this.#of(member).down(reason);
    if (!change) return;
    if (change.was !== undefined) {
      this.#logger.warn({ member, reason, was: change.was }, `${memberLabel(member)} is still unavailable, now because ${REASON_WORDS[reason]} (before: ${change.was})`);
      return;
    }
    this.#gauge?.set({ member }, 0);
    this.#logger.warn({ member, reason }, `${memberLabel(member)} is unavailable: ${REASON_WORDS[reason]}; said again when it is back`);
  }

  /** Whether the member is unavailable now, as last met. */
  isDown(member: string): boolean {
    return this.#members.get(member)?.isDown() ?? false;
  }
}
