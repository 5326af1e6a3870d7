/** Where the monolith answers: without an audit log, and with the federation's audit appends (`monolithAudit.ts`). */
export const MONOLITH_PATHS = { plain: '/graphql', audited: '/graphql-audited' } as const;
