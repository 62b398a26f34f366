import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isValidId, ROLES, type Role } from '@torg/shared';

/** Who a connection or request is: from a verified token. */
export interface Identity {
  workshopId: string;
  participantId: string;
  role: Role;
}

/**
 * Participant tokens: `base64url(payload).base64url(HMAC-SHA256(secret, payload))`. No
 * accounts: holding the token is being that participant. The group is not in the token (it
 * changes live); it is read from the workshop document.
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    /** How long a token is valid, in seconds (a gathering plus the weeks of report writing). */
    private readonly ttlSeconds = 90 * 24 * 3600,
  ) {}

  sign(id: Identity, now = Date.now()): string {
    const iat = Math.floor(now / 1000);
    const claims = {
      w: id.workshopId,
      p: id.participantId,
      r: id.role,
      iat,
      exp: iat + this.ttlSeconds,
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The identity in a token, or null for anything forged, truncated or malformed. */
  verify(token: string | undefined | null): Identity | null {
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
      const { w, p, r, exp } = data;
      if (typeof exp !== 'number' || exp * 1000 < Date.now()) return null;
      if (typeof w !== 'string' || typeof p !== 'string' || !isValidId(w) || !isValidId(p))
        return null;
      if (!ROLES.includes(r as Role)) return null;
      return { workshopId: w, participantId: p, role: r as Role };
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
