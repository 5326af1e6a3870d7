export {
  buildManifest,
  dashboardOperationsDirectory,
  loadRegisteredOperations,
  manifestPath,
  operationDirectories,
  operationHash,
  readManifest,
  readManifestText,
  toManifestText,
  writeManifest,
  type OperationManifest,
  type RegisteredOperation,
} from './registeredOperations.ts';
