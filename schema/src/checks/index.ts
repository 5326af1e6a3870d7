export { readAcceptedChanges, acceptedChangesPath, type AcceptedChange } from './acceptedChanges.ts';
export { apiSchemaOf } from './apiSchema.ts';
export { BaseUnavailableError, readBaseSupergraph, readBaseSupergraphs, type BaseSupergraph } from './baseSupergraph.ts';
export { checkSchema, compareWithBase, refusedChanges, type AttributedCompositionError, type BrokenOperation, type ReportedChange, type SchemaCheckInput, type SchemaCheckReport } from './checkSchema.ts';
export { formatReport } from './formatReport.ts';
export { PublishedMarkError, trustedPublishedMark } from './publishedMark.ts';
export { findSchemaChanges, type ChangeSeverity, type SchemaChange } from './schemaChanges.ts';
export { SupergraphOwnership } from './SupergraphOwnership.ts';
export { verdictLine, type CheckOutcome } from './verdictLine.ts';
