import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import {
  CookieJar,
  freePort,
  provideLogin,
  storedCount,
  workshopBody,
} from './accounts-support.js';
import { apiCaller, startTestServer } from './helpers.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';

/**
 * Signing in through a real OpenID Connect provider (oidc-provider on loopback), followed
 * redirect by redirect as a browser would, and tried as an attacker would.
 */
type Server = RunningServer & { dataDir: string };
const servers: Server[] = [];
let provider: TestOidcProvider | null = null;

afterAll(async () => {
  for (const s of servers) await s.close();
  await provider?.close();
});

async function server(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const s = await startTestServer(overrides);
  servers.push(s);
  const base = s.url.replace('localhost', '127.0.0.1');
  return { s, base, api: apiCaller(() => base) };
}

describe('sign-in through the identity provider', () => {
  let t: Awaited<ReturnType<typeof server>>;
  const logger = memoryLogger();
  /** Why the last callback failed, as the server logged it. */
  const lastFailure = () =>
    String(logger.entries.filter((e) => e.event === 'auth.callback_failed').at(-1)?.fields?.error);
  beforeAll(async () => {
    const port = await freePort();
    const torg = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      redirectUris: [`${torg}/auth/callback`],
      accounts: [
        {
          login: 'kari',
          claims: {
            name: 'Kari Nordmann',
            groups: ['alle', 'torg-fasilitatorer'],
            org: 'Ås kommune',
          },
        },
        { login: 'ola', claims: { name: 'Ola Deltaker', groups: ['alle'], org: 'Ås kommune' } },
        {
          login: 'per',
          claims: { name: 'Per Kollega', groups: ['torg-fasilitatorer'], org: 'Ås kommune' },
        },
        {
          login: 'lise',
          claims: { name: 'Lise Nabo', groups: ['torg-fasilitatorer'], org: 'Bø kommune' },
        },
      ],
    });
    t = await server({
      port,
      logger,
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        facilitatorClaim: 'groups',
        facilitatorValue: 'torg-fasilitatorer',
        orgClaim: 'org',
      },
    });
    expect(t.base).toBe(torg);
  });

  const sessionOf = (res: Response) =>
    res.headers.getSetCookie().find((c) => c.startsWith('torg_session=') && !/Max-Age=0/i.test(c));

  it('a facilitator signs in and comes back to where they were, with a session', async () => {
    const jar = new CookieJar();
    const { callbackUrl } = await provideLogin(t.base, jar, 'kari', '/samlinger?x=1');
    const res = await jar.fetch(callbackUrl);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/samlinger?x=1');
    expect(sessionOf(res)).toBeDefined();
    const status = await jar.fetch(`${t.base}/api/auth/status`);
    expect(await status.json()).toMatchObject({
      signedIn: true,
      facilitator: { name: 'Kari Nordmann', org: 'Ås kommune' },
      oidc: true,
    });
    const created = await jar.fetch(`${t.base}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(workshopBody('Karis samling')),
    });
    expect(created.status).toBe(201);
    // Signing in again is the same account.
    const again = new CookieJar();
    await again.fetch((await provideLogin(t.base, again, 'kari')).callbackUrl);
    const list = await again.fetch(`${t.base}/api/account/workshops`);
    expect(((await list.json()) as { title: string }[]).map((w) => w.title)).toEqual([
      'Karis samling',
    ]);
  });

  it('someone without the facilitator claim is refused and no account is stored', async () => {
    const accounts = storedCount(t.s.dataDir, 'facilitators');
    const jar = new CookieJar();
    const { callbackUrl } = await provideLogin(t.base, jar, 'ola');
    const res = await jar.fetch(callbackUrl);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/?signin=denied');
    expect(sessionOf(res)).toBeUndefined();
    expect(storedCount(t.s.dataDir, 'facilitators')).toBe(accounts);
    const create = await jar.fetch(`${t.base}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(workshopBody('Olas forsøk')),
    });
    expect(create.status).toBe(401);
  });

  it('a callback with a wrong state, without the sign-in cookie, or with a used code fails', async () => {
    const accounts = storedCount(t.s.dataDir, 'facilitators');
    const jar = new CookieJar();
    const first = await provideLogin(t.base, jar, 'kari');
    const wrong = new URL(first.callbackUrl);
    wrong.searchParams.set('state', 'not-the-state');
    const r1 = await jar.fetch(wrong.href);
    expect(r1.headers.get('location')).toBe('/?signin=failed');
    expect(sessionOf(r1)).toBeUndefined();
    expect(lastFailure()).toMatch(/state/i);

    // The code in another browser (no sign-in cookie of its own).
    const second = await provideLogin(t.base, jar, 'kari');
    const stranger = new CookieJar();
    const r2 = await stranger.fetch(second.callbackUrl);
    expect(r2.headers.get('location')).toBe('/?signin=failed');
    expect(sessionOf(r2)).toBeUndefined();

    // Used once (successfully), then replayed with the same sign-in cookie: the code is spent.
    const third = await provideLogin(t.base, jar, 'kari');
    const ok = await jar.fetch(third.callbackUrl);
    expect(sessionOf(ok)).toBeDefined();
    const replay = new CookieJar();
    replay.set('torg_login', third.loginCookie, '/auth');
    const r3 = await replay.fetch(third.callbackUrl);
    expect(r3.headers.get('location')).toBe('/?signin=failed');
    expect(sessionOf(r3)).toBeUndefined();
    expect(lastFailure()).toMatch(/invalid_grant|grant/i);
    expect(storedCount(t.s.dataDir, 'facilitators')).toBe(accounts);
  });

  it('a return address on another site is not followed', async () => {
    for (const evil of [
      '//evil.example',
      'https://evil.example/',
      '/\\evil.example',
      '//evil.example/%2F..',
    ]) {
      const jar = new CookieJar();
      const { callbackUrl } = await provideLogin(t.base, jar, 'kari', evil);
      const res = await jar.fetch(callbackUrl);
      expect(res.headers.get('location'), evil).toBe('/');
    }
  });

  /** Signs `login` in and creates a gathering: its facilitator token. */
  async function gatheringOf(login: string, title: string): Promise<{ id: string; token: string }> {
    const jar = new CookieJar();
    await jar.fetch((await provideLogin(t.base, jar, login)).callbackUrl);
    const res = await jar.fetch(`${t.base}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(workshopBody(title)),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { workshopId: string; token: string };
    return { id: body.workshopId, token: body.token };
  }

  it("saved templates are shared within the signed-in facilitator's organisation only", async () => {
    const kari = await gatheringOf('kari', 'Karis mal-samling');
    const per = await gatheringOf('per', 'Pers samling');
    const lise = await gatheringOf('lise', 'Lises samling');
    const phase = await t.api('POST', `/workshops/${kari.id}/phases`, kari.token, {
      name: 'Fremtid',
      template: 'future',
      plenary: true,
    });
    const saved = await t.api('POST', `/workshops/${kari.id}/templates`, kari.token, {
      boardId: (phase.body.boardIds as string[])[0],
      name: 'Ås-malen',
    });
    expect(saved.status).toBe(201);
    const id = saved.body.templateId as string;

    const perList = await t.api('GET', '/templates', per.token);
    expect((perList.body as unknown as { id: string }[]).map((x) => x.id)).toContain(id);
    const used = await t.api('POST', `/workshops/${per.id}/phases`, per.token, {
      name: 'Fra Kari',
      template: `saved:${id}`,
    });
    expect(used.status).toBe(201);

    expect((await t.api('GET', '/templates', lise.token)).body).toEqual([]);
    expect((await t.api('GET', `/templates/${id}`, lise.token)).status).toBe(404);
    expect((await t.api('DELETE', `/templates/${id}`, lise.token)).status).toBe(404);
    expect((await t.api('GET', `/templates/${id}`, kari.token)).status).toBe(200);
  });

  it('without an identity provider, /auth/login is 404', async () => {
    const plain = await server();
    const res = await fetch(`${plain.base}/auth/login`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    const cb = await fetch(`${plain.base}/auth/callback?code=x&state=y`, { redirect: 'manual' });
    expect(cb.status).toBe(404);
  });
});
