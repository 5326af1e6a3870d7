import * as oauth from 'oauth4webapi';

/** What a page says about sign-in, in one place for the dashboard and the explorer. */
export const SIGN_IN_MESSAGES = {
  signedOut: '已退出登录。',
  // The access token lapsed without a renewal (the provider unreachable until then, or no refresh token).
  // Worded as sessionEnded is, one sentence of the same shape: the same event to the person, a sign-in over.
  expired: '登录已到期，请重新登录。',
  // The provider refuses the renewal: most often its session has simply ended (a sign-in lasts 12 hours,
  // the end of a working day), sometimes the person signed out in another page. Neither is a fault.
  sessionEnded: '登录已到期或已在别处退出，请重新登录。',
  refused: '网关未接受当前登录，已退出。请重新登录。',
  accountRefused: '已退出登录：网关不接受此账号（未开通邻聚的权限），重新登录也无法查询非公开数据，请联系管理员开通。',
  unreachable: '无法连接统一身份认证服务，请稍后重试。',
  unexpectedAnswer: '登录未完成：本页没有发起这次登录，请重新登录。',
  cancelled: '登录已取消。',
} as const;

/**
 * The notice of a tab signed out because the gateway refused the account itself (no Linju role, a
 * region that does not fit): the gateway's reason, its Chinese half, which says whom to ask; a
 * new sign-in would be refused the same way, so the notice does not ask for one.
 */
export function accountRefusedNotice(gatewayMessage: string | undefined): string {
  const reason = gatewayMessage?.split(' / ')[0]?.trim().replace(/[。.]$/, '');
  return reason && /[\u4e00-\u9fff]/.test(reason) ? `已退出登录：${reason}。` : SIGN_IN_MESSAGES.accountRefused;
}

/**
 * Why a sign-in did not finish, in the person's words; the identity provider's error code in
 * brackets for whoever helps them, never a library's message.
 */
export function signInFailure(error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError) {
    return error.error === 'access_denied' ? SIGN_IN_MESSAGES.cancelled : `登录未完成（${error.error}），请重新登录。`;
  }
  if (error instanceof oauth.ResponseBodyError) return `登录未完成（${error.error}），请重新登录。`;
  if (error instanceof TypeError) return SIGN_IN_MESSAGES.unreachable;
  return '登录未完成：身份认证服务的应答无法验证，请重新登录。';
}
