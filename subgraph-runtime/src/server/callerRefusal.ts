import type { CallerRejected } from '@linju/access';

/** Why a subgraph refused a request, in Chinese, by `CallerRejected`'s reason: what the Chinese half says is wrong. */
const WHY: Readonly<Record<CallerRejected['reason'], string>> = {
  missing: '请求没有邻聚网关签发的调用方声明',
  signature: '调用方声明不是用本服务与网关共享的密钥签发的（不是来自网关，或网关所持密钥与本服务不同）',
  malformed: '调用方声明格式不正确，不是网关签发的声明',
  invalid: '调用方声明无效或已过期',
  'other-operation': '调用方声明是为另一项操作签发的',
  incomplete: '调用方声明不完整，或其中的区划与角色不符',
  replay: '调用方声明已被使用过，不能再次使用',
};

/**
 * The message of a subgraph's 401 to a request without the gateway's fresh statement of who asks,
 * `中文 / English` as every refusal: the Chinese half says what is wrong (by `reason`) and what to
 * do (send it through the gateway), the English half as before (`Refused: <why>. Subgraphs answer
 * only the Linju gateway.`). `extensions.reason` stays the stable key.
 */
export function callerRefusalMessage(error: CallerRejected): string {
  return `本服务拒绝了该请求：${WHY[error.reason] ?? WHY.invalid}。各辖区的子服务只应答邻聚网关，请通过网关的 /graphql 发送请求 / Refused: ${error.message}. Subgraphs answer only the Linju gateway.`;
}
