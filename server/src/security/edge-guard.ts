import type { MiddlewareHandler } from 'hono';
import type { ServerConfig } from '../config.js';
import { type Metrics, NO_METRICS } from '../metrics/metrics.js';
import { DEFAULT_RATE_LIMITS, type RateLimitName, type RateLimits } from './budgets.js';
import { budgetKey, clientAddress } from './client-address.js';
import { RateLimiter, rateLimit } from './rate-limit.js';

type Budget =
  | 'join'
  | 'create'
  | 'upload'
  | 'export'
  | 'memberRead'
  | 'signIn'
  | 'contribute'
  | 'metrics';

/** Which budget a request spends, by method and path (route modules stay unaware). */
const ROUTES: readonly { method: string | null; path: RegExp; budget: Budget }[] = [
  { method: 'GET', path: /^\/api\/join\/[^/]+$/, budget: 'join' },
  { method: 'POST', path: /^\/api\/join$/, budget: 'join' },
  { method: 'POST', path: /^\/api\/workshops(\/import)?$/, budget: 'create' },
  // The next gathering of a series makes a gathering too.
  { method: 'POST', path: /^\/api\/workshops\/[^/]+\/series\/next$/, budget: 'create' },
  // Input rounds: the question and the outcome are reads (their ids are unguessable, so an
  // unknown one is no guess at a join code: it spends no join failures); answers their own.
  { method: 'GET', path: /^\/api\/input\//, budget: 'memberRead' },
  { method: 'POST', path: /^\/api\/input\//, budget: 'contribute' },
  // Worked out from every board of a series.
  {
    method: 'GET',
    path: /^\/api\/workshops\/[^/]+\/(brief|follow-up|measure-basis|inputs\/counts)$/,
    budget: 'memberRead',
  },
  { method: 'POST', path: /^\/api\/boards\/[^/]+\/assets$/, budget: 'upload' },
  {
    method: 'GET',
    path: /^\/api\/workshops\/[^/]+\/boards\/[^/]+\/export\/[^/]+$/,
    budget: 'export',
  },
  { method: 'GET', path: /^\/api\/boards\/[^/]+\/export\/[^/]+$/, budget: 'export' },
  { method: 'POST', path: /^\/api\/workshops\/[^/]+\/exports$/, budget: 'export' },
  { method: 'GET', path: /^\/api\/workshops\/[^/]+\/backup$/, budget: 'export' },
  { method: 'GET', path: /^\/api\/workshops\/[^/]+\/vote\/[^/]+$/, budget: 'memberRead' },
  {
    method: 'GET',
    path: /^\/api\/workshops\/[^/]+\/boards\/[^/]+\/authors$/,
    budget: 'memberRead',
  },
  // A board's whole content as JSON (scripts, exports): read and compressed per request.
  { method: 'GET', path: /^\/api\/boards\/[^/]+$/, budget: 'memberRead' },
  // Sign-in pages and their API, invites and the administrator's invite route (a guessed
  // token costs here). `GET /api/auth/status` is left out: every home page load asks it,
  // a room of phones behind one address included, and it only reads a cookie.
  { method: null, path: /^\/auth\//, budget: 'signIn' },
  { method: 'POST', path: /^\/api\/auth\//, budget: 'signIn' },
  { method: null, path: /^\/api\/invites\//, budget: 'signIn' },
  { method: null, path: /^\/api\/admin\//, budget: 'signIn' },
  // A wrong metrics token is as hopeless to guess as the administrator's; scrapes are rare.
  { method: 'GET', path: /^\/metrics$/, budget: 'metrics' },
];

/** The budget `method path` spends, or null for requests without one. */
export function budgetOf(method: string, path: string): Budget | null {
  for (const r of ROUTES) {
    if ((r.method === null || r.method === method) && r.path.test(path)) return r.budget;
  }
  return null;
}

/**
 * One middleware for /api, /auth and /metrics that charges each request to its client's
 * address and answers 429 when the budget is spent, before anything else runs. Mounted first,
 * so a refused request costs no body read, lookup or token check.
 */
export function edgeGuard(
  config: ServerConfig,
  metrics: Metrics = NO_METRICS,
  now?: () => number,
): MiddlewareHandler {
  const rules: RateLimits = { ...DEFAULT_RATE_LIMITS, ...config.rateLimits };
  const limiter = (name: RateLimitName) => new RateLimiter({ ...rules[name], now });
  const trustProxy = config.trustProxy ?? 0;
  const key = (c: Parameters<MiddlewareHandler>[0]) => budgetKey(clientAddress(c, trustProxy));
  // One log line per address a minute: a flood of refusals must not become a flood of logs.
  const logged = new RateLimiter({ burst: 1, perSecond: 1 / 60, now });
  const refused = (budget: Budget) => (c: Parameters<MiddlewareHandler>[0], address: string) => {
    metrics.rateLimited(budget);
    if (logged.tryTake(address))
      config.logger.warn('http.rate_limited', { path: c.req.path.slice(0, 120), address });
  };
  /** The budget's guard, spending one token of the rule of the same name. */
  const plain = (budget: Exclude<Budget, 'join'>) =>
    rateLimit({ limiters: [limiter(budget)], key, onRefused: refused(budget) });
  const guards: Record<Budget, MiddlewareHandler> = {
    join: rateLimit({
      limiters: [limiter('joinAttempts')],
      // 404: no workshop has this code. Other refusals (400, 409 ended) are not guesses.
      failures: { limiter: limiter('joinFailures'), failed: (status) => status === 404 },
      key,
      onRefused: refused('join'),
    }),
    create: plain('create'),
    upload: plain('upload'),
    export: plain('export'),
    memberRead: plain('memberRead'),
    signIn: plain('signIn'),
    contribute: plain('contribute'),
    metrics: plain('metrics'),
  };
  return async (c, next) => {
    // Hono answers HEAD with the GET route: a HEAD lookup must cost what a GET costs.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const budget = budgetOf(method, c.req.path);
    if (!budget) return next();
    return guards[budget](c, next);
  };
}
