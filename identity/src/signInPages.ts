/**
 * The development identity provider's pages, in Chinese: sign-in, sign-out and errors. Plain
 * HTML with the stylesheet served beside them (`/assets/sign-in.css`): no script, no font or file
 * from elsewhere, and one column on a phone.
 */

/** The stylesheet's path on the provider. */
export const STYLESHEET_PATH = '/assets/sign-in.css';

/** Nothing but the provider's own stylesheet; no script at all; never framed. */
export const PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${html(title)} · 邻聚统一身份认证（开发环境）</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** What the sign-in form shows. */
export interface SignInForm {
  /** Where the form posts: `/interaction/<uid>/login`. */
  action: string;
  /** Where 取消 leads: `/interaction/<uid>/abort`. */
  cancel: string;
  /** The page the person signs in to (the client's name, e.g. 联合看板). */
  clientName: string;
  /** The account typed before a failed attempt, kept in the field. */
  account?: string;
  /** Set after a wrong account or password. */
  failed?: boolean;
  /** What went wrong, when not a wrong account or password (a form too large). */
  error?: string;
}

/** The sign-in form: 账号 and 密码, and after a failed attempt an error the screen reader announces. */
export function signInPage(form: SignInForm): string {
  const error = form.failed ? `<p class="error" id="sign-in-error" role="alert">${html(form.error ?? '账号或密码错误，请重新输入。')}</p>\n` : '';
  const invalid = form.failed ? ' aria-invalid="true" aria-describedby="sign-in-error"' : '';
  return page(
    '登录',
    `<h1>登录邻聚</h1>
<p class="lead">登录后进入「${html(form.clientName)}」。</p>
<p class="note">开发环境的身份提供者：示例账号及密码见 <code>npm start</code> 的输出。生产环境使用本单位的统一身份认证平台。</p>
${error}<form method="post" action="${html(form.action)}">
<label for="login">账号</label>
<input id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${html(form.account ?? '')}"${invalid}${form.failed ? '' : ' autofocus'}>
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${form.failed ? ' autofocus' : ''}>
<button type="submit">登录</button>
</form>
<a class="cancel" href="${html(form.cancel)}">取消，返回原页面</a>`,
  );
}

/**
 * The sign-out confirmation. `form` is the provider's own hidden form (id `op.logoutForm`, with its
 * anti-forgery value); the buttons submit it, 退出登录 with `logout=yes`. The page that sent the
 * person here has already forgotten its tokens (`SignInSession.signOut`), whichever button is
 * pressed: what is asked is whether the provider's session ends too, and the page says so rather
 * than offering to "stay signed in" on a page that no longer is.
 */
export function signOutPage(form: string): string {
  return page(
    '退出登录',
    `<h1>退出登录</h1>
<p class="lead">刚才的页面已退出登录。是否同时退出统一身份认证？退出后，使用本账号打开的其他页面（联合看板、查询工具）也需要重新登录。</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>退出登录</button>
<button type="submit" form="op.logoutForm" class="secondary">取消：仅刚才的页面退出，其他页面保持登录</button>`,
  );
}

/** Shown after a sign-out that names no page to return to. */
export function signedOutPage(): string {
  return page('已退出', '<h1>已退出登录</h1>\n<p class="lead">您已退出邻聚的登录，可以关闭本页面。</p>');
}

/** Why a sign-in cannot go on, in words a person can act on; the protocol's error for whoever reports it. */
export function errorPage(message: string, detail?: { error: string; description?: string }): string {
  const technical = detail
    ? `\n<dl><dt>错误代码</dt><dd>${html(detail.error)}</dd>${detail.description ? `<dt>说明</dt><dd>${html(detail.description)}</dd>` : ''}</dl>`
    : '';
  return page('无法登录', `<h1>无法完成登录</h1>\n<p class="lead">${html(message)}</p>${technical}`);
}
