import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { Db } from '../database/Db.ts';
import { batchWhileBusy, type Waiting } from '../database/batchWhileBusy.ts';
import { errorChain } from '../database/errorChain.ts';
import { appendAuditEntry, AUDIT_COLUMNS, auditRow, type AuditEntryInput } from './AuditEntry.ts';

/** Entries appended by one statement at most. */
const MAX_BATCH = 64;

/**
 * Appends the entries of requests that end at the same time with one INSERT: group commit for the
 * audit log. Each append takes the chain's advisory lock and, with `synchronous_commit` on, waits
 * for its commit to reach the disk while holding it; one entry per statement made every request of
 * a store take its turn at the disk. Here, while one INSERT is under way the entries that arrive
 * wait, and the next INSERT appends them all: the table's row trigger chains the rows of one
 * statement in order (a row-level trigger sees the rows its statement inserted before), so the
 * chain is the same as if each had been appended alone.
 *
 * Every request still waits until its own entry has committed before it is answered, so nothing
 * leaves unrecorded. Should PostgreSQL refuse a batch for one bad entry, its entries are appended
 * one by one, so that entry fails only its own request; any other failure fails the whole batch.
 * Writes do not come here: their entry commits inside their own transaction (see
 * `RequestAudit.appendWrite`).
 */
export class AuditAppender {
  /** Entries of requests that end while an INSERT is under way go together in the next (see `batchWhileBusy`). */
  readonly append: (entry: AuditEntryInput) => Promise<void> = batchWhileBusy(MAX_BATCH, (batch) => this.send(batch));

  constructor(private readonly db: Db) {}

  private async send(batch: Waiting<AuditEntryInput, void>[]): Promise<void> {
    try {
      await this.insert(batch.map((p) => p.item));
      for (const p of batch) p.answer();
    } catch (error) {
      // The store is down, or the connection went: the batch may even have committed, so
      // appending its entries again could record them twice. Every request of it fails now.
      if (!isBadEntry(error)) throw error;
      // One entry PostgreSQL refused (SQLSTATE 22, data, or 23, integrity), so nothing of the
      // batch committed: alone, each entry succeeds or fails on its own.
      for (const p of batch) await appendAuditEntry(this.db, p.item).then(p.answer, p.fail);
    }
  }

  private async insert(entries: AuditEntryInput[]): Promise<void> {
    if (entries.length === 1) return appendAuditEntry(this.db, entries[0]!);
    await this.db.$queryRaw(sql`INSERT INTO audit_log ${AUDIT_COLUMNS} VALUES ${join(entries.map(auditRow), ', ')} RETURNING seq`);
  }
}

/** Whether PostgreSQL refused the statement for its data (SQLSTATE class 22) or an integrity rule (class 23). */
function isBadEntry(error: unknown): boolean {
  return errorChain(error).some((layer) => {
    // Where the SQLSTATE sits: the driver's error, Prisma's meta, or the driver adapter's cause.
    const { code, meta } = layer as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } };
    const adapter = meta?.driverAdapterError?.cause;
    return [code, meta?.code, adapter?.originalCode, adapter?.code].some((candidate) => typeof candidate === 'string' && /^2[23][0-9A-Z]{3}$/.test(candidate));
  });
}

const appenders = new WeakMap<Db, AuditAppender>();

/** The appender of the store a client writes to: one per store and process. */
export function auditAppenderOf(db: Db): AuditAppender {
  let appender = appenders.get(db);
  if (!appender) appenders.set(db, (appender = new AuditAppender(db)));
  return appender;
}
