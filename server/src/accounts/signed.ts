import crypto from 'node:crypto';

/** Longest signed value accepted; anything longer is refused before any work. */
const MAX_LENGTH = 2000;

/**
 * Small JSON values signed with the server secret for one purpose (a `domain`): the
 * facilitator session cookie and the sign-in state cookie. Each domain has its own key
 * derived from the secret, so a value signed for one purpose (or a participant token, which
 * is signed with the secret itself) never verifies for another.
 * Format: `base64url(json).base64url(HMAC-SHA256(key, that))`; the JSON carries `exp`.
 */
export class SignedValues {
  private readonly key: Buffer;

  constructor(secret: string, domain: string) {
    this.key = crypto.createHmac('sha256', secret).update(`torg-signed-value:${domain}`).digest();
  }

  sign(data: Record<string, unknown>, ttlSeconds: number, now = Date.now()): string {
    const exp = Math.floor(now / 1000) + ttlSeconds;
    const payload = Buffer.from(JSON.stringify({ ...data, exp })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The signed data, or null for anything forged, expired, truncated or malformed. */
  verify(value: string | undefined | null, now = Date.now()): Record<string, unknown> | null {
    if (!value || value.length > MAX_LENGTH) return null;
    const [payload, mac, extra] = value.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
    try {
      const data: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
      const record = data as Record<string, unknown>;
      if (typeof record.exp !== 'number' || record.exp * 1000 <= now) return null;
      return record;
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    return crypto.createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** Constant-time equality of two secrets of any length (compared as SHA-256 digests). */
export function secretsEqual(a: string, b: string): boolean {
  const da = crypto.createHash('sha256').update(a).digest();
  const db = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(da, db);
}
