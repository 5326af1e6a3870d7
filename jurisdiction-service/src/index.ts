export { jurisdictionSubgraph } from './jurisdictionSubgraph.ts';
export { recordReferenceTypename } from './references/recordReferenceTypename.ts';
export { scaffoldJurisdiction } from './scaffold/scaffoldJurisdiction.ts';
export { loadFigures } from './figures.ts';
export { zeroFigures } from './figures.ts';
export { type Figures } from './figures.ts';
export { listRecords } from './listRecords.ts';
export { type RecordFilter } from './listRecords.ts';
export { TABLES } from './tables.ts';
