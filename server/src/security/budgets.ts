import type { BucketRule } from './rate-limit.js';

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
  /**
   * Members' reads that are worked out from whole boards (the vote list, results, own dots,
   * a board's authors): a room's every phone asking at once, then 120/s — each participant's
   * hover labels ask at most every 3 s (300 people: 100/s). The answers are cached per change
   * of the board, so what this bounds is mostly bytes sent.
   */
  memberRead: { burst: 1200, perSecond: 120 },
  /**
   * Answers to input rounds from people outside the room: a dialogue meeting's phones behind
   * one address at once, then one per 5 s (each round has limits of its own besides).
   */
  contribute: { burst: 100, perSecond: 1 / 5 },
  /** Signing in, invites: 40 at once, then one per 2 s. */
  signIn: { burst: 40, perSecond: 1 / 2 },
  /** `/metrics` on the public port: Prometheus asks every 15 s or so; 20 at once, then 1/s. */
  metrics: { burst: 20, perSecond: 1 },
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
