export { compareGeneratedFile, compareSupergraph, type GeneratedFileComparison, type SupergraphComparison } from './compareSupergraph.ts';
export { CompositionError, type CompositionProblem } from './CompositionError.ts';
export { composeSupergraph, type ComposedSupergraph, type CompositionHint } from './composeSupergraph.ts';
export { loadSubgraphServices, type SubgraphService } from './loadSubgraphServices.ts';
export { compareSubgraphSdlFile, SUBGRAPH_SDL_FILE, subgraphSdlFiles, subgraphSdlPath, type SubgraphSdlFile } from './subgraphSdlFile.ts';
export { contractDeclarations, subgraphs, type SubgraphEntry } from './subgraphs.ts';
export { readCommittedSupergraph, supergraphPath, toSupergraphFileText, writeSupergraph } from './supergraphFile.ts';
export * from './checks/index.ts';
export * from './operations/index.ts';
