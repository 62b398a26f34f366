import type { Context, MiddlewareHandler } from 'hono';

/**
 * Token buckets keyed by a string (an address, usually): each key may spend `burst` at once
 * and gets `perSecond` back over time. Memory is bounded: at most `maxKeys` buckets are kept;
 * buckets that have refilled completely are dropped (they are the same as a fresh one), at
 * most once per `sweepMs`; and when the map is still full, the bucket touched longest ago
 * goes. An attacker rotating addresses therefore costs a fixed amount of memory and at worst
 * gets the fresh budgets that owning those addresses gave it anyway.
 */
export interface BucketRule {
  /** Tokens a key may spend at once (and the most it can save up). */
  burst: number;
  /** Tokens a key gets back per second. */
  perSecond: number;
}

export interface RateLimiterOptions extends BucketRule {
  /** Most keys kept at once (default 100,000: a few MiB). */
  maxKeys?: number;
  /** Full buckets are swept out at most this often (default 60 s). */
  sweepMs?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

export class RateLimiter {
  readonly burst: number;
  readonly perSecond: number;
  private readonly maxKeys: number;
  private readonly sweepMs: number;
  private readonly now: () => number;
  /** In order of last use (a touched key is moved to the end), so the first is the stalest. */
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(options: RateLimiterOptions) {
    if (!(options.burst >= 1) || !(options.perSecond > 0))
      throw new Error('a rate limit needs burst ≥ 1 and perSecond > 0');
    this.burst = options.burst;
    this.perSecond = options.perSecond;
    this.maxKeys = Math.max(1, options.maxKeys ?? 100_000);
    this.sweepMs = options.sweepMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** How many keys are held now. */
  get size(): number {
    return this.buckets.size;
  }

  /** The tokens `key` has now (fractional; negative while it pays off a debt). */
  tokens(key: string): number {
    const bucket = this.buckets.get(key);
    return bucket ? this.refill(bucket, this.now()) : this.burst;
  }

  /** True when `key` has at least one whole token; takes nothing. */
  allows(key: string): boolean {
    return this.tokens(key) >= 1;
  }

  /** Takes one token if there is one; false (and nothing taken) when the bucket is empty. */
  tryTake(key: string): boolean {
    if (!this.allows(key)) return false;
    this.charge(key);
    return true;
  }

  /**
   * Takes `n` tokens even if that leaves the bucket in debt (at most one burst deep): for
   * costs known only after the work, such as a failed lookup. Requests that were already
   * under way when the bucket ran dry are paid back by a longer wait, so parallel requests
   * cannot beat the long-term rate.
   */
  charge(key: string, n = 1): void {
    const now = this.now();
    this.maybeSweep(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.refill(bucket, now) : this.burst;
    // Re-inserted so the map stays in order of last use.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: Math.max(-this.burst, tokens - n), at: now });
    while (this.buckets.size > this.maxKeys) {
      const stalest = this.buckets.keys().next().value;
      if (stalest === undefined) break;
      this.buckets.delete(stalest);
    }
  }

  /** Whole seconds until `key` has one token again (0 when it has one now). */
  retryAfterSeconds(key: string): number {
    const missing = 1 - this.tokens(key);
    return missing <= 0 ? 0 : Math.max(1, Math.ceil(missing / this.perSecond));
  }

  /** Drops every bucket that has refilled completely; runs by itself at most once per sweepMs. */
  sweep(): void {
    const now = this.now();
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.refill(bucket, now) >= this.burst) this.buckets.delete(key);
    }
  }

  private maybeSweep(now: number): void {
    if (now - this.lastSweep >= this.sweepMs) this.sweep();
  }

  private refill(bucket: Bucket, now: number): number {
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    return Math.min(this.burst, bucket.tokens + elapsed * this.perSecond);
  }
}

export interface RateLimitOptions {
  /** Every request costs one token from each of these. */
  limiters: readonly RateLimiter[];
  /**
   * A bucket charged only for answers that `failed` marks (e.g. 404, an unknown code). It must
   * hold a token for the request to start, so once a key has failed too often, all its
   * requests are refused, the ones that would succeed too: the refusal tells nothing.
   */
  failures?: { limiter: RateLimiter; failed: (status: number) => boolean };
  /** The key a request is counted under (its client's address). */
  key: (c: Context) => string;
  /** Called for each refusal (logging). */
  onRefused?: (c: Context, key: string) => void;
}

/**
 * Middleware that answers 429 `rate_limited` with `Retry-After` when a bucket of the
 * request's key is empty, before the body is read or anything is looked up.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { limiters, failures } = options;
  const all = failures ? [...limiters, failures.limiter] : limiters;
  return async (c, next) => {
    const key = options.key(c);
    const empty = all.filter((l) => !l.allows(key));
    if (empty.length > 0) {
      const wait = Math.max(...empty.map((l) => l.retryAfterSeconds(key)));
      options.onRefused?.(c, key);
      c.header('Retry-After', String(wait));
      return c.json(
        { error: 'rate_limited', message: `too many requests; try again in ${wait} s` },
        429,
      );
    }
    for (const l of limiters) l.charge(key);
    await next();
    if (failures?.failed(c.res.status)) failures.limiter.charge(key);
  };
}
