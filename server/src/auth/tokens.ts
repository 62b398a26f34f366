import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isValidId, ROLES, type Role } from '@torg/shared';

/** Who a connection or request is: from a verified token. */
export interface Identity {
  workshopId: string;
  participantId: string;
  role: Role;
  /**
   * The generations of the token it was verified from (`WorkshopService.identify` sets them),
   * so a connection opened just before a sign-out can be checked once it is governed.
   */
  generations?: TokenGenerations;
}

/**
 * The generations a token was signed in (claims `g` and `j`; see `WorkshopRecord`): a token
 * is dead once its workshop's row has moved on from them.
 */
export interface TokenGenerations {
  tokenGen: number;
  joinGen: number;
}

export interface VerifiedToken {
  identity: Identity;
  generations: TokenGenerations;
}

/**
 * Participant tokens: `base64url(payload).base64url(HMAC-SHA256(secret, payload))`, the payload
 * `{ w, p, r, g, j?, iat, exp }` (workshop, participant, role, generations, times). No
 * accounts: holding the token is being that participant. The group is not in the token (it
 * changes live); it is read from the workshop document.
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    /** How long a token is valid, in seconds (a gathering plus the weeks of report writing). */
    private readonly ttlSeconds = 90 * 24 * 3600,
  ) {}

  /**
   * Signs a token for `id` in the workshop's current generations (see `TokenGenerations`):
   * `g` always, `j` for participants and observers only (facilitators outlive a rotation).
   */
  sign(id: Identity, generations: TokenGenerations, now = Date.now()): string {
    const iat = Math.floor(now / 1000);
    const claims = {
      w: id.workshopId,
      p: id.participantId,
      r: id.role,
      g: generations.tokenGen,
      ...(id.role === 'facilitator' ? {} : { j: generations.joinGen }),
      iat,
      exp: iat + this.ttlSeconds,
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /**
   * The identity in a token and the generations it was signed in, or null for anything
   * forged, truncated, expired or malformed. Whether the generations are still the workshop's
   * is the caller's question (`WorkshopService.identify` asks it).
   */
  verify(token: string | undefined | null): VerifiedToken | null {
    if (!token || token.length > 1000) return null;
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
    try {
      const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const { w, p, r, g = 0, j = 0, exp } = data;
      if (typeof exp !== 'number' || exp * 1000 < Date.now()) return null;
      if (typeof w !== 'string' || typeof p !== 'string' || !isValidId(w) || !isValidId(p))
        return null;
      if (!ROLES.includes(r as Role)) return null;
      // Tokens signed before generations existed carry none: generation 0.
      if (!Number.isSafeInteger(g) || !Number.isSafeInteger(j)) return null;
      return {
        identity: { workshopId: w, participantId: p, role: r as Role },
        generations: { tokenGen: g as number, joinGen: j as number },
      };
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return crypto.createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/**
 * A new token generation for a workshop (see `WorkshopRecord.tokenGen`): random, so a
 * workshop restored under its old id never matches the tokens it had before.
 */
export function newGeneration(): number {
  return crypto.randomInt(1, 2 ** 31);
}

/** The configured secret, or one generated once into the data folder and kept there. */
export function loadSecret(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start
  }
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
