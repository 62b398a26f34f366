import { type Role, type Schema, useEnglishValidationMessages } from '@torg/shared';
import type { Context, MiddlewareHandler } from 'hono';
import type { Identity } from '../auth/tokens.js';
import { CommandError, errorJson } from '../errors.js';
import type { WorkshopService } from '../workshops/service.js';

// A refusal names its first problem in words (`validate` below); the schemas come without.
useEnglishValidationMessages();

export type AuthEnv = { Variables: { identity: Identity } };

/** The bearer token of a request, if any. */
export function bearer(c: Context): string | null {
  const header = c.req.header('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

/** The bearer token's identity, verified; 401 without a valid one. */
export function authenticate(service: WorkshopService): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const identity = await service.members.identify(bearer(c));
    if (!identity)
      return errorJson(c, new CommandError(401, 'unauthenticated', 'a valid token is needed'));
    const wid = c.req.param('workshopId');
    if (wid && wid !== identity.workshopId) {
      return errorJson(c, new CommandError(403, 'forbidden', 'this token is for another workshop'));
    }
    c.set('identity', identity);
    await next();
  };
}

/** Only these roles may go on; others get 403. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('identity').role)) {
      return errorJson(
        c,
        new CommandError(403, 'forbidden', `only ${roles.join(' or ')} may do this`),
      );
    }
    await next();
  };
}

/** Parses a JSON body with a shared schema; throws a 400 CommandError when it does not fit. */
export async function body<T>(c: Context, schema: Schema<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new CommandError(400, 'invalid_json', 'the body must be JSON');
  }
  return validate(schema, raw);
}

/**
 * Validates a value with a shared schema; throws a 400 `invalid_body` CommandError naming
 * the first problem (its path under `where`, e.g. `options.firstYear`) when it does not fit.
 */
export function validate<T>(schema: Schema<T>, raw: unknown, where?: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = [...(where ? [where] : []), ...(issue?.path ?? []).map(String)].join('.');
    throw new CommandError(400, 'invalid_body', `${at || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Cross-site protection: a browser request that changes state (or opens a WebSocket) must
 * come from an allowed origin — the configured public URLs, or the request's own host.
 * Requests without an Origin header (scripts, not browsers) are not cross-site.
 */
export function originAllowed(c: Context, publicUrls: readonly string[]): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (publicUrls.length > 0) return publicUrls.some((u) => new URL(u).origin === origin);
  return host === c.req.header('host');
}

export function checkOrigin(publicUrls: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const changes = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS';
    if (changes && !originAllowed(c, publicUrls)) {
      return c.json(
        { error: 'bad_origin', message: 'requests from this origin are not allowed' },
        403,
      );
    }
    await next();
  };
}
