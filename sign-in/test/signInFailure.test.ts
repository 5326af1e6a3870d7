import * as oauth from 'oauth4webapi';
import { expect, test } from 'vitest';
import { accountRefusedNotice, SIGN_IN_MESSAGES, signInFailure } from '../src/signInMessages.ts';

/** Every message a person may see, in Chinese, with no library text in it. */
test('each way a sign-in fails is said in Chinese, with the provider’s error code at most', async () => {
  const authorizationError = (error: string) => {
    try {
      oauth.validateAuthResponse({ issuer: 'http://i' }, { client_id: 'c' }, new URLSearchParams({ error, state: 's' }), 's');
    } catch (thrown) {
      return thrown;
    }
    throw new Error('no error thrown');
  };
  expect(signInFailure(authorizationError('access_denied'))).toBe(SIGN_IN_MESSAGES.cancelled);
  expect(signInFailure(authorizationError('login_required'))).toBe('登录未完成（login_required），请重新登录。');
  let tokenError: unknown;
  try {
    await oauth.processRefreshTokenResponse({ issuer: 'http://i' }, { client_id: 'c' }, new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }), { status: 400, headers: { 'content-type': 'application/json' } }));
  } catch (thrown) {
    tokenError = thrown;
  }
  expect(signInFailure(tokenError)).toBe('登录未完成（invalid_grant），请重新登录。');
  expect(signInFailure(new TypeError('Failed to fetch'))).toBe(SIGN_IN_MESSAGES.unreachable);
  expect(signInFailure(new Error('unexpected JWT "alg" header parameter'))).toBe('登录未完成：身份认证服务的应答无法验证，请重新登录。');
  for (const message of Object.values(SIGN_IN_MESSAGES)) expect(message).toMatch(/^[\u4e00-\u9fff（）：，。]+$/);
});

test('an account the gateway refuses as such: its Chinese reason, never the English half nor an invitation to sign in again', () => {
  expect(accountRefusedNotice('您的账号尚未开通邻聚的权限，请联系管理员开通 / The token\'s role undefined is not a Linju role')).toBe('已退出登录：您的账号尚未开通邻聚的权限，请联系管理员开通。');
  // A gateway of an older build, or a message with no Chinese: the page's own words.
  expect(accountRefusedNotice(undefined)).toBe(SIGN_IN_MESSAGES.accountRefused);
  expect(accountRefusedNotice('The token was refused')).toBe(SIGN_IN_MESSAGES.accountRefused);
});

test('a sign-in that ended is said one way, whether the token lapsed or the provider refused its renewal: 登录已到期…，请重新登录。', () => {
  const { expired, sessionEnded } = SIGN_IN_MESSAGES;
  for (const message of [expired, sessionEnded]) {
    expect(message).toMatch(/^登录已到期.*，请重新登录。$/);
    // Not a fault (过期, 失效), and no 已退出。 of its own beside the ending both share.
    expect(message).not.toMatch(/过期|失效|已退出。/);
  }
  expect(sessionEnded.startsWith(expired.replace('，请重新登录。', ''))).toBe(true);
});
