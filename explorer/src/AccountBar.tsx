import { describeCaller, type KnownSide, type SignInSession, type SignInState } from '@linju/sign-in';
import { useSyncExternalStore } from 'react';

/** Where a token goes when there is no sign-in (or to act as someone else): GraphiQL's Headers editor, below the query. */
const HEADERS_HINT = '每个示例第一行注明所需角色（第一个示例无需登录）。登录后所有标签页都以登录身份查询；令牌也可填在下方“Headers（请求头）”编辑器：{"Authorization": "Bearer <令牌>"}，填写后以该令牌为准。';

/**
 * Above GraphiQL: who is signed in (name, role, region) with 退出, or 登录, when the gateway names
 * an identity provider. Every request of every tab carries the signed-in person's token (see
 * main.tsx), so nobody pastes one; the hint says where a token goes otherwise, and that each
 * example's first line names the role it needs.
 */
export function AccountBar({ session, sides }: { session: SignInSession; sides: readonly KnownSide[] }) {
  const state: SignInState = useSyncExternalStore(
    (changed) => session.onChange(changed),
    () => session.state,
  );
  if (state.kind === 'unavailable') {
    return (
      <header className="account-bar" aria-label="登录状态">
        <span className="account-bar-title">邻聚 · GraphQL 查询工具</span>
        <span className="account-bar-hint" id="headers-hint">{HEADERS_HINT}</span>
      </header>
    );
  }
  return (
    <header className="account-bar" aria-label="登录状态">
      <span className="account-bar-title">邻聚 · GraphQL 查询工具</span>
      {state.kind === 'signed-out' && state.notice && (
        <span className="account-bar-notice" role="alert">
          {state.notice}
        </span>
      )}
      <span className="account-bar-who" id="account-state" aria-live="polite">
        {state.kind === 'signed-in' ? `已登录：${describeCaller(state.claims, sides)}` : '未登录：仅可查询公开指标'}
      </span>
      {state.kind === 'signed-in' ? (
        <button type="button" id="sign-out-button" onClick={() => void session.signOut()}>
          退出
        </button>
      ) : (
        <button type="button" id="sign-in-button" onClick={() => void session.signIn()}>
          登录
        </button>
      )}
      <span className="account-bar-hint" id="headers-hint">{HEADERS_HINT}</span>
    </header>
  );
}
