import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { SQLITE_FILE } from '../src/storage/sqlite-storage.js';
import { type apiCaller, TEST_ADMIN_TOKEN } from './helpers.js';

/**
 * Cookies as a browser keeps them for one site: by name, sent when the path matches.
 * Browsers ignore the port, so the Torg server and the identity provider on two loopback
 * ports share one jar, as they would in a browser.
 */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  /** Takes the Set-Cookie headers of a response (deletions included). */
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expired =
        attr('max-age') === '0' ||
        (attr('expires') !== undefined && Date.parse(attr('expires') ?? '') < Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attr('path') ?? '/' });
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  set(name: string, value: string, cookiePath = '/'): void {
    this.cookies.set(name, { value, path: cookiePath });
  }

  header(url: string): string {
    const { pathname } = new URL(url);
    return [...this.cookies]
      .filter(([, c]) => pathMatches(pathname, c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  /** A request with this jar's cookies; the answer's cookies are kept. No redirects followed. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.header(url) },
    });
    this.take(res);
    return res;
  }
}

/** RFC 6265 path-match: the cookie's path, or below it. */
function pathMatches(pathname: string, cookiePath: string): boolean {
  if (pathname === cookiePath) return true;
  if (!pathname.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || pathname[cookiePath.length] === '/';
}

/** A free loopback port (so the identity provider can know Torg's callback URL first). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Signs in through the real identity provider the way a browser does, following every
 * redirect by hand: `GET /auth/login` → the provider → its login form (any password) → its
 * consent form → back to Torg. Stops before Torg's callback and returns its URL, so a test
 * can take it, change it or replay it.
 */
export async function provideLogin(
  torg: string,
  jar: CookieJar,
  login: string,
  returnTo = '/',
): Promise<{ callbackUrl: string; loginCookie: string }> {
  let res = await jar.fetch(`${torg}/auth/login?return=${encodeURIComponent(returnTo)}`);
  expect(res.status).toBe(302);
  const loginCookie = jar.get('torg_login') ?? '';
  expect(loginCookie).not.toBe('');
  let url = new URL(res.headers.get('location') ?? '', torg).href;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(`${torg}/auth/callback`)) return { callbackUrl: url, loginCookie };
    res = await jar.fetch(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '', url).href;
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    // The provider's development login or consent form: submit it.
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form at ${url}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'any password');
    }
    res = await jar.fetch(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    await res.arrayBuffer();
    expect(res.status).toBeGreaterThanOrEqual(300);
    url = new URL(res.headers.get('location') ?? '', url).href;
  }
  throw new Error('too many redirects');
}

/** Rows in the server's SQLite file, read straight from the file (what is really stored). */
export function storedCount(dataDir: string, table: string): number {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A session cookie for a new facilitator, through the admin API and the invite. */
export async function inviteSession(
  api: ReturnType<typeof apiCaller>,
  name: string,
): Promise<{ cookie: string; accountId: string }> {
  const made = await api('POST', '/admin/invites', TEST_ADMIN_TOKEN, { name });
  expect(made.status).toBe(201);
  const secret = new URL(made.body.url as string).pathname.split('/').pop() ?? '';
  const res = await fetch(
    `${new URL(made.body.url as string).origin}/api/invites/${secret}/accept`,
    {
      method: 'POST',
    },
  );
  expect(res.status).toBe(201);
  const jar = new CookieJar();
  jar.take(res);
  const session = jar.get('torg_session');
  if (!session) throw new Error('no session cookie');
  const body = (await res.json()) as { facilitator: { id: string } };
  return { cookie: `torg_session=${session}`, accountId: body.facilitator.id };
}

/** The body of a new workshop. */
export const workshopBody = (title: string) => ({
  title,
  date: '2026-12-04',
  groups: ['Gruppe 1', 'Gruppe 2'],
  facilitatorName: 'Kari',
});
