import { Hono } from 'hono';
import type { AccountService } from '../accounts/account-service.js';
import {
  clearCookie,
  LOGIN_COOKIE,
  LOGIN_TTL_SECONDS,
  readCookie,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  writeCookie,
} from '../accounts/cookies.js';
import { describeOidcError } from '../accounts/oidc.js';
import type { ServerConfig } from '../config.js';
import { errorMessage } from '../logger.js';

/**
 * Where to go after signing in: a path on this site only. `//host`, `/\host` (which browsers
 * read as another host), absolute URLs and control characters fall back to `/`.
 */
export function safeReturnPath(raw: string | undefined): string {
  if (!raw || raw.length > 512) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u0020\u007f]/.test(raw)) return '/';
  return raw;
}

/** The sign-in callback URL registered at the identity provider. */
function redirectUri(publicUrls: readonly string[], requestUrl: string): string {
  const base = publicUrls[0] ?? new URL(requestUrl).origin;
  return `${base.replace(/\/+$/, '')}/auth/callback`;
}

/**
 * The browser side of signing in through the identity provider, mounted at `/auth`:
 * `GET /auth/login?return=<path>` and `GET /auth/callback`. 404 without OIDC.
 */
export function signInRoutes(accounts: AccountService, config: ServerConfig): Hono {
  const app = new Hono();
  const loginCookie = { path: '/auth', publicUrls: config.publicUrls };

  app.get('/login', async (c) => {
    const oidc = accounts.oidc;
    if (!oidc) return c.json({ error: 'not_found', message: 'sign-in is not configured' }, 404);
    let begun: Awaited<ReturnType<typeof oidc.begin>>;
    try {
      begun = await oidc.begin(redirectUri(config.publicUrls, c.req.url));
    } catch (err) {
      config.logger.error('auth.discovery_failed', { error: errorMessage(err) });
      return c.redirect('/?signin=failed', 302);
    }
    const state = accounts.loginState(begun.checks, safeReturnPath(c.req.query('return')));
    writeCookie(c, LOGIN_COOKIE, state, { ...loginCookie, maxAge: LOGIN_TTL_SECONDS });
    c.header('Cache-Control', 'no-store');
    return c.redirect(begun.url, 302);
  });

  app.get('/callback', async (c) => {
    const oidc = accounts.oidc;
    if (!oidc) return c.json({ error: 'not_found', message: 'sign-in is not configured' }, 404);
    c.header('Cache-Control', 'no-store');
    // One use: whatever happens next, this sign-in's state is gone from the browser.
    const login = accounts.readLoginState(readCookie(c, LOGIN_COOKIE));
    clearCookie(c, LOGIN_COOKIE, loginCookie);
    if (!login) return c.redirect('/?signin=failed', 302);
    const callback = new URL(redirectUri(config.publicUrls, c.req.url));
    callback.search = new URL(c.req.url).search;
    let claims: Record<string, unknown>;
    try {
      claims = await oidc.finish(callback, login);
    } catch (err) {
      config.logger.warn('auth.callback_failed', { error: describeOidcError(err) });
      return c.redirect('/?signin=failed', 302);
    }
    const account = await accounts.signIn(claims);
    if (!account) {
      config.logger.info('auth.denied', {});
      return c.redirect('/?signin=denied', 302);
    }
    writeCookie(c, SESSION_COOKIE, accounts.sessionFor(account), {
      path: '/',
      maxAge: SESSION_TTL_SECONDS,
      publicUrls: config.publicUrls,
    });
    return c.redirect(login.returnTo, 302);
  });

  return app;
}

/** `GET /api/auth/status` and `POST /api/auth/logout`. */
export function authApiRoutes(accounts: AccountService, config: ServerConfig): Hono {
  const api = new Hono();

  api.get('/auth/status', async (c) => {
    const account = await accounts.accountOf(readCookie(c, SESSION_COOKIE));
    c.header('Cache-Control', 'no-store');
    return c.json({
      signedIn: account !== null,
      facilitator: account ? { id: account.id, name: account.name, org: account.org } : null,
      oidc: accounts.oidc !== null,
      openBoards: config.openBoards === true,
    });
  });

  api.post('/auth/logout', async (c) => {
    await accounts.signOut(readCookie(c, SESSION_COOKIE));
    clearCookie(c, SESSION_COOKIE, { path: '/', publicUrls: config.publicUrls });
    return c.body(null, 204);
  });

  return api;
}
