export { accessControlPlugin } from './accessControl.ts';
export { isPublicField, mayReadPersonalData, mayWrite, nonPublicSelections, PERSONAL_FIELDS, PUBLIC_ENTITY_TYPES, PUBLIC_FIELDS } from './accessRules.ts';
export { ANONYMOUS, type Caller, isRole, operatorRole, type Role, ROLES } from './caller.ts';
export { CALLER_HEADER, CallerRejected, CallerVerifier, operationDigest, signCaller } from './callerToken.ts';
export { dataRoot, gatewaySecret } from './gatewaySecret.ts';
export { operationFields, type OperationFields } from './operationFields.ts';
export { guardPersonalFields } from './personalData.ts';
