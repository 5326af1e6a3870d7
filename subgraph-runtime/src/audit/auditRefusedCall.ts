import { parse } from 'graphql';
import type { Db } from '../database/Db.ts';
import { appendAuditEntry } from './AuditEntry.ts';
import { summarizeOperation, UNKNOWN_OPERATION, type OperationSummary } from './operationSummary.ts';
import { componentLogger } from '@linju/observability';

/** Longest query text parsed to name a refused call's operation; anything longer is recorded unnamed. */
const MAX_QUERY = 100_000;

function summarize(query: unknown, operationName: unknown, home: string): OperationSummary {
  if (typeof query !== 'string' || query.length > MAX_QUERY) return UNKNOWN_OPERATION;
  try {
    const document = parse(query, { maxTokens: 10_000 });
    const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
    const operation = typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations[0];
    return summarizeOperation(operation, document, home);
  } catch {
    return UNKNOWN_OPERATION;
  }
}

/**
 * Records a call the subgraph refused before Apollo saw it: no valid, fresh statement from the
 * gateway (a direct call, a replayed or forged signature). The caller is unknown, so it is
 * recorded as `unverified`; the error code is UNAUTHENTICATED. Meant for the subgraph server's
 * refusal path; a failure to record is reported and does not change the refusal.
 */
export async function auditRefusedCall(db: Db, home: string, request: { query?: unknown; operationName?: unknown }): Promise<void> {
  const operation = summarize(request.query, request.operationName, home);
  try {
    await appendAuditEntry(db, {
      subject: 'unverified',
      role: 'anonymous',
      operationName: operation.name,
      fields: operation.fields,
      kind: operation.mutation ? 'write' : 'read',
      types: [],
      ids: [],
      outcome: 'error',
      errorCodes: ['UNAUTHENTICATED'],
    });
  } catch (error) {
    componentLogger('audit').error({ home }, `could not record a refused call to ${home}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
