/**
 * The round trip the gateway's `/ready` sends each subgraph (gateway/src/health/gatewayHealthRouter.ts):
 * the smallest query there is, signed as an anonymous caller. A balancer checks every gateway's
 * `/ready` every second, so each subgraph replica answers several a second.
 */
export const READINESS_OPERATION_NAME = 'LinjuReadiness';
export const READINESS_QUERY = `query ${READINESS_OPERATION_NAME} { __typename }`;

/**
 * Whether a request's body is that probe, to the letter: it asks for nothing but `__typename`, so
 * logging it below `info` hides nothing a caller asked for, whoever sent it.
 */
export function isReadinessProbe(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  return query === READINESS_QUERY && (operationName === undefined || operationName === null || operationName === READINESS_OPERATION_NAME);
}
