import type { Caller } from '@linju/access';
import type { Db } from '../database/Db.ts';
import type { SubgraphRequest } from '../server/startSubgraphServer.ts';
import { parseGlobalId } from '@linju/contract';
import { appendAuditEntry, auditUnavailableError, type AuditEntryInput, type AuditKind } from './AuditEntry.ts';
import { isMetaField, UNKNOWN_OPERATION, type OperationSummary } from './operationSummary.ts';

type Records = Map<string, Set<string>>;

function note(records: Records, type: string, ids: Iterable<string>): void {
  let set = records.get(type);
  if (!set) records.set(type, (set = new Set()));
  for (const id of ids) set.add(id);
}

/** How a request ended, as the audit plugin sees it when the response is about to leave. */
export interface RequestEnd {
  /** `extensions.code` of the response's errors (distinct, sorted). */
  errorCodes: string[];
  /** Whether a root field of a mutation failed, or the operation was refused before it ran. */
  writeFailed: boolean;
}

/**
 * The audit of one request: who asks (from the gateway's statement), what operation (set by the
 * audit plugin once resolved), and the records the request read or wrote, noted by the loaders,
 * the list functions and the write helpers as they go. It is the context's `audit`.
 */
export class RequestAudit {
  operation: OperationSummary = UNKNOWN_OPERATION;
  /** Records read (or written and committed) since the last entry was appended. */
  private readonly records: Records = new Map();
  /** Records written by the write transaction under way: they count only if it commits. */
  private pending: Records | null = null;
  /** The fields the write transaction under way changed (`sichuanUpdatePerson.phone`): listed in its entry only. */
  private pendingChanged: string[] = [];
  /** Entries appended inside write transactions. */
  private writesLogged = 0;
  /** Codes of the parts of the request refused without failing it: an import's refused rows. */
  private readonly refusals = new Set<string>();

  /** `storeFree`: the server found the request reads nothing from the store (see `storeFreeOperations`). */
  constructor(
    readonly caller: Caller,
    private readonly request: SubgraphRequest = { storeFree: false },
  ) {}

  /** Records of one type were read; an aggregate (figures) is a type without IDs. */
  read(type: string, ids: Iterable<string> = []): void {
    note(this.records, type, ids);
  }

  /** Records read by global ID (their type is the ID's); IDs of no known form are typed `fallbackType`. */
  readIds(ids: Iterable<string>, fallbackType = 'Record'): void {
    for (const id of ids) note(this.records, parseGlobalId(id)?.type ?? fallbackType, [id]);
  }

  /** Records written by the write under way (inside its transaction). */
  wrote(ids: Iterable<string>, type?: string): void {
    const into = this.pending ?? this.records;
    for (const id of ids) note(into, type ?? parseGlobalId(id)?.type ?? 'Record', [id]);
  }

  /** The write under way changed these fields of its record (names, never values): its entry lists them after the root fields. */
  changed(fields: Iterable<string>): void {
    for (const field of fields) if (!this.pendingChanged.includes(field)) this.pendingChanged.push(field);
  }

  /**
   * Parts of the request were refused while the request itself succeeds (an import's rows, each
   * with its code): every entry of the request carries their codes, so a clerk's import refused
   * row by row is not recorded as an import that went through.
   */
  refused(codes: Iterable<string>): void {
    for (const code of codes) this.refusals.add(code);
  }

  /** A write's transaction begins: what it writes is noted apart until it commits or rolls back. */
  beginWrite(): void {
    this.pending = new Map();
    this.pendingChanged = [];
  }

  /**
   * Appends the write's entry as the last statement of its transaction, so the write commits with
   * its entry or not at all. Reads noted earlier in the request go into the same entry.
   */
  async appendWrite(tx: Db): Promise<void> {
    const records: Records = new Map([...this.records].map(([type, ids]) => [type, new Set(ids)]));
    for (const [type, ids] of this.pending ?? []) note(records, type, ids);
    try {
      await appendAuditEntry(tx, this.entry('write', [], records, this.pendingChanged));
    } catch (error) {
      throw auditUnavailableError(error);
    }
  }

  /** The write's transaction committed, with its entry: what it noted is recorded. */
  commitWrite(): void {
    this.records.clear();
    this.pending = null;
    this.pendingChanged = [];
    this.writesLogged++;
  }

  /** The write's transaction rolled back (its entry with it): nothing it noted was written. */
  abortWrite(): void {
    this.pending = null;
    this.pendingChanged = [];
  }

  /**
   * The entry to append when the response leaves, or null when there is nothing left to record:
   * a request that read no data and failed in nothing (the SDL, introspection, a total derived from
   * the figures the query plan sent), or a write whose entry was appended in its transaction and
   * which read nothing more afterwards.
   */
  closingEntry(end: RequestEnd): AuditEntryInput | null {
    const { fields, mutation } = this.operation;
    const failed = end.errorCodes.length > 0;
    if (!failed && this.records.size === 0 && (this.request.storeFree || (fields.length > 0 && fields.every(isMetaField)))) return null;
    if (mutation && this.writesLogged > 0 && !failed && this.records.size === 0) return null;
    // A mutation whose writes all committed (each with its entry) records here only what its
    // answer read afterwards; one that failed or never ran is a write attempt, with its outcome.
    const kind: AuditKind = mutation && (this.writesLogged === 0 || end.writeFailed) ? 'write' : 'read';
    return this.entry(kind, end.errorCodes);
  }

  private entry(kind: AuditKind, ended: string[], records: Records = this.records, changed: readonly string[] = []): AuditEntryInput {
    const errorCodes = [...new Set([...ended, ...this.refusals])].sort();
    const types = [...records.keys()].sort();
    const ids = [...new Set([...records.values()].flatMap((set) => [...set]))].sort();
    return {
      subject: this.caller.subject,
      role: this.caller.role,
      name: this.caller.name ?? null,
      region: this.caller.region ?? null,
      operationName: this.operation.name,
      fields: [...this.operation.fields, ...changed],
      kind,
      types,
      ids,
      outcome: errorCodes.length ? 'error' : 'ok',
      errorCodes,
    };
  }
}
