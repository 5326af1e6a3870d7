export { accessControlPlugin } from './accessControl.ts';
export {
  asRowRefusal,
  isPublicField,
  mayReadPersonalData,
  mayWrite,
  type NamedRegion,
  nonPublicSelections,
  outsideRegion,
  type OutsideWhat,
  PERSONAL_FIELDS,
  PUBLIC_ENTITY_TYPES,
  PUBLIC_FIELDS,
  roleNameZh,
  unknownOperatorRegionWrite,
} from './accessRules.ts';
export { ANONYMOUS, type Caller, callerOf, callerRegionProblem, isRole, operatorJurisdiction, operatorRole, REGION_CODE, type Role, ROLES } from './caller.ts';
export { CALLER_HEADER, CALLER_STATEMENT_CLOCK_SKEW_SECONDS, CALLER_STATEMENT_SECONDS, CallerRejected, CallerVerifier, gatewaySecretVariable, operationDigest, previousGatewaySecretVariable, signCaller, type ClaimStatement } from './callerToken.ts';
export { dataRoot, gatewaySecret, previousGatewaySecret } from './gatewaySecret.ts';
export { operationFields, type OperationFields } from './operationFields.ts';
export { type CoversPerson, guardPersonalFields } from './personalData.ts';
