export { buildProcess, type BuiltProcess } from './buildProcess.ts';
export { buildProduction } from './buildProduction.ts';
export { dependencyProblems } from './dependencyProblems.ts';
export { bundlePath, PRODUCTION_NODE_FLAGS, REPOSITORY_ROOT, SERVER_PROCESSES, type ServerProcess } from './serverProcesses.ts';
