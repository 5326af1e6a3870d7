export { buildProcess, type BuiltProcess } from './buildProcess.ts';
export { buildProduction } from './buildProduction.ts';
export { dependencyProblems } from './dependencyProblems.ts';
export { bundlePath, REPOSITORY_ROOT, SERVER_PROCESSES, type ServerProcess } from './serverProcesses.ts';
