import type { MiddlewareHandler } from 'hono';
import type { ServerConfig } from '../config.js';
import { budgetKey, clientAddress } from './client-address.js';
import { type BucketRule, RateLimiter, rateLimit } from './rate-limit.js';

/**
 * The per-address budgets, sized for the hard legitimate case: a whole room (300 phones)
 * behind one venue NAT address, all joining within a minute or two.
 */
export const DEFAULT_RATE_LIMITS = {
  /** Join-code lookups and joins: two requests per person, a room at once, then 10/s. */
  joinAttempts: { burst: 600, perSecond: 10 },
  /**
   * Lookups and joins with an unknown code (404): typos of a room, then one per 5 s, about
   * 17,000 a day. This is what makes guessing codes hopeless (README "Security").
   */
  joinFailures: { burst: 50, perSecond: 1 / 5 },
  /** Creating and importing workshops: 20 at once, then 60 an hour. */
  create: { burst: 20, perSecond: 60 / 3600 },
  /** Image uploads (each decoded and re-encoded): 60 at once, then one a second. */
  upload: { burst: 60, perSecond: 1 },
  /** Board exports, workshop export jobs and backups (heavy): 20 at once, then one per 6 s. */
  export: { burst: 20, perSecond: 1 / 6 },
  /** Signing in, invites: 40 at once, then one per 2 s. */
  signIn: { burst: 40, perSecond: 1 / 2 },
} satisfies Record<string, BucketRule>;

export type RateLimitName = keyof typeof DEFAULT_RATE_LIMITS;
export type RateLimits = Record<RateLimitName, BucketRule>;

/**
 * Every default budget multiplied by `factor` (`TORG_RATE_LIMIT_SCALE`): more for a large
 * event behind one address, or for test servers that make many requests from one host.
 */
export function scaledRateLimits(factor: number): RateLimits {
  const scaled = {} as RateLimits;
  for (const [name, rule] of Object.entries(DEFAULT_RATE_LIMITS) as [RateLimitName, BucketRule][])
    scaled[name] = { burst: Math.max(1, rule.burst * factor), perSecond: rule.perSecond * factor };
  return scaled;
}

type Budget = 'join' | 'create' | 'upload' | 'export' | 'signIn';

/** Which budget a request spends, by method and path (route modules stay unaware). */
const ROUTES: readonly { method: string | null; path: RegExp; budget: Budget }[] = [
  { method: 'GET', path: /^\/api\/join\/[^/]+$/, budget: 'join' },
  { method: 'POST', path: /^\/api\/join$/, budget: 'join' },
  { method: 'POST', path: /^\/api\/workshops(\/import)?$/, budget: 'create' },
  { method: 'POST', path: /^\/api\/boards\/[^/]+\/assets$/, budget: 'upload' },
  {
    method: 'GET',
    path: /^\/api\/workshops\/[^/]+\/boards\/[^/]+\/export\/[^/]+$/,
    budget: 'export',
  },
  { method: 'GET', path: /^\/api\/boards\/[^/]+\/export\/[^/]+$/, budget: 'export' },
  { method: 'POST', path: /^\/api\/workshops\/[^/]+\/exports$/, budget: 'export' },
  { method: 'GET', path: /^\/api\/workshops\/[^/]+\/backup$/, budget: 'export' },
  // Sign-in pages and their API, invites and the administrator's invite route (a guessed
  // token costs here). `GET /api/auth/status` is left out: every home page load asks it,
  // a room of phones behind one address included, and it only reads a cookie.
  { method: null, path: /^\/auth\//, budget: 'signIn' },
  { method: 'POST', path: /^\/api\/auth\//, budget: 'signIn' },
  { method: null, path: /^\/api\/invites\//, budget: 'signIn' },
  { method: null, path: /^\/api\/admin\//, budget: 'signIn' },
];

/** The budget `method path` spends, or null for requests without one. */
export function budgetOf(method: string, path: string): Budget | null {
  for (const r of ROUTES) {
    if ((r.method === null || r.method === method) && r.path.test(path)) return r.budget;
  }
  return null;
}

/**
 * One middleware for /api and /auth that charges each request to its client's address and
 * answers 429 when the budget is spent, before anything else runs. Mounted first, so a
 * refused request costs no body read, lookup or token check.
 */
export function edgeGuard(config: ServerConfig, now?: () => number): MiddlewareHandler {
  const rules: RateLimits = { ...DEFAULT_RATE_LIMITS, ...config.rateLimits };
  const limiter = (name: RateLimitName) => new RateLimiter({ ...rules[name], now });
  const trustProxy = config.trustProxy ?? 0;
  const key = (c: Parameters<MiddlewareHandler>[0]) => budgetKey(clientAddress(c, trustProxy));
  // One log line per address a minute: a flood of refusals must not become a flood of logs.
  const logged = new RateLimiter({ burst: 1, perSecond: 1 / 60, now });
  const onRefused = (c: Parameters<MiddlewareHandler>[0], address: string) => {
    if (logged.tryTake(address))
      config.logger.warn('http.rate_limited', { path: c.req.path.slice(0, 120), address });
  };
  const guards: Record<Budget, MiddlewareHandler> = {
    join: rateLimit({
      limiters: [limiter('joinAttempts')],
      // 404: no workshop has this code. Other refusals (400, 409 ended) are not guesses.
      failures: { limiter: limiter('joinFailures'), failed: (status) => status === 404 },
      key,
      onRefused,
    }),
    create: rateLimit({ limiters: [limiter('create')], key, onRefused }),
    upload: rateLimit({ limiters: [limiter('upload')], key, onRefused }),
    export: rateLimit({ limiters: [limiter('export')], key, onRefused }),
    signIn: rateLimit({ limiters: [limiter('signIn')], key, onRefused }),
  };
  return async (c, next) => {
    // Hono answers HEAD with the GET route: a HEAD lookup must cost what a GET costs.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const budget = budgetOf(method, c.req.path);
    if (!budget) return next();
    return guards[budget](c, next);
  };
}
