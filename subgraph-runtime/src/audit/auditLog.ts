import { empty, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { GraphQLError } from 'graphql';
import { operatorRole, type Caller } from '@linju/access';
import type { Db } from '../database/Db.ts';
import { userInputError } from '@linju/contract';
import { fieldMessage } from '@linju/contract/fieldLabels';
import { checkFirst, decodeCursor, encodeCursor, jurisdictionByKey, homeName, notACursor } from '@linju/contract';
import type { RequestAudit } from './RequestAudit.ts';
import { regionsWithin, wholeSide } from '../database/regionsWithin.ts';

/** An entry as the graph shows it (`AuditEntry`). */
export interface AuditEntryView {
  sequence: string;
  at: string;
  subject: string;
  role: string;
  name: string | null;
  region: string | null;
  operationName: string | null;
  fields: string[];
  kind: 'READ' | 'WRITE';
  types: string[];
  ids: string[];
  outcome: 'OK' | 'ERROR';
  errorCodes: string[];
  previousHash: string;
  hash: string;
}

export interface AuditEntryConnection {
  edges: { cursor: string; node: AuditEntryView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * FORBIDDEN naming the role refused (`extensions.role`), as docs/api.md's table says every FORBIDDEN
 * does: access's `forbiddenError` for the refusals of the owner's records (its audit log, chain, archive).
 */
export function ownersOnly(message: string, caller: Caller): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', role: caller.role } });
}

/**
 * The audit log's own guard: only the owner's operators read it, whatever the general access
 * rules say. Everyone else is refused with FORBIDDEN (and the refusal is itself logged).
 */
export function requireOwnOperator(caller: Caller, home: string): void {
  if (caller.role !== operatorRole(home)) {
    throw ownersOnly(`只有${homeName(home)}的操作员能查看其审计日志 / Only ${operatorRole(home)}s may read the ${home} audit log; you are ${caller.role}`, caller);
  }
}

/**
 * The chain's own guard: verifying it recomputes the whole side's log and answers its entry count
 * and head, so only the owner's operators of the whole side do it (the province's, the joint
 * office's); a region-scoped operator reads its region's entries in `auditLog` instead.
 */
export function requireWholeSideOperator(caller: Caller, home: string): void {
  requireOwnOperator(caller, home);
  if (!wholeSide(caller, home)) {
    throw ownersOnly(
      `审计链核验涵盖${homeName(home)}的全部审计日志，只有不限区划的${homeName(home)}操作员能进行；本区划的操作记录请在审计日志中查看 / Only ${operatorRole(home)}s of the whole side (region ${jurisdictionByKey(home)?.code}) may verify the ${home} audit chain; yours is ${caller.region}`,
      caller,
    );
  }
}

interface AuditRow {
  seq: string;
  at: Date;
  subject: string;
  role: string;
  name: string | null;
  region: string | null;
  operation_name: string | null;
  fields: string[];
  kind: string;
  types: string[];
  ids: string[];
  outcome: string;
  error_codes: string[];
  prev_hash: string;
  hash: string;
}

const view = (r: AuditRow): AuditEntryView => ({
  sequence: r.seq,
  at: new Date(r.at).toISOString(),
  subject: r.subject,
  role: r.role,
  name: r.name,
  region: r.region,
  operationName: r.operation_name,
  fields: r.fields,
  kind: r.kind === 'write' ? 'WRITE' : 'READ',
  types: r.types,
  ids: r.ids,
  outcome: r.outcome === 'ok' ? 'OK' : 'ERROR',
  errorCodes: r.error_codes,
  previousHash: r.prev_hash,
  hash: r.hash,
});

function afterSequence(after: string | null | undefined): string | null {
  if (!after) return null;
  const [sortValue, seq] = decodeCursor(after);
  if (sortValue !== null || !/^[1-9]\d{0,17}$/.test(seq)) throw notACursor();
  return seq;
}

/** The longest `subject` filter: a token's subject is an account name, not a document. */
const MAX_SUBJECT = 200;

/**
 * Which entries a caller reads: the province's operators and the joint office's every entry; a
 * region-scoped operator those of operators whose region lies within its own (its own included),
 * so a town clerk sees the town's attempts and not the province's (`regionsWithin`). As a condition on `a`.
 */
function visibleTo(caller: Caller, home: string): Sql {
  const within = regionsWithin(caller, home, 'code');
  return within ? sql`AND a.region IN ${within}` : empty;
}

function subjectOf(subject: string | null | undefined): string | null {
  if (subject === null || subject === undefined) return null;
  if (subject.length === 0 || subject.length > MAX_SUBJECT) throw userInputError(fieldMessage('subject', `须为 1 至 ${MAX_SUBJECT} 个字符`, `must be 1 to ${MAX_SUBJECT} characters`), 'subject', subject.length ? 'too-long' : 'required');
  return subject;
}

/**
 * One page of the audit log, newest first (two statements: the page and the total), optionally of
 * one caller (`subject`), and for a region-scoped operator only the entries it may see
 * (`visibleTo`). It orders and pages by the column `a.seq`, a number: the output column `seq` is
 * its text, and ORDER BY would take that name first and sort `99` above `100`.
 */
export async function auditLogPage(
  db: Db,
  caller: Caller,
  home: string,
  audit: RequestAudit,
  args: { first?: number | null; after?: string | null; subject?: string | null },
): Promise<AuditEntryConnection> {
  requireOwnOperator(caller, home);
  const first = checkFirst(args.first);
  const after = afterSequence(args.after);
  const subject = subjectOf(args.subject);
  const where = sql`WHERE true ${visibleTo(caller, home)} ${subject === null ? empty : sql`AND a.subject = ${subject}`}`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<AuditRow[]>(sql`
      SELECT a.seq::text AS seq, at, subject, role, name, region, operation_name, fields, kind, types, ids, outcome, error_codes, prev_hash, hash
      FROM audit_log a ${where} ${after ? sql`AND a.seq < ${after}::bigint` : empty} ORDER BY a.seq DESC LIMIT ${first + 1}`),
    db.$queryRaw<{ n: number }[]>(sql`SELECT count(*)::int AS n FROM audit_log a ${where}`),
  ]);
  audit.read('AuditEntry');
  const edges = rows.slice(0, first).map((r) => ({ cursor: encodeCursor(null, r.seq), node: view(r) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: counted[0]?.n ?? 0 };
}
