import type { MiddlewareHandler } from 'hono';
import { bearer } from '../routes/middleware.js';
import type { FacilitatorAccount } from '../storage/storage.js';
import type { AccountService } from './account-service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';

/**
 * Who is creating a gathering: a signed-in facilitator (who then owns it) or a script with
 * the administrator token (nobody owns it).
 */
export type Creator = { kind: 'facilitator'; account: FacilitatorAccount } | { kind: 'admin' };

export type CreatorEnv = { Variables: { creator: Creator } };
export type SessionEnv = { Variables: { account: FacilitatorAccount } };

const signInRequired = {
  error: 'sign_in_required',
  message: 'sign in as a facilitator (or use the administrator token) to do this',
} as const;

/** The workshop owner and facilitator participant id for `WorkshopService.create`. */
export function ownerOf(creator: Creator): { ownerId: string | null; participantId?: string } {
  return creator.kind === 'admin'
    ? { ownerId: null }
    : { ownerId: creator.account.id, participantId: creator.account.id };
}

/**
 * Creating gatherings (new and imported): a facilitator session or the administrator token
 * (`Authorization: Bearer …`); anything else is 401 `sign_in_required` before the body is read.
 */
export function requireCreator(accounts: AccountService): MiddlewareHandler<CreatorEnv> {
  return async (c, next) => {
    if (accounts.isAdminToken(bearer(c))) {
      c.set('creator', { kind: 'admin' });
      return next();
    }
    const account = await accounts.accountOf(readCookie(c, SESSION_COOKIE));
    if (!account) return c.json(signInRequired, 401);
    c.set('creator', { kind: 'facilitator', account });
    return next();
  };
}

/** A facilitator session; 401 `sign_in_required` without one. */
export function requireSession(accounts: AccountService): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const account = await accounts.accountOf(readCookie(c, SESSION_COOKIE));
    if (!account) return c.json(signInRequired, 401);
    c.set('account', account);
    return next();
  };
}
