export { buildProcess, type BuiltProcess } from './buildProcess.ts';
export { buildProduction } from './buildProduction.ts';
export { dependencyProblems } from './dependencyProblems.ts';
export { bundlePath, OPERATIONS_TOOLS, PRODUCTION_NODE_FLAGS, REPOSITORY_ROOT, SERVER_PROCESSES, toolBundlePath, type ServerProcess } from './serverProcesses.ts';
