import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { DEV_AUDIENCE } from '@linju/gateway/devKeys';
import { DEFAULT_SIGN_IN_CLIENTS, SIGN_IN_PAGE_PATHS, type SignInPage } from '@linju/gateway/signIn';
import type { Context } from 'koa';
import { listenOn } from '@linju/observability';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { findDevAccount, linjuClaims, signInDevAccount } from './devAccounts.ts';
import { errorPage, PAGE_CONTENT_SECURITY_POLICY, protocolErrorPage, signedOutPage, signInPage, signOutPage, startPage, STYLESHEET_PATH } from './signInPages.ts';
import type { IdentityKeys } from './signingKeys.ts';

/**
 * The resource indicator of Linju's gateway (RFC 8707): every access token is issued for it, as a
 * JWT whose `aud` is the gateway's audience. A client need not ask for it: it is the default.
 */
export const LINJU_RESOURCE = 'urn:linju:gateway';

/** Access tokens live briefly; the pages renew them with the refresh token before they expire. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** How long a sign-in lasts: one working day, however often the pages renew. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/** The pages' names as the sign-in page shows them. */
const CLIENT_NAMES: Readonly<Record<SignInPage, string>> = { dashboard: '联合看板', explorer: '查询工具' };

/** How to build the development identity provider. */
export interface IdentityProviderOptions {
  /** Its issuer identifier: the URL it answers at, e.g. `http://127.0.0.1:4010`. */
  issuer: string;
  /** The origins the gateway's pages are served from; each page's redirect URI is its own address there. */
  gatewayOrigins: readonly string[];
  keys: IdentityKeys;
}

/** The origin and its loopback twin (`127.0.0.1` ↔ `localhost`), since a person may open either. */
export function gatewayOriginsOf(gatewayUrl: string): string[] {
  const url = new URL(gatewayUrl);
  const twin = new URL(url.origin);
  if (url.hostname === '127.0.0.1') twin.hostname = 'localhost';
  else if (url.hostname === 'localhost') twin.hostname = '127.0.0.1';
  return [...new Set([url.origin, twin.origin])];
}

/** The public clients of the gateway's pages: code flow with PKCE, refresh tokens, no secret. */
function pageClients(origins: readonly string[]): Configuration['clients'] {
  return (Object.keys(SIGN_IN_PAGE_PATHS) as SignInPage[]).map((page) => {
    const uris = origins.map((origin) => `${origin}${SIGN_IN_PAGE_PATHS[page]}`);
    return {
      client_id: DEFAULT_SIGN_IN_CLIENTS[page],
      client_name: CLIENT_NAMES[page],
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: uris,
      post_logout_redirect_uris: uris,
      id_token_signed_response_alg: 'ES256',
    };
  });
}

