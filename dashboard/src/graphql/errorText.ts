import type { GatewayRefusal } from '@linju/sign-in';
import { RATE_LIMITED, rateLimitedText, retryAfterSeconds } from './rateLimit.ts';
import type { GraphQLError } from './sendOperation.ts';

/**
 * Whether an error is the gateway's refusal of the person's token (expired, invalid): an
 * `UNAUTHENTICATED` of the gateway's own. A subgraph's (labelled with its `subgraph`) refused the
 * gateway's statement of who asks (expired by clocks apart, replayed, docs/api.md): signing in again
 * mends nothing, and the person is not signed out for it.
 */
export const isTokenRefusal = (error: GraphQLError): boolean => error.extensions?.code === 'UNAUTHENTICATED' && !error.extensions.subgraph;

/**
 * What the page says where the gateway refused the token (`isTokenRefusal`): the figures' banner
 * (`errorText`), the 登记 panel's refusals (`recordFailure.ts`, with 重新登录) and the drill-through
 * dialog (with 登录), in this one wording.
 */
export const TOKEN_REFUSED_TEXT = '登录已失效或令牌无效，请重新登录。';

/**
 * The gateway's refusal of the token among `errors` (`isTokenRefusal`), as the sign-in session takes
 * it (`renewAfterRefusal`: its reason, and its message), or null.
 */
export function tokenRefusalOf(errors: readonly GraphQLError[]): GatewayRefusal | null {
  const refusal = errors.find(isTokenRefusal);
  if (!refusal) return null;
  const reason = refusal.extensions?.reason;
  return { message: refusal.message, ...(typeof reason === 'string' && { reason }) };
}

/**
 * Whom a subgraph's refusal of the gateway's statement (`UNAUTHENTICATED` with its `subgraph`) is
 * said of, for the clerk: its jurisdiction's data service refused the gateway, in the one wording the
 * figures (a read) and the 登记 panel (a write, `recordFailure.ts`) both go on from. Neither the
 * statement nor the subgraph's own advice (meant for a developer calling it directly) is named: the
 * clerk did go through the gateway.
 */
export const statementRefusedText = (error: GraphQLError): string => `${error.extensions?.jurisdiction ?? '一方'}的数据服务拒绝了网关的请求`;

/**
 * What the page says of a gateway's error that is not an outage, in Chinese, by its code. The
 * error's own message (English, a library's, or naming variables and paths) never reaches the
 * person: at most the code, for whoever they call.
 */
export function errorText(error: GraphQLError): string {
  const code = error.extensions?.code ?? '';
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return '所选条件无法查询（如日期超出可查询的范围），请调整时间段或辖区后再试。';
    case 'UNAUTHENTICATED':
      return isTokenRefusal(error)
        ? TOKEN_REFUSED_TEXT
        : `${statementRefusedText(error)}，其数据暂缺，稍后自动重试；如仍不行，请联系管理员。`;
    case RATE_LIMITED:
      return rateLimitedText(retryAfterSeconds([error]), 'retried');
    case 'FORBIDDEN':
      return '当前账号无权查看其中部分内容，其余照常显示。';
    case 'NOT_FOUND':
      return '所查的记录已不存在。';
    case 'QUERY_TOO_LARGE':
    case 'QUERY_TOO_DEEP':
    case 'QUERY_TOO_COSTLY':
    case 'TOO_MANY_ALIASES':
    case 'LIST_TOO_LARGE':
    case 'PAYLOAD_TOO_LARGE':
      return '查询超出网关的限制，请缩小时间段或辖区后再试。';
    case 'OPERATION_NOT_REGISTERED':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
      return '看板与网关的版本不一致，请刷新页面后再试。';
    default:
      return `部分数据未能读取（错误代码 ${code || '无'}），稍后自动重试；如仍不行，请联系管理员。`;
  }
}
