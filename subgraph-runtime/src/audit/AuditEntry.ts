import { sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { GraphQLError } from 'graphql';
import type { Db } from '../database/Db.ts';
import { componentLogger } from '@linju/observability';

/** Whether a request read this store or wrote to it. */
export type AuditKind = 'read' | 'write';

/** How a request ended: `ok`, or `error` with the codes of its errors. */
export type AuditOutcome = 'ok' | 'error';

/**
 * What a subgraph appends for one request (or one write of it). The sequence number, time,
 * previous hash and hash are the store's to set: the trigger of `audit_log` fills them in.
 */
export interface AuditEntryInput {
  subject: string;
  role: string;
  /** The caller's display name, when the token carries one. */
  name?: string | null;
  /** A jurisdiction operator's region (GB/T 2260 code), when the caller has one. */
  region?: string | null;
  /** The client's operation name, as the gateway named its fetch after it; null when anonymous. */
  operationName: string | null;
  /** The root fields asked for (`sichuan`, `_entities`, `sichuanCreateOrganization` …). */
  fields: string[];
  kind: AuditKind;
  /** The record types read or written, e.g. `Organization`; aggregates (figures) have a type and no IDs. */
  types: string[];
  /** The IDs of the records read or written. */
  ids: string[];
  outcome: AuditOutcome;
  /** `extensions.code` of each distinct error; empty when `ok`. */
  errorCodes: string[];
}

/** The columns an entry fills, in the order of {@link auditRow}; the trigger sets the rest. */
export const AUDIT_COLUMNS = sql`(subject, role, operation_name, fields, kind, types, ids, outcome, error_codes, name, region)`;

/** One entry's values for an INSERT, in the order of {@link AUDIT_COLUMNS}: one place for both a single and a batched append. */
export function auditRow(entry: AuditEntryInput): Sql {
  return sql`(${entry.subject}, ${entry.role}, ${entry.operationName}, ${entry.fields}::text[], ${entry.kind},
            ${entry.types}::text[], ${entry.ids}::text[], ${entry.outcome}, ${entry.errorCodes}::text[],
            ${entry.name ?? null}, ${entry.region ?? null})`;
}

/**
 * Appends one entry: a single INSERT, chained to the previous entry by the table's trigger under
 * an advisory lock. Inside a write's transaction, the entry commits with the write or not at all.
 */
export async function appendAuditEntry(db: Db, entry: AuditEntryInput): Promise<void> {
  await db.$queryRaw(sql`INSERT INTO audit_log ${AUDIT_COLUMNS} VALUES ${auditRow(entry)} RETURNING seq`);
}

/** Raised when an entry cannot be appended: nothing is answered, and nothing written, unrecorded. */
export function auditUnavailableError(cause: unknown): GraphQLError {
  componentLogger('audit').error(`could not append to the audit log: ${cause instanceof Error ? cause.message : String(cause)}`);
  return new GraphQLError('审计日志未能记录本次请求，因此不予回答，请稍后再试 / The audit log could not record this request, so it is not answered', {
    extensions: { code: 'AUDIT_UNAVAILABLE' },
    // Kept, so a store that is down is reported as such (DATABASE_UNAVAILABLE) rather than as the log's fault.
    ...(cause instanceof Error && { originalError: cause }),
  });
}