function sendPage(ctx: Context, body: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set({ 'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  ctx.body = body;
}

/** The largest sign-in form read: an account and a password fit many times over. */
export const MAX_FORM_BYTES = 4096;

/**
 * A sign-in form's fields, or `undefined` for a form larger than {@link MAX_FORM_BYTES} (something
 * pasted into 账号 or 密码 by mistake, or a body sent to tie the provider up): the person is shown
 * the form again and told so, rather than the protocol's bare `invalid_request`. A form that says
 * it is larger (`Content-Length`) is refused before any of it is read; one that does not is read
 * no further than the limit, and nothing past it is kept.
 */
async function formFields(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (Number(request.headers['content-length']) > MAX_FORM_BYTES) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed when left: the refusal is still to be sent on the connection.
  for await (const chunk of request.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * After an answer sent with the request's body still arriving (a form refused as too large): how
 * much more of it is read and dropped, and for how long the connection is kept, before it is
 * closed. Closing a socket with unread data makes the kernel send a reset at once, and a browser
 * that had not yet read the answer shows 连接已重置 instead of it; Go's net/http half-closes and
 * waits (`closeWriteAndWait`) for the same reason. Bounded, as the form itself is: nothing kept,
 * at most this many bytes and this long per connection.
 */
export const DRAIN_BYTES = 8 * 1024 * 1024;
export const DRAIN_MS = 2_000;

/**
 * Ends a connection whose request body is unread without resetting it: the answer, then FIN
 * (half-close), then the rest of the body read and dropped until the client ends it too, or
 * {@link DRAIN_BYTES} have come (then no more is read), or {@link DRAIN_MS} have passed; only then
 * is the socket closed. Node calls `destroySoon` once the answer is written on a connection that is
 * not kept alive (`Connection: close`), which would close it with the body unread.
 */
function closeAfterDraining(request: IncomingMessage): void {
  const socket: Socket = request.socket;
  socket.destroySoon = function drainThenClose(this: Socket) {
    const start = socket.bytesRead;
    const close = () => {
      clearTimeout(deadline);
      clearInterval(measure);
      socket.destroy();
    };
    const deadline = setTimeout(close, DRAIN_MS);
    // The body flows on into a request nobody reads (Node discards it): count what the socket read.
    const measure = setInterval(() => {
      if (socket.bytesRead - start >= DRAIN_BYTES) {
        clearInterval(measure);
        // No more read: the client has what is left of DRAIN_MS to read the answer before the reset.
        socket.pause();
        request.pause();
      }
    }, 20);
    socket.once('end', close);
    socket.once('close', () => {
      clearTimeout(deadline);
      clearInterval(measure);
    });
    socket.end();
    request.resume();
    socket.resume();
  };
}

/** The provider's configuration: what `oidc-provider` is told, and nothing it would default in a way Linju does not want. */
function configuration(options: IdentityProviderOptions): Configuration {
  return {
    clients: pageClients(options.gatewayOrigins),
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    jwks: { keys: options.keys.signing as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: options.keys.cookies },
    // `name` for the page to greet the person; role and region so it can show what they may do.
    claims: { openid: ['sub'], profile: ['name', 'role', 'region'] },
    // The ID token carries the profile claims itself: the access token is for the gateway, not userinfo.
    conformIdTokenClaims: false,
    scopes: ['openid', 'offline_access', 'profile'],
    async findAccount(_ctx, sub) {
      const account = findDevAccount(sub);
      if (!account) return undefined;
      return { accountId: account.id, claims: () => ({ sub: account.id, ...linjuClaims(account) }) };
    },
    // What the gateway reads: role, name and (for a jurisdiction operator) region, beside sub, iss, aud and exp.
    async extraTokenClaims(_ctx, token) {
      const account = 'accountId' in token && token.accountId ? findDevAccount(token.accountId) : undefined;
      return account ? linjuClaims(account) : undefined;
    },
    // The pages are public web clients: a refresh token (rotated at each use) lets them renew silently
    // without asking for offline_access, and it ends with the sign-in.
    async issueRefreshToken(_ctx, client) {
      return client.grantTypeAllowed('refresh_token') && client.clientAuthMethod === 'none';
    },
    // The pages may call the token and revocation endpoints from the origins they are served at.
    clientBasedCORS(_ctx, origin, client) {
      return client.clientAuthMethod === 'none' && (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin);
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? LINJU_RESOURCE,
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, resource) {
          if (resource !== LINJU_RESOURCE) throw new errors.InvalidTarget();
          return { scope: 'linju', audience: DEV_AUDIENCE, accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          sendPage(ctx, signOutPage(form));
        },
        async postLogoutSuccessSource(ctx) {
          sendPage(ctx, signedOutPage());
        },
      },
    },
    // The gateway refuses this provider in production: the discovery document says what it is.
    discovery: { linju_development_provider: true },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      Interaction: 60 * 60,
      Session: SESSION_TTL_SECONDS,
      Grant: SESSION_TTL_SECONDS,
      // A rotated refresh token inherits what is left of the first one's lifetime: the sign-in's day.
      RefreshToken: (ctx) => ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? SESSION_TTL_SECONDS,
    },
    // What a browser is shown of the library's errors: its error code, never its English description.
    async renderError(ctx, out) {
      sendPage(ctx, protocolErrorPage(String(out.error), ctx.path.startsWith('/session/end')), ctx.status >= 400 ? ctx.status : 400);
    },
  };
}

/**
 * The development identity provider: OpenID Connect by `oidc-provider` (authorization code with
 * PKCE, refresh-token rotation, RP-initiated logout, JWT access tokens for the gateway), with
 * Linju's own interaction pages: the Chinese sign-in form, and consent given at once (the
 * gateway's pages are first-party clients).
 */
export function createIdentityProvider(options: IdentityProviderOptions): Provider {
  const provider = new Provider(options.issuer, configuration(options));
  const stylesheet = readFileSync(new URL('../assets/sign-in.css', import.meta.url), 'utf8');

  // A body left unread when the answer is ready (a sign-in form refused as too large, one posted to
  // a sign-in that is over, a body the library refuses past its own 56 KiB) is not read after the
  // answer to its end, as Node would read it to keep the connection, nor does it hold the connection
  // for the rest of it: the connection ends with the answer, drained for a bounded while so that the
  // client reads the answer before any reset (closeAfterDraining).
  provider.use(async (ctx, next) => {
    await next();
    if (!ctx.req.complete) {
      ctx.set('Connection', 'close');
      closeAfterDraining(ctx.req);
    }
  });
  provider.use(async (ctx, next) => {
    if (ctx.path === STYLESHEET_PATH && ctx.method === 'GET') {
      ctx.type = 'text/css';
      ctx.set({ 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
      ctx.body = stylesheet;
      return;
    }
    if (ctx.path === '/favicon.ico') {
      // No icon: answered, so browsers do not log a 404 for every page.
      ctx.status = 204;
      return;
    }
    if (ctx.path === '/' && ctx.method === 'GET' && ctx.accepts('html') === 'html') {
      // The address `npm start` prints as 登录: where a sign-in begins, each of the gateway's pages linked.
      const origin = options.gatewayOrigins[0]!;
      sendPage(ctx, startPage((Object.keys(SIGN_IN_PAGE_PATHS) as SignInPage[]).map((name) => ({ name: CLIENT_NAMES[name], href: `${origin}${SIGN_IN_PAGE_PATHS[name]}` }))));
      return;
    }
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(ctx.path);
    if (!match) {
      await next();
      // An address the provider does not serve, opened in a browser: a page in Chinese, not Koa's bare "Not Found".
      if (ctx.status === 404 && ctx.body == null && ctx.accepts('html') === 'html') sendPage(ctx, errorPage('这个地址不是统一身份认证的页面。请回到邻聚的联合看板或查询工具，重新点击“登录”。'), 404);
      return;
    }
    try {
      await interaction(provider, ctx, match[2]);
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
      sendPage(ctx, errorPage('登录请求已过期或已完成。请回到原页面，重新点击“登录”。'), 400);
    }
  });
  return provider;
}

async function finish(provider: Provider, ctx: Context, result: Parameters<Provider['interactionResult']>[2], merge: boolean): Promise<void> {
  const location = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: merge });
  ctx.status = 303;
  ctx.set('Cache-Control', 'no-store');
  ctx.redirect(location);
}

/** `GET /interaction/<uid>`, `POST /interaction/<uid>/login`, `GET /interaction/<uid>/abort`. */
async function interaction(provider: Provider, ctx: Context, action: string | undefined): Promise<void> {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const { uid, prompt, params } = details;
  const clientId = String(params.client_id);
  const page = (Object.keys(DEFAULT_SIGN_IN_CLIENTS) as SignInPage[]).find((key) => DEFAULT_SIGN_IN_CLIENTS[key] === clientId);
  const form = { action: `/interaction/${uid}/login`, cancel: `/interaction/${uid}/abort`, clientName: page ? CLIENT_NAMES[page] : clientId };

  if (action === '/abort' && ctx.method === 'GET') {
    await finish(provider, ctx, { error: 'access_denied', error_description: 'The person cancelled the sign-in' }, false);
    return;
  }
  if (action === '/login' && ctx.method === 'POST' && prompt.name === 'login') {
    const fields = await formFields(ctx.req);
    if (!fields) {
      sendPage(ctx, signInPage({ ...form, failed: true, error: '账号或密码过长，请检查后重新输入（可能误粘贴了其他内容）。' }), 413);
      return;
    }
    const login = fields.get('login') ?? '';
    const account = signInDevAccount(login, fields.get('password') ?? '');
    if (!account) {
      sendPage(ctx, signInPage({ ...form, account: login, failed: true }));
      return;
    }
    await finish(provider, ctx, { login: { accountId: account.id } }, false);
    return;
  }
  if (action === undefined && ctx.method === 'GET' && prompt.name === 'login') {
    sendPage(ctx, signInPage(form));
    return;
  }
  if (action === undefined && ctx.method === 'GET' && prompt.name === 'consent') {
    // The gateway's own pages: what they ask for is granted without a question.
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session!.accountId, clientId });
    if (!grant) throw new errors.SessionNotFound('grant not found');
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await finish(provider, ctx, { consent: details.grantId ? {} : { grantId } }, true);
    return;
  }
  sendPage(ctx, errorPage('这个登录步骤不存在。请回到原页面，重新点击“登录”。'), 404);
}

/** The development identity provider, listening. */
export interface RunningIdentityProvider {
  /** Its issuer identifier, `http://127.0.0.1:<port>`. */
  readonly issuer: string;
  stop(): Promise<void>;
}

/** Where and for whom the provider runs. */
export interface StartIdentityProviderOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** The gateway's URL (any path): its origin, and the loopback twin, are where the pages are served. */
  gatewayUrl: string;
  keys: IdentityKeys;
}

/** Listens first (the issuer names the port), then serves the provider there. */
export async function startIdentityProvider(options: StartIdentityProviderOptions): Promise<RunningIdentityProvider> {
  let handler: ReturnType<Provider['callback']> | undefined;
  const server = createServer((request, response) => {
    if (handler) void handler(request, response);
    else response.writeHead(503).end();
  });
  const { port } = await listenOn(server, { port: options.port, host: options.host, portVariable: 'LINJU_IDP_PORT' });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const issuer = `http://${host}:${port}`;
  const provider = createIdentityProvider({ issuer, gatewayOrigins: gatewayOriginsOf(options.gatewayUrl), keys: options.keys });
  handler = provider.callback();
  return {
    issuer,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
