import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { CookieJar, inviteSession, storedCount, workshopBody } from './accounts-support.js';
import { apiCaller, startTestServer, TEST_ADMIN_TOKEN } from './helpers.js';

type Server = RunningServer & { dataDir: string };
const servers: Server[] = [];

afterAll(async () => {
  for (const s of servers) await s.close();
});

async function server(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const s = await startTestServer(overrides);
  servers.push(s);
  const base = s.url.replace('localhost', '127.0.0.1');
  return { s, base, api: apiCaller(() => base) };
}

/** Stored rows that creating or importing a gathering would add. */
async function footprint(s: Server) {
  await s.registry.flush();
  return {
    workshops: storedCount(s.dataDir, 'workshops'),
    docs: storedCount(s.dataDir, 'doc_updates'),
    boards: storedCount(s.dataDir, 'workshop_boards'),
  };
}

describe('creating a gathering', () => {
  let t: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    t = await server();
  });

  it('without a session or the administrator token: 401 and nothing stored', async () => {
    const before = await footprint(t.s);
    const someone = await t.api('POST', '/workshops', TEST_ADMIN_TOKEN, workshopBody('Ekte'));
    expect(someone.status).toBe(201);
    const participantToken = someone.body.token as string;
    const afterOne = await footprint(t.s);
    expect(afterOne.workshops).toBe(before.workshops + 1);

    const attempts: [string, string | null][] = [
      ['no credentials', null],
      ['a wrong admin token', `${TEST_ADMIN_TOKEN.slice(0, -1)}X`],
      ['a short prefix of the admin token', TEST_ADMIN_TOKEN.slice(0, 8)],
      ['a facilitator token of another workshop', participantToken],
    ];
    for (const [what, token] of attempts) {
      const r = await t.api('POST', '/workshops', token, workshopBody(`Inntrenger: ${what}`));
      expect(r.status, what).toBe(401);
      expect(r.body.error, what).toBe('sign_in_required');
    }
    expect(await footprint(t.s)).toEqual(afterOne);
  });

  it('with the administrator token: 201, owned by nobody, not in any account list', async () => {
    const r = await t.api('POST', '/workshops', TEST_ADMIN_TOKEN, workshopBody('Skript'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ workshopId: expect.any(String), token: expect.any(String) });
    const kari = await inviteSession(t.api, 'Kari');
    const mine = await t.api('GET', '/account/workshops', null, undefined, { cookie: kari.cookie });
    expect(mine.body).toEqual([]);
  });

  it('an import without a session or the administrator token: 401 and nothing stored', async () => {
    const created = await t.api('POST', '/workshops', TEST_ADMIN_TOKEN, workshopBody('Kilde'));
    const backup = await fetch(`${t.base}/api/workshops/${created.body.workshopId}/backup`, {
      headers: { authorization: `Bearer ${created.body.token}` },
    });
    expect(backup.status).toBe(200);
    const text = await backup.text();

    const target = await server();
    const before = await footprint(target.s);
    for (const token of [null, 'not-the-admin-token-but-long-enough-000000']) {
      const r = await fetch(`${target.base}/api/workshops/import`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: text,
      });
      expect(r.status).toBe(401);
    }
    expect(await footprint(target.s)).toEqual(before);

    // A signed-in facilitator may: the import is theirs, and they can enter it.
    const ola = await inviteSession(target.api, 'Ola');
    const ok = await fetch(`${target.base}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ola.cookie },
      body: text,
    });
    expect(ok.status).toBe(201);
    const mine = await target.api('GET', '/account/workshops', null, undefined, {
      cookie: ola.cookie,
    });
    expect((mine.body as unknown as { workshopId: string }[]).map((w) => w.workshopId)).toEqual([
      created.body.workshopId,
    ]);
    const entered = await target.api(
      'POST',
      `/account/workshops/${created.body.workshopId}/enter`,
      null,
      undefined,
      { cookie: ola.cookie },
    );
    expect(entered.status).toBe(200);
    expect(entered.body.participantId).toBe(ola.accountId);
    const me = await target.api(
      'GET',
      `/workshops/${created.body.workshopId}/me`,
      entered.body.token as string,
    );
    expect(me.body).toMatchObject({ participantId: ola.accountId, role: 'facilitator' });
  });
});

describe('the administrator invite API', () => {
  it('is 404 when no administrator token is configured, 401 with a wrong one', async () => {
    const none = await server({ adminToken: null, openBoards: false });
    expect((await none.api('GET', '/auth/status', null)).body.openBoards).toBe(false);
    const r = await none.api('POST', '/admin/invites', TEST_ADMIN_TOKEN, { name: 'Kari' });
    expect(r.status).toBe(404);
    const create = await none.api('POST', '/workshops', TEST_ADMIN_TOKEN, workshopBody('x'));
    expect(create.status).toBe(401);

    const t = await server();
    const before = storedCount(t.s.dataDir, 'invites');
    for (const token of [null, 'x', `${TEST_ADMIN_TOKEN}x`]) {
      const bad = await t.api('POST', '/admin/invites', token, { name: 'Kari' });
      expect(bad.status).toBe(401);
    }
    expect(storedCount(t.s.dataDir, 'invites')).toBe(before);
  });
});

describe('invites and sessions', () => {
  let t: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    t = await server();
  });

  const secretOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';
  const accept = (secret: string) =>
    fetch(`${t.base}/api/invites/${secret}/accept`, { method: 'POST' });

  it('an invite is shown, then taken once: the second accept (also at the same time) is refused', async () => {
    const made = await t.api('POST', '/admin/invites', TEST_ADMIN_TOKEN, { name: 'Kari Nordmann' });
    expect(made.status).toBe(201);
    const secret = secretOf(made.body.url as string);
    expect(made.body.url).toBe(`${t.base}/invite/${secret}`);
    const shown = await t.api('GET', `/invites/${secret}`, null);
    expect(shown.body).toEqual({ name: 'Kari Nordmann', expiresAt: made.body.expiresAt });

    const accounts = storedCount(t.s.dataDir, 'facilitators');
    const both = await Promise.all([accept(secret), accept(secret)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 404]);
    const loser = both.find((r) => r.status === 404);
    expect(loser?.headers.getSetCookie()).toEqual([]);
    expect(storedCount(t.s.dataDir, 'facilitators')).toBe(accounts + 1);
    expect((await accept(secret)).status).toBe(404);
    expect((await t.api('GET', `/invites/${secret}`, null)).status).toBe(404);
    expect(storedCount(t.s.dataDir, 'facilitators')).toBe(accounts + 1);
  });

  it('an expired or unknown invite is refused and makes no account', async () => {
    const { secret } = await t.s.accounts.invites.create('Gammel', 1, Date.now() - 2 * 86_400_000);
    const accounts = storedCount(t.s.dataDir, 'facilitators');
    expect((await t.api('GET', `/invites/${secret}`, null)).status).toBe(404);
    expect((await accept(secret)).status).toBe(404);
    expect((await accept('A'.repeat(43))).status).toBe(404);
    expect((await accept('../../etc/passwd')).status).toBe(404);
    expect(storedCount(t.s.dataDir, 'facilitators')).toBe(accounts);
  });

  it('a session creates gatherings it owns, lists only its own and enters only its own', async () => {
    const a = await inviteSession(t.api, 'Anne');
    const b = await inviteSession(t.api, 'Bjørn');
    const as = (who: { cookie: string }) => ({ cookie: who.cookie });
    const wa = await t.api('POST', '/workshops', null, workshopBody('Annes samling'), as(a));
    expect(wa.status).toBe(201);
    // The facilitator participant is the account.
    expect(wa.body.participantId).toBe(a.accountId);
    const wb = await t.api('POST', '/workshops', null, workshopBody('Bjørns samling'), as(b));
    expect(wb.status).toBe(201);

    const listA = await t.api('GET', '/account/workshops', null, undefined, as(a));
    expect(listA.body).toEqual([
      {
        workshopId: wa.body.workshopId,
        title: 'Annes samling',
        date: '2026-12-04',
        createdAt: expect.any(Number),
        ended: false,
        series: null,
      },
    ]);

    const own = await t.api(
      'POST',
      `/account/workshops/${wa.body.workshopId}/enter`,
      null,
      undefined,
      as(a),
    );
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ participantId: a.accountId, role: 'facilitator' });
    const codes = await t.api(
      'GET',
      `/workshops/${wa.body.workshopId}/codes`,
      own.body.token as string,
    );
    expect(codes.status).toBe(200);

    const theirs = await t.api(
      'POST',
      `/account/workshops/${wb.body.workshopId}/enter`,
      null,
      undefined,
      as(a),
    );
    expect(theirs.status).toBe(404);
    expect(theirs.body.token).toBeUndefined();
    const anon = await t.api('POST', `/account/workshops/${wa.body.workshopId}/enter`, null);
    expect(anon.status).toBe(401);
  });

  it('a forged or tampered session, or a participant token as one, is refused', async () => {
    const a = await inviteSession(t.api, 'Anne');
    const value = a.cookie.slice('torg_session='.length);
    const [payload = '', mac = ''] = value.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { f: string };
    const other = Buffer.from(JSON.stringify({ ...claims, f: 'someoneElse1234' })).toString(
      'base64url',
    );
    const created = await t.api('POST', '/workshops', TEST_ADMIN_TOKEN, workshopBody('Mål'));
    const before = await footprint(t.s);
    const forged = [
      `${other}.${mac}`,
      `${payload}.${mac.slice(0, -2)}AA`,
      `${payload}.`,
      'garbage',
      created.body.token as string,
    ];
    for (const cookieValue of forged) {
      const cookie = { cookie: `torg_session=${cookieValue}` };
      const r = await t.api('POST', '/workshops', null, workshopBody('Falsk'), cookie);
      expect(r.status).toBe(401);
      const status = await t.api('GET', '/auth/status', null, undefined, cookie);
      expect(status.body.signedIn).toBe(false);
      const list = await t.api('GET', '/account/workshops', null, undefined, cookie);
      expect(list.status).toBe(401);
    }
    expect(await footprint(t.s)).toEqual(before);
    // …and a session is no participant token.
    const asToken = await t.api('GET', `/workshops/${created.body.workshopId}/me`, value);
    expect(asToken.status).toBe(401);
    expect((await t.api('GET', `/workshops/${created.body.workshopId}/codes`, value)).status).toBe(
      401,
    );
  });

  it('the status shows who is signed in; logging out clears the cookie and ends the session on the server', async () => {
    const made = await t.api('POST', '/admin/invites', TEST_ADMIN_TOKEN, { name: 'Anne' });
    const browser = new CookieJar();
    const accepted = await browser.fetch(
      `${t.base}/api/invites/${secretOf(made.body.url as string)}/accept`,
      { method: 'POST' },
    );
    const { facilitator } = (await accepted.json()) as { facilitator: { id: string } };
    const signedIn = await browser.fetch(`${t.base}/api/auth/status`);
    expect(await signedIn.json()).toEqual({
      signedIn: true,
      facilitator: { id: facilitator.id, name: 'Anne', org: null },
      oidc: false,
      // The test servers allow open boards (config `openBoards`); the status says so.
      openBoards: true,
    });
    // A copy of the cookie taken before signing out (another tab, a stolen copy)…
    const copied = browser.get('torg_session');
    expect(copied).toBeDefined();
    const out = await browser.fetch(`${t.base}/api/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(204);
    expect(browser.get('torg_session')).toBeUndefined();
    // …is dead too: signing out ends every session of the account on the server.
    const stale = await fetch(`${t.base}/api/auth/status`, {
      headers: { cookie: `torg_session=${copied}` },
    });
    expect(await stale.json()).toMatchObject({ signedIn: false, facilitator: null });
    const staleCreate = await fetch(`${t.base}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `torg_session=${copied}` },
      body: JSON.stringify(workshopBody('Med en gammel kopi')),
    });
    expect(staleCreate.status).toBe(401);
    const after = await browser.fetch(`${t.base}/api/auth/status`);
    expect(await after.json()).toMatchObject({ signedIn: false, facilitator: null });
    const create = await browser.fetch(`${t.base}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(workshopBody('Etter utlogging')),
    });
    expect(create.status).toBe(401);
  });

  it('the session cookie is HttpOnly and SameSite=Lax', async () => {
    const made = await t.api('POST', '/admin/invites', TEST_ADMIN_TOKEN, { name: 'Kari' });
    const res = await accept(secretOf(made.body.url as string));
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('torg_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=604800/);
  });
});
