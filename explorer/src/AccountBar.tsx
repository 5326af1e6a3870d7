import { describeCaller, type KnownSide, type SignInSession, type SignInState } from '@linju/sign-in';
import { useSyncExternalStore } from 'react';

/**
 * Above GraphiQL, when the gateway names an identity provider: who is signed in (name, role,
 * region) with 退出, or 登录. Every request GraphiQL sends carries the token (see main.tsx), so
 * nobody pastes one into the Headers editor.
 */
export function AccountBar({ session, sides }: { session: SignInSession; sides: readonly KnownSide[] }) {
  const state: SignInState = useSyncExternalStore(
    (changed) => session.onChange(changed),
    () => session.state,
  );
  if (state.kind === 'unavailable') return null;
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
    </header>
  );
}
