import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Caller } from '@linju/access';
import type { Db } from '../database/Db.ts';
import { auditUnavailableError } from './AuditEntry.ts';
import { auditAppenderOf } from './AuditAppender.ts';
import { databaseUnavailableError, isDatabaseUnavailable } from '../database/databaseUnavailable.ts';
import { summarizeOperation } from './operationSummary.ts';
import type { RequestAudit, RequestEnd } from './RequestAudit.ts';

/** What the audit plugin needs of a subgraph's context. */
export interface AuditedContext {
  caller: Caller;
  audit: RequestAudit;
}

/** How the request ended: its error codes, and whether a write itself failed (not a read after it). */
function requestEnd(errors: readonly GraphQLError[] | undefined, mutation: boolean): RequestEnd {
  const codes = (errors ?? []).map((e) => {
    const code = e.extensions?.code;
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  });
  return {
    errorCodes: [...new Set(codes)].sort(),
    writeFailed: mutation && (errors ?? []).some((e) => !e.path || e.path.length <= 1),
  };
}

/**
 * Sends the audit's failure instead of an answer that was not recorded; when the store itself is
 * down, says so (DATABASE_UNAVAILABLE naming it) rather than blaming the audit log.
 */
function withhold(requestContext: GraphQLRequestContextWillSendResponse<AuditedContext>, cause: unknown, home: string): void {
  const error = isDatabaseUnavailable(cause) ? databaseUnavailableError(home) : auditUnavailableError(cause);
  requestContext.response.body = {
    kind: 'single',
    singleResult: { errors: [{ message: error.message, extensions: error.extensions }] },
  };
}

/**
 * The owner's audit log: every request that reaches this subgraph is appended to it, refused
 * ones included, with who asked, in what role, the operation, the records read or written and the
 * outcome. The hook is `willSendResponse`, which Apollo runs for every request that got past the
 * gateway's signature, whether it failed in parsing, in the access rules (`didResolveOperation`)
 * or in a resolver. The cost does not grow with the rows read: a read adds at most one INSERT
 * (one for all the requests ending together, see `AuditAppender`); a write
 * adds one INSERT inside its own transaction (see `runMutation`), and one more here only if its
 * answer then read other records or failed after the commit.
 *
 * A request that reaches no store (the server found it store-free: the joint total the query plan
 * derives from the figures it sends) and fails in nothing has no entry: it reads no record to
 * account for (see `RequestAudit.closingEntry`).
 *
 * If the entry cannot be appended, nothing leaves: the answer is replaced by AUDIT_UNAVAILABLE.
 */
export function auditPlugin<Context extends AuditedContext>(db: Db, home: string): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // Known before any resolver runs, so a write's entry (appended inside it) names its operation.
        async didResolveOperation({ contextValue, operation, document }) {
          contextValue.audit.operation = summarizeOperation(operation, document, home);
        },
        async willSendResponse(requestContext) {
          const { contextValue, operation, document, errors } = requestContext;
          const audit = contextValue.audit;
          if (operation && audit.operation.fields.length === 0) audit.operation = summarizeOperation(operation, document, home);
          const entry = audit.closingEntry(requestEnd(errors, audit.operation.mutation));
          if (!entry) return;
          try {
            // Batched with the entries of concurrent requests (group commit); answered once it has committed.
            await auditAppenderOf(db).append(entry);
          } catch (error) {
            withhold(requestContext as GraphQLRequestContextWillSendResponse<AuditedContext>, error, home);
          }
        },
      };
    },
  };
}
