import crypto from 'node:crypto';
import { newId } from '@torg/shared';
import type { AccessStore, InviteRecord } from '../storage/storage.js';

/** Days an invite is valid when nobody says otherwise. */
export const DEFAULT_INVITE_DAYS = 7;
export const MAX_INVITE_DAYS = 30;

/** 32 random bytes, base64url: 43 characters, 256 bits (no guessing). */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only this hash of an invite's secret is stored: a copy of the database lets nobody in. */
function hashOf(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

/** The link a person opens to take an invite. */
export function inviteUrl(base: string, secret: string): string {
  return `${base.replace(/\/+$/, '')}/invite/${secret}`;
}

/**
 * One-time facilitator invites: a random secret in a link; the first to accept it gets an
 * account, and the invite is used up.
 */
export class Invites {
  constructor(private readonly access: AccessStore) {}

  async create(
    name: string,
    days = DEFAULT_INVITE_DAYS,
    now = Date.now(),
  ): Promise<{ secret: string; expiresAt: number }> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_INVITE_DAYS)
      throw new RangeError(`days must be a whole number from 1 to ${MAX_INVITE_DAYS}`);
    const secret = crypto.randomBytes(32).toString('base64url');
    const expiresAt = now + days * 24 * 3600 * 1000;
    await this.access.putInvite({
      id: newId(),
      tokenHash: hashOf(secret),
      name,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    return { secret, expiresAt };
  }

  /** The unused, unexpired invite with this secret, without using it; null otherwise. */
  async peek(secret: string, now = Date.now()): Promise<InviteRecord | null> {
    if (!SECRET_PATTERN.test(secret)) return null;
    const invite = await this.access.findInvite(hashOf(secret));
    return invite && invite.usedAt === null && invite.expiresAt > now ? invite : null;
  }

  /** Uses the invite up (atomically: of two at once, one wins); null when it is not valid. */
  async claim(secret: string, now = Date.now()): Promise<InviteRecord | null> {
    if (!SECRET_PATTERN.test(secret)) return null;
    return this.access.claimInvite(hashOf(secret), now);
  }
}
