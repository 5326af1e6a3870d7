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

/**
 * The provider's own address opened in a browser (`npm start` prints it as 登录): no sign-in begins
 * here, so the page says where one does and links the gateway's pages, each by its name.
 */
export function startPage(pages: readonly { name: string; href: string }[]): string {
  const links = pages.map(({ name, href }) => `<li><a href="${html(href)}">${html(name)}</a></li>`).join('\n');
  return page(
    '统一身份认证',
    `<h1>邻聚统一身份认证</h1>
<p class="lead">登录从邻聚的页面开始：打开以下页面，点击“登录”，再在这里输入账号和密码。</p>
<ul>
${links}
</ul>
<p class="note">开发环境的身份提供者：示例账号及密码见 <code>npm start</code> 的输出。生产环境使用本单位的统一身份认证平台。</p>`,
  );
}

/** Shown after a sign-out that names no page to return to. */
export function signedOutPage(): string {
  return page('已退出', '<h1>已退出登录</h1>\n<p class="lead">您已退出邻聚的登录，可以关闭本页面。</p>');
}

/**
 * Why a sign-in (or a sign-out, `heading` 无法完成退出) cannot go on, in words a person can act on;
 * the protocol's error code, if any, for whoever helps them.
 */
export function errorPage(message: string, code?: string, heading = '无法完成登录'): string {
  const technical = code ? `\n<dl><dt>错误代码</dt><dd>${html(code)}</dd></dl>` : '';
  return page(heading === '无法完成登录' ? '无法登录' : heading, `<h1>${html(heading)}</h1>\n<p class="lead">${html(message)}</p>${technical}`);
}

/** What a person is told of the protocol's errors that are not the page's to handle, by their code. */
const PROTOCOL_ERRORS: Readonly<Record<string, string>> = {
  invalid_client: '发起登录的页面未在统一身份认证登记。请从邻聚的联合看板或查询工具点击“登录”；仍然如此，请联系管理员核对网关的登录设置。',
  invalid_redirect_uri: '登录后返回的页面地址未在统一身份认证登记。请从邻聚的联合看板或查询工具点击“登录”；仍然如此，请联系管理员核对网关的地址设置。',
  server_error: '统一身份认证服务出错，请稍后重试。',
};

/**
 * The page for an error the identity provider's library raised in a person's browser (an
 * authorization request it refuses, a sign-out it cannot finish): Chinese words chosen by the
 * protocol's error code, and the code; never the library's own description, which is English and
 * about its internals. `signingOut` for the sign-out endpoints: the page that sent the person
 * there has already forgotten its tokens, whatever went wrong here.
 */
export function protocolErrorPage(code: string, signingOut: boolean): string {
  if (signingOut && code !== 'server_error') {
    return errorPage('退出请求无效或已过期（例如退出确认提交了两次）。刚才的页面已退出登录；如需同时退出统一身份认证，请在该页面重新登录后再点击“退出”。', code, '无法完成退出');
  }
  return errorPage(PROTOCOL_ERRORS[code] ?? '登录请求无效或已过期。请回到原页面，重新点击“登录”。', code, signingOut ? '无法完成退出' : undefined);
}
