import { addGatheringBody, isValidId, renameBody } from '@torg/shared';
import { Hono } from 'hono';
import type { AccountService } from '../accounts/account-service.js';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, writeCookie } from '../accounts/cookies.js';
import { requireSession, type SessionEnv } from '../accounts/gate.js';
import { DEFAULT_INVITE_DAYS, inviteUrl, MAX_INVITE_DAYS } from '../accounts/invites.js';
import type { ServerConfig } from '../config.js';
import { CommandError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { WorkshopService } from '../workshops/service.js';
import { bearer, body } from './middleware.js';

/** How many of their workshops a facilitator's list shows (newest first). */
const MAX_LISTED = 200;

const invalidInvite = () =>
  new CommandError(404, 'invalid_invite', 'this invite is unknown, used or expired');

/**
 * Facilitator accounts (see docs/workshops-api.md): invites (made with the administrator
 * token, taken in the browser), and a signed-in facilitator's own workshops.
 */
export function accountRoutes(deps: {
  accounts: AccountService;
  service: WorkshopService;
  storage: Storage;
  config: ServerConfig;
}): Hono<SessionEnv> {
  const { accounts, service, storage, config } = deps;
  const api = new Hono<SessionEnv>();
  const session = requireSession(accounts);

  api.post('/admin/invites', async (c) => {
    if (!accounts.adminTokenConfigured)
      return c.json({ error: 'not_found', message: 'no administrator token is configured' }, 404);
    if (!accounts.isAdminToken(bearer(c)))
      return c.json(
        { error: 'unauthenticated', message: 'the administrator token is needed' },
        401,
      );
    // `{ name, days? }`: the name the invite greets (1–80 characters), valid for 1–30 days.
    const { name } = await body(c, renameBody);
    const days = ((await c.req.json()) as { days?: unknown }).days ?? DEFAULT_INVITE_DAYS;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_INVITE_DAYS)
      throw new CommandError(
        400,
        'invalid_body',
        `days: a whole number from 1 to ${MAX_INVITE_DAYS}`,
      );
    const invite = await accounts.invites.create(name, days);
    const base = config.publicUrls[0] ?? new URL(c.req.url).origin;
    return c.json({ url: inviteUrl(base, invite.secret), expiresAt: invite.expiresAt }, 201);
  });

  api.get('/invites/:token', async (c) => {
    const invite = await accounts.invites.peek(c.req.param('token'));
    if (!invite) throw invalidInvite();
    c.header('Cache-Control', 'no-store');
    return c.json({ name: invite.name, expiresAt: invite.expiresAt });
  });

  api.post('/invites/:token/accept', async (c) => {
    const account = await accounts.acceptInvite(c.req.param('token'));
    if (!account) throw invalidInvite();
    writeCookie(c, SESSION_COOKIE, accounts.sessionFor(account), {
      path: '/',
      maxAge: SESSION_TTL_SECONDS,
      publicUrls: config.publicUrls,
    });
    return c.json({ facilitator: { id: account.id, name: account.name, org: account.org } }, 201);
  });

  api.get('/account/workshops', session, async (c) => {
    const owned = (await storage.access.workshopsOwnedBy(c.get('account').id)).slice(0, MAX_LISTED);
    const list = [];
    for (const record of owned) {
      const { meta, series } = await service.state(record.id);
      if (!meta) continue;
      list.push({
        workshopId: record.id,
        title: meta.title,
        date: meta.date,
        createdAt: record.createdAt,
        ended: meta.ended,
        series: series ? { id: series.id, name: series.name } : null,
      });
    }
    c.header('Cache-Control', 'no-store');
    return c.json(list);
  });

  api.post('/account/workshops/:workshopId/enter', session, async (c) => {
    const account = c.get('account');
    const workshopId = c.req.param('workshopId');
    // Another's workshop looks exactly like none at all.
    const record = isValidId(workshopId) ? await storage.getWorkshop(workshopId) : null;
    if (!record || record.ownerId !== account.id)
      throw new CommandError(404, 'not_found', 'no such workshop');
    // The owner's facilitator participant is the account; back in the document if missing.
    const entered = await service.members.addFacilitator(workshopId, account.name, account.id);
    return c.json({ workshopId, ...entered, role: 'facilitator' as const });
  });

  // A gathering the account owns into a series of another it owns (see shared/src/series.ts).
  api.post('/account/series/:seriesId/gatherings', session, async (c) => {
    const account = c.get('account');
    const seriesId = c.req.param('seriesId');
    const { workshopId } = await body(c, addGatheringBody);
    const owns = async (id: string) => (await storage.getWorkshop(id))?.ownerId === account.id;
    const inSeries = isValidId(seriesId) ? await storage.seriesWorkshops(seriesId) : [];
    // Another's gathering or series looks exactly like none at all.
    if (!(await owns(workshopId)) || !(await anyOwned(inSeries, owns)))
      throw new CommandError(404, 'not_found', 'no such gathering or series');
    await service.series.add(seriesId, workshopId);
    return c.json({ ok: true });
  });

  return api;
}

async function anyOwned(ids: readonly string[], owns: (id: string) => Promise<boolean>) {
  for (const id of ids) if (await owns(id)) return true;
  return false;
}
