export * from './startFederation.ts';
export * from './FaultProxy.ts';
export * from './storeSnapshot.ts';
export * from './tinySupergraph.ts';
export * from './ServiceProcess.ts';
export * from './clusterProcesses.ts';
export { freePort } from '@linju/subgraph-runtime';
export * from './launchChromium.ts';
