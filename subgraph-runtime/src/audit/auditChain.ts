import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Caller } from '@linju/access';
import { quotedEn, quotedZh, userInputError } from '@linju/contract';
import { fieldMessage } from '@linju/contract/fieldLabels';
import type { Db } from '../database/Db.ts';
import { requireWholeSideOperator } from './auditLog.ts';
import type { RequestAudit } from './RequestAudit.ts';

/**
 * The most entries one verification recomputes: about 1.2 s of one PostgreSQL backend on the
 * benchmark machine (10–12 µs an entry), well inside the gateway's 5 s subgraph timeout. A longer
 * chain is verified in stretches, each continuing where the one before it ended (`next`).
 */
export const AUDIT_CHAIN_STRETCH = 100_000;

/** A stretch of the chain recomputed (`AuditChain`). */
export interface AuditChainView {
  /** Entries in the whole log. */
  entries: number;
  /** Sequence number of the stretch's first entry, as asked. */
  from: string;
  /** Sequence number of the last entry recomputed; null when the log holds none from `from` on. */
  through: string | null;
  /** Whether every entry of the stretch follows from the one before it (the first from entry `from − 1`). */
  verified: boolean;
  /** Sequence number of the stretch's first entry whose hash, link or number does not follow; null when verified. */
  brokenAt: string | null;
  /** Where the next stretch starts; null when this one reached the log's last entry. */
  next: string | null;
  /** Hash of the log's last entry: noted elsewhere, it shows later that no entry was cut from the end. */
  head: string | null;
}

/**
 * Recomputes up to `count` entries of the chain from sequence number `from`, in one statement:
 * each entry's number must follow the previous one's, its previous hash must be the previous
 * entry's hash (for entry 1: 64 zeros; for the stretch's first entry: that of entry `from − 1`,
 * which the stretch before recomputed), and its hash must be `audit_log_hash` of its own columns.
 * The first entry failing any of these is named; every later one depends on it. A whole chain is
 * verified when every stretch from 1 on, each starting at the one before's `next`, says verified.
 * The first stretch also takes any entry numbered below 1 (a forgery: the chain breaks there), and
 * a stretch with nothing from `from` on and no entry `from − 1` is broken at `from` (the log ends
 * before it). `entries` counts the whole log (an index-only count, about 0.2 µs an entry).
 * No access check: the subgraph's field (`verifyAuditChain`) and the operator's command call it.
 * The last entry and the one before the stretch are each read once (`last`, `previous`); `last`
 * orders by the column `seq`, a number, before any text is made of it.
 */
export async function auditChainStretch(db: Db, from: bigint, count: number): Promise<AuditChainView> {
  const start = String(from);
  // From the chain's start, every row below 1 too: an entry forged with a number of 0 or less breaks it there.
  const lowest = from === 1n ? String(-(2n ** 63n)) : start;
  const [row] = await db.$queryRaw<{ through: string | null; broken_at: string | null; entries: number; last: string | null; head: string | null; follows: boolean }[]>(sql`
    WITH last AS (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1),
         previous AS (SELECT CASE WHEN ${start}::bigint = 1 THEN repeat('0', 64) ELSE (SELECT hash FROM audit_log WHERE seq = ${start}::bigint - 1) END AS hash)
    SELECT max(seq)::text AS through, (min(seq) FILTER (WHERE broken))::text AS broken_at,
           (SELECT count(*)::int FROM audit_log) AS entries,
           (SELECT hash IS NOT NULL FROM previous) AS follows,
           (SELECT seq::text FROM last) AS last, (SELECT hash FROM last) AS head
    FROM (
      SELECT seq,
             seq IS DISTINCT FROM coalesce(lag(seq) OVER w, ${start}::bigint - 1) + 1
             OR prev_hash IS DISTINCT FROM coalesce(lag(hash) OVER w, (SELECT hash FROM previous))
             OR hash IS DISTINCT FROM recomputed AS broken
      FROM (SELECT seq, prev_hash, hash, audit_log_hash(a) AS recomputed FROM audit_log a
            WHERE seq >= ${lowest}::bigint ORDER BY seq LIMIT ${count}) a
      WINDOW w AS (ORDER BY seq)
    ) chain`);
  const through = row!.through;
  const next = through !== null && row!.last !== null && BigInt(row!.last) > BigInt(through) ? String(BigInt(through) + 1n) : null;
  // Nothing from `from` on, and no entry `from − 1` either: the log ends before the stretch's link
  // (a `next` kept from an earlier walk, the end cut off since), so it does not follow.
  const brokenAt = row!.broken_at ?? (through === null && !row!.follows ? start : null);
  return { entries: row!.entries, from: start, through, verified: brokenAt === null, brokenAt, next, head: row!.head };
}

/** The arguments of `auditChain`. */
export interface AuditChainArgs {
  from?: string | null;
  count?: number | null;
}

/** `from` as the graph gives it: a sequence number, 1 when left out. */
function fromOf(from: string | null | undefined): bigint {
  if (from === null || from === undefined) return 1n;
  if (!/^[1-9]\d{0,17}$/.test(from)) throw userInputError(fieldMessage('from', `须为审计条目的序号（从 1 起的整数，收到${quotedZh(from)}）`, `must be a sequence number (decimal digits, from 1); got ${quotedEn(from)}`), 'from', 'malformed');
  return BigInt(from);
}

function countOf(count: number | null | undefined): number {
  const n = count ?? AUDIT_CHAIN_STRETCH;
  // Each call appends its own entry to the log it verifies: a stretch of one would never reach the end.
  if (!Number.isInteger(n) || n < 2) throw userInputError(fieldMessage('count', '至少为 2（每次调用本身也记一条）', `must be at least 2 (each call appends an entry of its own); got ${n}`), 'count', 'too-small');
  if (n > AUDIT_CHAIN_STRETCH) throw userInputError(fieldMessage('count', `至多为 ${AUDIT_CHAIN_STRETCH}，更长的链请分段核验`, `must be at most ${AUDIT_CHAIN_STRETCH}: verify a longer chain in stretches, each from the one before's next`), 'count', 'too-large');
  return n;
}

/** `auditChain(from, count)`: the owner's operators of the whole side only; the read is audited like any other. */
export async function verifyAuditChain(
  db: Db,
  caller: Caller,
  home: string,
  audit: RequestAudit,
  args: AuditChainArgs,
): Promise<AuditChainView> {
  requireWholeSideOperator(caller, home);
  const stretch = await auditChainStretch(db, fromOf(args.from), countOf(args.count));
  audit.read('AuditEntry');
  return stretch;
}
