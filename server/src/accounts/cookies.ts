import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** The facilitator session (see `AccountService`). */
export const SESSION_COOKIE = 'torg_session';
/** The state of one sign-in through the identity provider, between `/auth/login` and the callback. */
export const LOGIN_COOKIE = 'torg_login';

export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
/** Time to type a password at the identity provider. */
export const LOGIN_TTL_SECONDS = 10 * 60;

/**
 * Whether the browser reached us over https: the request itself, or the configured public
 * URL (behind a TLS-terminating proxy, which is the usual setup). Secure cookies then.
 */
function secure(c: Context, publicUrls: readonly string[]): boolean {
  if (publicUrls[0]?.startsWith('https:')) return true;
  return new URL(c.req.url).protocol === 'https:';
}

export function readCookie(c: Context, name: string): string | undefined {
  return getCookie(c, name);
}

/**
 * HttpOnly (scripts never see it) and SameSite=Lax: sent on a top-level navigation back from
 * the identity provider, never on a cross-site POST or fetch.
 */
export function writeCookie(
  c: Context,
  name: string,
  value: string,
  opts: { maxAge: number; path: string; publicUrls: readonly string[] },
): void {
  setCookie(c, name, value, {
    httpOnly: true,
    sameSite: 'Lax',
    path: opts.path,
    maxAge: opts.maxAge,
    secure: secure(c, opts.publicUrls),
  });
}

export function clearCookie(
  c: Context,
  name: string,
  opts: { path: string; publicUrls: readonly string[] },
): void {
  deleteCookie(c, name, {
    httpOnly: true,
    sameSite: 'Lax',
    path: opts.path,
    secure: secure(c, opts.publicUrls),
  });
}
