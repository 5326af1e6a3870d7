import type { RequestAudit } from './RequestAudit.ts';

/**
 * The request audit of each write transaction under way, keyed by the transaction client, so the
 * write helpers (`insertRow`, `updateVersioned` …) can note what they wrote without every
 * mutation passing the audit down to them.
 */
const transactions = new WeakMap<object, RequestAudit>();

/** Notes what `tx` writes in `audit` (runMutation calls this when its transaction starts). */
export function auditWritesOf(tx: object, audit: RequestAudit): void {
  transactions.set(tx, audit);
}

/** Notes records written in `tx`, if its writes are audited (a seed's are not). */
export function noteWritten(tx: object, ids: Iterable<string>, type?: string): void {
  transactions.get(tx)?.wrote(ids, type);
}

/**
 * Notes which fields of a record the write under way in `tx` changed (their names only, never their
 * values: a phone or ID card number must not reach the log), for its audit entry: they are listed
 * after the root fields as `<root field>.<field>` (`sichuanUpdatePerson.phone`).
 */
export function noteChangedFields(tx: object, rootField: string, fields: Iterable<string>): void {
  transactions.get(tx)?.changed([...fields].map((field) => `${rootField}.${field}`));
}
