import type { OperatorRegions } from '@linju/dashboard/operatorRegions';
import { recordingOperator } from '@linju/dashboard/recordingOperator';
import { describeCaller, splitAtName, type KnownSide, type SignInSession, type SignInState, type TokenClaims } from '@linju/sign-in';
import { useEffect, useReducer, useSyncExternalStore } from 'react';
import { bearerToken } from './editorAuthorization.ts';
import type { TokenCheck, TypedTokenChecks } from './typedTokenChecks.ts';

/** Where a token goes when there is no sign-in (or to act as someone else): GraphiQL's Headers editor, below the query. */
const HEADERS_HINT = '每个示例第一行注明所需角色（第一个示例无需登录）。登录后所有标签页都以登录身份查询；令牌也可填在下方“Headers（请求头）”编辑器：{"Authorization": "Bearer <令牌>"}，填写后以该令牌为准。';

/** While a region's lookup fails, it is tried again this often (the dashboard's retry of a store that is down). */
const REGION_RETRY_MS = 15_000;

/**
 * A token's holder as the bar names them (`张敏 · 四川省操作员 · 磨溪镇`), with the region's code in
 * the tooltip. The token names an operator's region by its code only: it is found in the side's
 * regions as the dashboard finds it (`OperatorRegions`, the registered `DashboardRecordRegions`),
 * and shown by its code (区划 510904101) until then; a lookup that failed (a store down) is tried
 * again every {@link REGION_RETRY_MS}. Only the region of a token the gateway has accepted is looked up;
 * one it refuses at the lookup is no longer (`regions` in main.tsx: the session ends, or the typed
 * token's check says refused), and the retry goes with the holder.
 */
function useHolder(claims: TokenClaims | null, sides: readonly KnownSide[], regions: OperatorRegions, verified: boolean): { text: string; title: string } {
  // Bumped when the region is found (the bar is written again), or to ask again after a failure.
  const [attempt, again] = useReducer((count: number) => count + 1, 0);
  const holder = recordingOperator(claims, sides.map((side) => side.key));
  const region = claims?.region;
  const named = region !== undefined && (regions.names.has(region) || sides.some((side) => side.code === region));
  useEffect(() => {
    // A region is looked up with a token the gateway has accepted only: a refused one would be asked again and again.
    if (!holder || named || !verified) return;
    let shown = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      if (shown) retry = setTimeout(again, REGION_RETRY_MS);
    };
    regions.find(holder).then((found) => {
      if (found.ok && found.region) {
        if (shown) again();
      } else if (!found.ok) later();
    }, later);
    return () => {
      shown = false;
      clearTimeout(retry);
    };
  }, [holder?.side, holder?.region, named, regions, attempt, verified]);
  return { text: claims ? describeCaller(claims, sides, regions.names) : '', title: region && named ? `区划代码：${region}` : '' };
}

/**
 * A line of the bar that names a person: the name on its own, cut short with an ellipsis when long
 * (a display name may have 200 characters, half a phone's screen), whole in its tooltip.
 */
function WithName({ line, name }: { line: string; name: string | undefined }) {
  const parts = splitAtName(line, name);
  if (!parts) return <>{line}</>;
  return (
    <>
      {parts.before}
      <span className="caller-name" title={parts.name}>
        {parts.name}
      </span>
      {parts.after}
    </>
  );
}

/** A token typed into Headers is checked once the typing pauses this long, not at every key. */
const TYPING_PAUSE_MS = 400;

/** The gateway's check of the typed `Authorization`, asked for once the typing pauses. */
function useTypedTokenCheck(checks: TypedTokenChecks, typed: string | null): TokenCheck | undefined {
  const check = useSyncExternalStore(
    (changed) => checks.onChange(changed),
    () => (typed === null ? undefined : checks.get(typed)),
  );
  useEffect(() => {
    if (typed === null) return;
    const timer = setTimeout(() => checks.check(typed), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [checks, typed]);
  return check;
}

/**
 * Whose the typed token is, as far as the gateway has said: its holder once a request with it was
 * accepted; its claims marked 未验证 until then (anyone can write a token naming anyone); the
 * gateway's reason, and no name, once it is refused.
 */
function typedTokenText(claims: TokenClaims | null, holder: string, check: TokenCheck | undefined): string {
  if (check?.kind === 'refused') return `网关不接受此令牌：${check.reason}`;
  // An expiry already past is said at once, before the gateway refuses it.
  const expired = claims?.exp !== undefined && claims.exp * 1000 < Date.now() ? '（已过期）' : '';
  const who = `${claims ? holder : '无法识别其持有人'}${expired}`;
  if (check?.kind === 'accepted') return who;
  return `${who}（未验证：${check?.kind === 'unchecked' ? '网关未能核验此令牌' : '正在向网关核验'}）`;
}

/**
 * Above GraphiQL: who is signed in (name, role, region) with 退出, or 登录, when the gateway names
 * an identity provider. Every request of every tab carries the signed-in person's token (see
 * main.tsx), so nobody pastes one; the hint says where a token goes otherwise, and that each
 * example's first line names the role it needs. An `Authorization` typed into the active tab's
 * Headers editor (`typed`) is what the requests carry instead: the bar then says so, and whose
 * token it is as far as the gateway has said (`checks`: see {@link typedTokenText}).
 */
export function AccountBar({ session, sides, regions, typed, checks, onSignOut }: { session: SignInSession; sides: readonly KnownSide[]; regions: OperatorRegions; typed: string | null; checks: TypedTokenChecks; onSignOut: () => void }) {
  const state: SignInState = useSyncExternalStore(
    (changed) => session.onChange(changed),
    () => session.state,
  );
  const check = useTypedTokenCheck(checks, typed);
  // A refused token's claims are not shown at all: they are whatever its writer put there.
  const typedClaims = typed === null || check?.kind === 'refused' ? null : session.claimsOf(bearerToken(typed));
  const signedInClaims = state.kind === 'signed-in' ? state.claims : null;
  const holder = useHolder(typed === null ? signedInClaims : typedClaims, sides, regions, typed === null || check?.kind === 'accepted');
  const typedLine = typed !== null && (
    <span className="account-bar-who account-bar-typed" id="account-state" aria-live="polite" title={holder.title}>
      正在使用编辑器中填写的令牌：<WithName line={typedTokenText(typedClaims, holder.text, check)} name={typedClaims?.name} />
      {state.kind === 'signed-in' && (
        <span className="account-bar-override" id="account-override">
          （未使用登录身份{state.claims.name ? <WithName line={`“${state.claims.name}”`} name={state.claims.name} /> : ''}的令牌；删除 Headers 中的 Authorization 即恢复）
        </span>
      )}
    </span>
  );
  if (state.kind === 'unavailable') {
    return (
      <header className="account-bar" aria-label="登录状态">
        <span className="account-bar-title">邻聚 · GraphQL 查询工具</span>
        {typedLine}
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
      {typedLine || (
        <span className="account-bar-who" id="account-state" aria-live="polite" title={holder.title}>
          {state.kind === 'signed-in' ? <WithName line={`已登录：${holder.text}`} name={state.claims.name} /> : '未登录：仅可查询公开指标'}
        </span>
      )}
      {state.kind === 'signed-in' ? (
        <button
          type="button"
          id="sign-out-button"
          onClick={() => {
            onSignOut();
            void session.signOut();
          }}
        >
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
